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
}
