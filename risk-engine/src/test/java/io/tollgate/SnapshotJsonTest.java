package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.Carrier;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.facts.Charge;
import io.tollgate.facts.Complaints;
import io.tollgate.facts.ListHits;
import io.tollgate.facts.Subscriber;
import io.tollgate.facts.Subscription;
import io.tollgate.facts.Velocity;
import io.tollgate.facts.VelocityWindow;
import io.tollgate.signals.subscriber.Plan;
import io.tollgate.signals.subscriber.SubscriberStatus;
import io.tollgate.store.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A case's snapshot JSON is read back by the review console: its text must not change with how it is written. */
class SnapshotJsonTest {
    private static final double[] RATES = {0, -0.0, 0.1, 1.0 / 3, 12.5, 1e-7, 1e21, 123456789.125, Double.MIN_VALUE,
        Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Test
    void writesWhatTheFactsConvertedToMapsWrote() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            String msisdn = "1380013" + String.format("%04d", random.nextInt(10_000));
            ChargeRequest request = ChargeRequest.builder().requestId("R" + i).msisdn(msisdn).merchantId("M1")
                    .productId("P1").amountFen(100).billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                    .payMode(PayMode.SMS_OTP).build();
            RiskEngine.Facts facts = facts(random, msisdn);

            assertThat(RiskEngine.snapshotJson(request, facts)).isEqualTo(convertedToMaps(request, facts));
        }
    }

    /** How the snapshot was written before: every fact converted to a map, the number masked in the charge's. */
    private static String convertedToMaps(ChargeRequest request, RiskEngine.Facts facts) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        facts.named().forEach((name, fact) -> snapshot.put(name, Json.mapper().convertValue(fact, Map.class)));
        @SuppressWarnings("unchecked")
        Map<String, Object> charge = (Map<String, Object>) snapshot.get("charge");
        charge.put("msisdn", request.msisdn().masked());
        return Json.write(snapshot);
    }

    private static RiskEngine.Facts facts(Random random, String msisdn) {
        Charge charge = new Charge(text(random), msisdn, pick(random, Carrier.values()), nullable(random, text(random)),
                text(random), text(random), random.nextLong(), pick(random, BillingType.values()),
                pick(random, ChargeKind.values()), pick(random, PayMode.values()), nullable(random, text(random)),
                nullable(random, text(random)), random.nextBoolean() ? null : random.nextLong(), random.nextInt(24));
        Subscriber subscriber = new Subscriber(random.nextBoolean(), pick(random, Carrier.values()),
                pick(random, Plan.values()), pick(random, SubscriberStatus.values()), random.nextLong(),
                random.nextLong(), random.nextInt(), random.nextLong());
        List<String> entries = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            entries.add(text(random));
        }
        ListHits lists = new ListHits(random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean(), entries);
        double rate = random.nextBoolean() ? RATES[random.nextInt(RATES.length)] : random.nextDouble() * 1e4;
        Complaints complaints = new Complaints(random.nextInt(), random.nextInt(), random.nextInt(),
                random.nextBoolean(), random.nextInt(), random.nextInt(), random.nextInt(), random.nextLong(), rate);
        Velocity velocity = new Velocity(window(random), window(random), window(random), window(random),
                random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(),
                random.nextInt(), random.nextInt());
        Subscription subscription = random.nextInt(4) == 0 ? null : new Subscription(random.nextBoolean(),
                pick(random, BillingType.values()), nullable(random, instant(random)), nullable(random, instant(random)),
                random.nextBoolean());
        return new RiskEngine.Facts(charge, subscriber, lists, complaints, velocity, subscription);
    }

    private static VelocityWindow window(Random random) {
        return new VelocityWindow(random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(),
                random.nextInt(), random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(),
                random.nextLong());
    }

    private static Instant instant(Random random) {
        return Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000),
                random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0 -> text.append((char) random.nextInt(0x80));
                case 1 -> text.append((char) (0x4E00 + random.nextInt(0x5000)));
                case 2 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }

    private static <T> T nullable(Random random, T value) {
        return random.nextInt(5) == 0 ? null : value;
    }

    private static <T> T pick(Random random, T[] values) {
        return random.nextInt(6) == 0 ? null : values[random.nextInt(values.length)];
    }
}
