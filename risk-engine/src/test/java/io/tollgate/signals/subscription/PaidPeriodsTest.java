package io.tollgate.signals.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.Msisdn;
import io.tollgate.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaidPeriodsTest {
    private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant MARCH_10 = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant MARCH_20 = Instant.parse("2026-03-20T00:00:00Z");

    @TempDir
    Path folder;

    private static PaidPeriod period(String msisdn, String productId, Instant at) {
        return new PaidPeriod(new Msisdn(msisdn), "M1", productId, BillingType.MONTHLY_ROLLING, at);
    }

    @Test
    void latest_periodsOfSeveralProducts_givesTheLatestOfThisProductPaidByThen() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")))) {
            PaidPeriods periods = new PaidPeriods(new JdbiPaidPeriodStore(database.jdbi()));
            periods.addAll(List.of(period("13800138000", "P1", MARCH_1), period("13800138000", "P2", MARCH_10),
                    period("13800138000", "P1", MARCH_20)));

            assertThat(periods.latest("13800138000", "M1", "P1", MARCH_10)).get()
                    .extracting(PaidPeriod::lastChargedAt).isEqualTo(MARCH_1);
            assertThat(periods.latest("13800138000", "M1", "P1", MARCH_20)).get()
                    .extracting(PaidPeriod::lastChargedAt).isEqualTo(MARCH_20);
            assertThat(periods.latest("13800138000", "M1", "P2", MARCH_1)).isEmpty(); // paid later
            assertThat(periods.latest("13800138000", "M2", "P1", MARCH_20)).isEmpty();
            assertThat(periods.latest("13900139000", "M1", "P1", MARCH_20)).isEmpty();
        }
    }

    @Test
    void latest_periodAddedAfterTheNumberWasRead_isSeenAtOnce() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")))) {
            PaidPeriods periods = new PaidPeriods(new JdbiPaidPeriodStore(database.jdbi()));
            periods.addAll(List.of(period("13800138000", "P1", MARCH_1)));
            assertThat(periods.latest("13800138000", "M1", "P1", MARCH_20)).isPresent();

            periods.addAll(List.of(period("13800138000", "P1", MARCH_10)));

            assertThat(periods.latest("13800138000", "M1", "P1", MARCH_20)).get()
                    .extracting(PaidPeriod::lastChargedAt).isEqualTo(MARCH_10);
        }
    }

    @Test
    void addAll_periodOfTheSameProductAndInstant_replacesTheOldOne() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")))) {
            PaidPeriods periods = new PaidPeriods(new JdbiPaidPeriodStore(database.jdbi()));
            periods.addAll(List.of(period("13800138000", "P1", MARCH_1)));

            PaidPeriod calendar = new PaidPeriod(new Msisdn("13800138000"), "M1", "P1", BillingType.MONTHLY_CALENDAR,
                    MARCH_1);
            periods.addAll(List.of(calendar));

            assertThat(periods.latest("13800138000", "M1", "P1", MARCH_10)).contains(calendar);
            assertThat(new PaidPeriods(new JdbiPaidPeriodStore(database.jdbi()))
                    .latest("13800138000", "M1", "P1", MARCH_10)).contains(calendar);
        }
    }

    @Test
    void latest_periodsStoredBeforeOpening_areKnown() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")))) {
            new JdbiPaidPeriodStore(database.jdbi()).addAll(List.of(period("13800138000", "P1", MARCH_1)));

            PaidPeriods periods = new PaidPeriods(new JdbiPaidPeriodStore(database.jdbi()));

            assertThat(periods.latest("13800138000", "M1", "P1", MARCH_10)).isPresent();
        }
    }
}
