package io.tollgate.signals.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.charge.Carrier;
import io.tollgate.charge.Msisdn;
import io.tollgate.facts.Subscriber;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SubscriberSignalsTest {
    private static final Msisdn NUMBER = new Msisdn("13800138000");
    private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");

    /** A store in a list; it can be told to fail. */
    private static final class ListStore implements SubscriberStore {
        final List<SubscriberProfile> stored = new ArrayList<>();
        boolean failing;

        @Override
        public void forEachVersion(Consumer<SubscriberProfile> each) {
            stored.forEach(each);
        }

        @Override
        public void addAll(Collection<SubscriberProfile> profiles) {
            if (failing) {
                throw new IllegalStateException("store down");
            }
            stored.addAll(profiles);
        }
    }

    private static SubscriberProfile version(Msisdn msisdn, long balance, Instant updatedAt) {
        return new SubscriberProfile(msisdn, Carrier.CMCC, LocalDate.of(2020, 5, 1), Plan.PREPAID, balance, 0,
                SubscriberStatus.ACTIVE, balance % 2 == 0 ? null : LocalDate.of(2024, 1, 2), updatedAt);
    }

    @Test
    void asOf_findsTheLatestVersionAtOrBeforeTheInstant_whateverOrderTheyCameIn() {
        SubscriberSignals signals = new SubscriberSignals(new ListStore());
        SubscriberProfile second = version(NUMBER, 200, MARCH_1.plusSeconds(200));
        SubscriberProfile first = version(NUMBER, 101, MARCH_1.plusSeconds(100));
        SubscriberProfile third = version(NUMBER, 300, MARCH_1.plusSeconds(300));

        signals.addAll(List.of(second, third, first));

        assertThat(signals.asOf(NUMBER, MARCH_1.plusSeconds(99))).isEmpty();
        assertThat(signals.asOf(NUMBER, MARCH_1.plusSeconds(100))).contains(first);
        assertThat(signals.asOf(NUMBER, MARCH_1.plusSeconds(299))).contains(second);
        assertThat(signals.asOf(NUMBER, MARCH_1.plusSeconds(300))).contains(third);
        assertThat(signals.asOf(new Msisdn("13900139000"), MARCH_1.plusSeconds(300))).isEmpty();
    }

    @Test
    void factAsOf_isTheFactOfTheProfileAsOf_orUnknown() {
        SubscriberSignals signals = new SubscriberSignals(new ListStore());
        signals.addAll(List.of(version(NUMBER, 100, MARCH_1), version(NUMBER, 201, MARCH_1.plusSeconds(86_400 * 40))));
        Instant[] instants = {MARCH_1.minusSeconds(1), MARCH_1, MARCH_1.plusSeconds(57_600 - 1), MARCH_1.plusSeconds(57_600),
            MARCH_1.plusSeconds(86_400 * 40), MARCH_1.plusSeconds(86_400 * 400)};

        for (Instant now : instants) {
            Subscriber expected = signals.asOf(NUMBER, now).map(profile -> profile.asFactAt(now))
                    .orElse(Subscriber.UNKNOWN);
            assertThat(signals.factAsOf(NUMBER, now)).as("as of %s", now).isEqualTo(expected);
        }
        assertThat(signals.factAsOf(NUMBER, MARCH_1.minusSeconds(1))).isSameAs(Subscriber.UNKNOWN);
        assertThat(signals.factAsOf(new Msisdn("13900139000"), MARCH_1)).isSameAs(Subscriber.UNKNOWN);
        assertThat(signals.factAsOf(NUMBER, MARCH_1.plusSeconds(86_400 * 40)).daysSincePorted()).isPositive();
    }

    @Test
    void addAll_versionAtTheSameInstant_replacesTheOldOne() {
        SubscriberSignals signals = new SubscriberSignals(new ListStore());
        signals.addAll(List.of(version(NUMBER, 100, MARCH_1)));

        SubscriberProfile corrected = version(NUMBER, 500, MARCH_1);
        signals.addAll(List.of(corrected));

        assertThat(signals.asOf(NUMBER, MARCH_1.plusSeconds(1))).contains(corrected);
    }

    @Test
    void open_readsEveryStoredVersion_ofManyNumbers() {
        ListStore store = new ListStore();
        for (int i = 0; i < 5_000; i++) {
            Msisdn msisdn = new Msisdn(String.valueOf(13_000_000_000L + i * 7919L));
            store.stored.add(version(msisdn, i * 2L, MARCH_1.plusSeconds(i)));
            store.stored.add(version(msisdn, i * 2L + 1, MARCH_1.plusSeconds(10_000 + i)));
        }

        SubscriberSignals signals = new SubscriberSignals(store);

        for (int i = 0; i < 5_000; i += 97) {
            Msisdn msisdn = new Msisdn(String.valueOf(13_000_000_000L + i * 7919L));
            assertThat(signals.asOf(msisdn, MARCH_1.plusSeconds(9_999))).map(SubscriberProfile::balanceFen)
                    .contains(i * 2L);
            assertThat(signals.asOf(msisdn, MARCH_1.plusSeconds(20_000))).contains(store.stored.get(2 * i + 1));
        }
    }

    @Test
    void addAll_whenTheStoreFails_keepsNothingInMemory() {
        ListStore store = new ListStore();
        SubscriberSignals signals = new SubscriberSignals(store);
        store.failing = true;

        assertThatThrownBy(() -> signals.addAll(List.of(version(NUMBER, 100, MARCH_1))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(signals.asOf(NUMBER, MARCH_1.plusSeconds(1))).isEmpty();
    }
}
