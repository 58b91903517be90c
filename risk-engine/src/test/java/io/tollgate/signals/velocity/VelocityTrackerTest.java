package io.tollgate.signals.velocity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VelocityTrackerTest {
    private static final Instant T = Instant.parse("2026-03-10T04:00:00Z"); // 12:00 China time

    private static ChargeRequest charge(String id, long amountFen) {
        return ChargeRequest.builder().requestId(id).msisdn("13800138000").merchantId("M1").productId("P1")
                .amountFen(amountFen).billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                .payMode(PayMode.SMS_OTP).deviceId("d1").ip("10.0.0.1").build();
    }

    @Test
    void snapshot_countsThisChargeAndApprovedSpendOnly() {
        VelocityTracker tracker = new VelocityTracker();
        tracker.record(Attempt.of(charge("R1", 1000), T.minus(Duration.ofMinutes(5)), true));
        tracker.record(Attempt.of(charge("R2", 2000), T.minus(Duration.ofMinutes(4)), false)); // blocked

        var window = tracker.snapshot(charge("R3", 300), T).velocity().msisdn();

        assertThat(window.attempts10m()).isEqualTo(3);
        assertThat(window.spend10m()).isEqualTo(1300);
        assertThat(window.spendDay()).isEqualTo(1300);
    }

    @Test
    void snapshot_manyApprovedChargesOfTheLargestAmount_sumsExactlyPastTheIntRange() {
        VelocityTracker tracker = new VelocityTracker();
        int charges = 2_000;
        for (int i = 0; i < charges; i++) {
            tracker.record(Attempt.of(charge("R" + i, Integer.MAX_VALUE), T.minusMillis(charges - i), true));
        }

        var velocity = tracker.snapshot(charge("R-last", Integer.MAX_VALUE), T).velocity();

        long expected = (charges + 1L) * Integer.MAX_VALUE;
        assertThat(velocity.msisdn().spend10m()).isEqualTo(expected);
        assertThat(velocity.msisdn().spendMonth()).isEqualTo(expected);
        assertThat(velocity.msisdn().attempts10m()).isEqualTo(charges + 1);
        assertThat(velocity.device().spendDay()).isEqualTo(expected);
        assertThat(velocity.ip().spend24h()).isEqualTo(expected);
    }

    @Test
    void snapshot_hotDeviceChargingTheLargestAmount_sumsExactlyPastTheIntRange() {
        VelocityTracker tracker = new VelocityTracker();
        int numbers = VelocityTracker.HOT_AFTER * 4;
        for (int i = 0; i < numbers; i++) {
            ChargeRequest other = ChargeRequest.builder().requestId("R" + i).msisdn(String.valueOf(13_900_000_000L + i))
                    .merchantId("M1").productId("P1").amountFen(Integer.MAX_VALUE).billingType(BillingType.PER_USE)
                    .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).deviceId("d1").ip("10.0.0.1").build();
            tracker.record(Attempt.of(other, T.minusMillis(numbers - i), true));
        }

        var velocity = tracker.snapshot(charge("R-last", Integer.MAX_VALUE), T).velocity();

        long expected = (numbers + 1L) * Integer.MAX_VALUE;
        assertThat(velocity.device().spendDay()).isEqualTo(expected);
        assertThat(velocity.ip().spendMonth()).isEqualTo(expected);
        assertThat(velocity.deviceMsisdns24h()).isEqualTo(numbers + 1);
    }

    @Test
    void snapshot_calendarDayStartsAtMidnightChinaTime() {
        VelocityTracker tracker = new VelocityTracker();
        tracker.record(Attempt.of(charge("R1", 1000), Instant.parse("2026-03-09T15:59:59Z"), true)); // 23:59:59 CST
        tracker.record(Attempt.of(charge("R2", 2000), Instant.parse("2026-03-09T16:00:00Z"), true)); // 00:00 CST

        var window = tracker.snapshot(charge("R3", 100), T).velocity().msisdn();

        assertThat(window.spendDay()).isEqualTo(2100);
        assertThat(window.spend24h()).isEqualTo(3100);
    }

    @Test
    void prune_forgetsKeysIdleForOverAMonth_keepsRecentOnes() {
        VelocityTracker tracker = new VelocityTracker();
        tracker.record(Attempt.of(charge("R1", 1000), T, true));

        assertThat(tracker.prune(T.plus(Duration.ofDays(10)))).isZero();
        assertThat(tracker.trackedNumbers()).isEqualTo(1);

        assertThat(tracker.prune(T.plus(Duration.ofDays(33)))).isPositive();
        assertThat(tracker.trackedNumbers()).isZero();
    }

    @Test
    void unapproveThenReapprove_restoresTheSpend() {
        VelocityTracker tracker = new VelocityTracker();
        Attempt attempt = Attempt.of(charge("R1", 1000), T, true);
        tracker.record(attempt);

        tracker.unapprove(attempt);
        assertThat(tracker.snapshot(charge("R2", 1), T).velocity().msisdn().spendDay()).isEqualTo(1);

        tracker.reapprove(attempt);
        assertThat(tracker.snapshot(charge("R2", 1), T).velocity().msisdn().spendDay()).isEqualTo(1001);
    }

    private static ChargeRequest charge(String id, String msisdn, String device, String ip) {
        return ChargeRequest.builder().requestId(id).msisdn(msisdn).merchantId("M1").productId("P1").amountFen(100)
                .billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP)
                .deviceId(device).ip(ip).build();
    }

    @Test
    void windows_areExactToTheMillisecond() {
        VelocityTracker tracker = new VelocityTracker();
        tracker.record(Attempt.of(charge("R1", 1000), T.minus(Duration.ofMinutes(10)), true));
        tracker.record(Attempt.of(charge("R2", 2000), T.minus(Duration.ofMinutes(10)).plusMillis(1), true));

        var window = tracker.snapshot(charge("R3", 300), T).velocity().msisdn();

        assertThat(window.attempts10m()).isEqualTo(2);
        assertThat(window.spend10m()).isEqualTo(2300);
        assertThat(window.attempts1h()).isEqualTo(3);
    }

    @Test
    void deviceAndIp_countTheAttemptsOfEveryNumberTheyCharged() {
        VelocityTracker tracker = new VelocityTracker();
        tracker.record(Attempt.of(charge("R1", "13800000001", "d1", "10.0.0.1"), T.minus(Duration.ofDays(2)), true));
        tracker.record(Attempt.of(charge("R2", "13900000002", "d1", "10.0.0.1"), T.minus(Duration.ofMinutes(30)),
                true));
        tracker.record(Attempt.of(charge("R3", "15000000003", "d2", "10.0.0.1"), T.minus(Duration.ofMinutes(90)),
                false));
        tracker.record(Attempt.of(charge("R4", "13900000002", "d2", "10.0.0.9"), T.minus(Duration.ofMinutes(5)),
                true));

        var velocity = tracker.snapshot(charge("R5", "13800000001", "d1", "10.0.0.1"), T).velocity();

        assertThat(velocity.device().attempts24h()).isEqualTo(2); // R2 and this charge; R4 came from d2
        assertThat(velocity.device().attemptsMonth()).isEqualTo(3);
        assertThat(velocity.device().spendMonth()).isEqualTo(300);
        assertThat(velocity.deviceMsisdns24h()).isEqualTo(2);
        assertThat(velocity.deviceMsisdns7d()).isEqualTo(2);
        assertThat(velocity.ip().attempts24h()).isEqualTo(3); // R2, R3 (blocked) and this charge
        assertThat(velocity.ip().spend24h()).isEqualTo(200);
        assertThat(velocity.ipMsisdns1h()).isEqualTo(2);
        assertThat(velocity.ipMsisdns24h()).isEqualTo(3);
        assertThat(velocity.msisdn().attemptsMonth()).isEqualTo(2);
    }

    @Test
    void block_countsTheNumbersOfTheSameFirst9Digits() {
        VelocityTracker tracker = new VelocityTracker();
        tracker.record(Attempt.of(charge("R1", "13800138001", null, null), T.minus(Duration.ofHours(3)), true));
        tracker.record(Attempt.of(charge("R2", "13800138099", null, null), T.minus(Duration.ofDays(3)), true));
        tracker.record(Attempt.of(charge("R3", "13800138100", null, null), T.minus(Duration.ofHours(1)), true));

        var velocity = tracker.snapshot(charge("R4", "13800138000", null, null), T).velocity();

        assertThat(velocity.blockMsisdns24h()).isEqualTo(2);
        assertThat(velocity.blockMsisdns7d()).isEqualTo(3);
        assertThat(velocity.device()).isEqualTo(io.tollgate.facts.VelocityWindow.NONE);
        assertThat(tracker.trackedNumbers()).isEqualTo(3);
    }

    @Test
    void forget_takesTheAttemptOutOfEveryFigure() {
        VelocityTracker tracker = new VelocityTracker();
        Attempt kept = Attempt.of(charge("R1", "13800000001", "d1", "10.0.0.1"), T.minus(Duration.ofMinutes(3)), true);
        Attempt forgotten = Attempt.of(charge("R2", "13800000002", "d1", "10.0.0.1"), T.minus(Duration.ofMinutes(2)),
                true);
        tracker.record(kept);
        tracker.record(forgotten);

        tracker.forget(forgotten);

        var velocity = tracker.snapshot(charge("R3", "13800000003", "d1", "10.0.0.1"), T).velocity();
        assertThat(velocity.device().attempts10m()).isEqualTo(2);
        assertThat(velocity.deviceMsisdns24h()).isEqualTo(2);
        assertThat(velocity.ipMsisdns1h()).isEqualTo(2);
        assertThat(velocity.blockMsisdns24h()).isEqualTo(2);
        assertThat(tracker.trackedNumbers()).isEqualTo(1);
        assertThat(tracker.snapshot(charge("R4", 100), T).merchantApproved30d()).isEqualTo(1);
    }

    @Test
    void unapprove_forgetsTheSubscriptionItPaid() {
        VelocityTracker tracker = new VelocityTracker();
        ChargeRequest monthly = ChargeRequest.builder().requestId("S1").msisdn("13800138000").merchantId("M1")
                .productId("VIP").amountFen(1500).billingType(BillingType.MONTHLY_CALENDAR)
                .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).build();
        Attempt paid = Attempt.of(monthly, T.minus(Duration.ofDays(1)), true);
        tracker.record(paid);

        var subscription = tracker.snapshot(monthly, T).subscription();
        assertThat(subscription.exists()).isTrue();
        assertThat(subscription.lastChargeAt()).isEqualTo(paid.at());
        assertThat(subscription.inCurrentPeriod()).isTrue();

        tracker.unapprove(paid);
        assertThat(tracker.snapshot(monthly, T).subscription().exists()).isFalse();
        assertThat(tracker.snapshot(monthly, T).velocity().msisdn().spendMonth()).isEqualTo(1500);

        tracker.reapprove(paid);
        assertThat(tracker.snapshot(monthly, T).subscription().lastChargeAt()).isEqualTo(paid.at());
        assertThat(tracker.snapshot(monthly, T).velocity().msisdn().spendMonth()).isEqualTo(3000);
    }

    @Test
    void unapprove_findsTheAttemptAtTheLogsMicrosecondRounding() {
        VelocityTracker tracker = new VelocityTracker();
        Instant decided = T.plusNanos(999_999_700); // the log keeps microseconds: .999999700 becomes 1.000000
        tracker.record(Attempt.of(charge("R1", 1000), decided, true));

        tracker.unapprove(Attempt.of(charge("R1", 1000), T.plusSeconds(1), true));

        assertThat(tracker.snapshot(charge("R2", 1), T.plusSeconds(2)).velocity().msisdn().spendDay()).isEqualTo(1);
    }

    @Test
    void prune_reclaimsNumbersDevicesAndIps_keepsSubscriptionsUntilTheirPeriodIsLongOver() {
        VelocityTracker tracker = new VelocityTracker();
        tracker.record(Attempt.of(charge("R1", "13800000001", "d1", "10.0.0.1"), T, true));
        ChargeRequest monthly = ChargeRequest.builder().requestId("S1").msisdn("13800000002").merchantId("M1")
                .productId("VIP").amountFen(1500).billingType(BillingType.MONTHLY_CALENDAR)
                .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).build();
        tracker.record(Attempt.of(monthly, T, true));

        assertThat(tracker.prune(T.plus(Duration.ofDays(33)))).isEqualTo(3); // a number, its device and IP
        assertThat(tracker.trackedNumbers()).isEqualTo(1); // the subscription's period ended 3 weeks ago
        assertThat(tracker.snapshot(monthly, T.plus(Duration.ofDays(33))).subscription().exists()).isTrue();

        assertThat(tracker.prune(T.plus(Duration.ofDays(64)))).isEqualTo(1);
        assertThat(tracker.trackedNumbers()).isZero();
        var velocity = tracker.snapshot(charge("R2", "13800000003", "d1", "10.0.0.1"), T).velocity();
        assertThat(velocity.deviceMsisdns24h()).isEqualTo(1);
        assertThat(velocity.ip().attempts24h()).isEqualTo(1);
    }

    @Test
    void aNumberOnManyDevices_keepsCountingItsAttempts() {
        VelocityTracker tracker = new VelocityTracker();
        for (int i = 0; i < 70; i++) {
            tracker.record(Attempt.of(charge("R" + i, "13800000001", "d" + i, "10.0.0.1"),
                    T.minus(Duration.ofMinutes(70 - i)), true));
        }

        var velocity = tracker.snapshot(charge("R70", "13800000002", "d69", "10.0.0.1"), T).velocity();

        assertThat(velocity.msisdn().attempts24h()).isEqualTo(1);
        assertThat(velocity.ip().attempts24h()).isEqualTo(71);
        assertThat(velocity.device().attempts24h()).isEqualTo(2);
        assertThat(velocity.deviceMsisdns24h()).isEqualTo(2);
        // A number lists the devices of its newest 62 attempts: d0 to d7 are past the limit.
        assertThat(tracker.snapshot(charge("R70", "13800000002", "d8", null), T).velocity().deviceMsisdns24h())
                .isEqualTo(2);
        assertThat(tracker.snapshot(charge("R70", "13800000002", "d7", null), T).velocity().deviceMsisdns24h())
                .isEqualTo(1);
        assertThat(tracker.snapshot(charge("R71", "13800000001", "d1", null), T).velocity().msisdn().attempts24h())
                .isEqualTo(71);
    }

    @Test
    void subscription_keepsTheLatestPaidPeriodOfEachProduct() {
        VelocityTracker tracker = new VelocityTracker();
        ChargeRequest rolling = ChargeRequest.builder().requestId("S1").msisdn("13800138000").merchantId("M1")
                .productId("VIP").amountFen(1500).billingType(BillingType.MONTHLY_ROLLING)
                .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).deviceId("d1").build();
        ChargeRequest other = ChargeRequest.builder().requestId("S2").msisdn("13800138000").merchantId("M2")
                .productId("VIP").amountFen(800).billingType(BillingType.MONTHLY_CALENDAR)
                .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).deviceId("d1").build();
        tracker.record(Attempt.of(rolling, T.minus(Duration.ofDays(40)), true));
        tracker.record(Attempt.of(other, T.minus(Duration.ofDays(9)), true));
        tracker.record(Attempt.of(rolling, T.minus(Duration.ofDays(8)), true)); // the renewal
        tracker.record(Attempt.of(rolling, T.minus(Duration.ofDays(1)), false)); // blocked: pays nothing

        var subscription = tracker.snapshot(rolling, T).subscription();
        assertThat(subscription.billingType()).isEqualTo(BillingType.MONTHLY_ROLLING);
        assertThat(subscription.lastChargeAt()).isEqualTo(T.minus(Duration.ofDays(8)));
        assertThat(subscription.periodEnd()).isEqualTo(
                SubscriptionPeriods.periodEnd(BillingType.MONTHLY_ROLLING, T.minus(Duration.ofDays(8))));
        assertThat(tracker.snapshot(other, T).subscription().lastChargeAt()).isEqualTo(T.minus(Duration.ofDays(9)));
        assertThat(tracker.snapshot(rolling, T.minus(Duration.ofDays(20))).subscription().lastChargeAt())
                .isNull(); // paid later than that instant: not seen then
    }

    @Test
    void concurrentChecksOfNumbersSharingDevicesAndIps_countEveryAttempt() throws Exception {
        VelocityTracker tracker = new VelocityTracker();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        String msisdn = "138" + String.format("%08d", thread * 1_000 + i);
                        ChargeRequest charge = charge("R" + thread + "-" + i, msisdn, "d" + i % 10, "10.0.0." + i % 5);
                        tracker.snapshot(charge, T);
                        tracker.record(Attempt.of(charge, T.minusSeconds(i % 600), true));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> future : done) {
                future.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        var velocity = tracker.snapshot(charge("R", "13900000000", "d3", "10.0.0.1"), T).velocity();
        assertThat(velocity.device().attempts24h()).isEqualTo(401);
        assertThat(velocity.deviceMsisdns24h()).isEqualTo(401);
        assertThat(velocity.ip().spend24h()).isEqualTo(801 * 100);
        assertThat(tracker.trackedNumbers()).isEqualTo(4_000);
    }
}
