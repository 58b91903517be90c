package io.tollgate.signals.velocity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.ChinaTime;
import io.tollgate.charge.PayMode;
import io.tollgate.facts.Velocity;
import io.tollgate.facts.VelocityWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The tracker against a plain list of attempts counted the obvious way: random attempts of numbers
 * that share blocks, devices and IPs, some later than the check, some taken back.
 */
class VelocityTrackerModelTest {
    private static final Instant T = Instant.parse("2026-03-20T04:00:00Z");
    private static final String[] NUMBERS = {"13800138000", "13800138001", "13800138077", "13900139000",
        "15000000001"};
    private static final String[] DEVICES = {"d1", "d2", "d3", null};
    private static final String[] IPS = {"10.0.0.1", "10.0.0.2", null};
    private static final String[] MERCHANTS = {"M1", "M2", "M3"};

    /** An attempt as the model sees it; {@code approvedFen} changes when the carrier fails it. */
    private static final class Kept {
        final Attempt attempt;
        long approvedFen;

        Kept(Attempt attempt) {
            this.attempt = attempt;
            this.approvedFen = attempt.approved() ? attempt.amountFen() : 0;
        }
    }

    @Test
    void everyFigureMatchesTheModel() {
        for (long seed = 1; seed <= 40; seed++) {
            check(seed, false, VelocityTracker.HOT_AFTER);
        }
    }

    /** Devices and IPs past one or two numbers keep their own attempts: the figures stay the same. */
    @Test
    void everyFigureMatchesTheModel_whenDevicesAndIpsAreHot() {
        for (long seed = 1; seed <= 40; seed++) {
            check(seed, false, 1);
            check(seed, false, 2);
            check(seed, true, 1);
            check(seed, true, 3);
        }
    }

    /** Two months of attempts in time order: records drop those past the retention as they go. */
    @Test
    void everyFigureMatchesTheModel_afterAttemptsPastTheRetentionAreDropped() {
        for (long seed = 1; seed <= 40; seed++) {
            check(seed, true, VelocityTracker.HOT_AFTER);
        }
    }

    /**
     * The engine's clock walks forward, in small steps and jumps of days, and each attempt is
     * recorded at any time a charge may carry: up to 35 days behind the clock (a late event) or 5
     * minutes ahead of it (a gateway whose clock runs fast). Every check, taken at the clock's time,
     * matches the model of the attempts recorded so far.
     */
    @Test
    void everyFigureMatchesTheModel_withAttemptsOutOfOrderWithinTheSkew() {
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            VelocityTracker tracker = new VelocityTracker(1 + random.nextInt(VelocityTracker.HOT_AFTER));
            List<Kept> kept = new ArrayList<>();
            Instant clock = T;
            for (int i = 0; i < 300; i++) {
                clock = random.nextInt(10) == 0 ? clock.plus(Duration.ofDays(random.nextInt(4)))
                        : clock.plusMillis(random.nextLong(Duration.ofMinutes(20).toMillis()));
                Instant at = switch (random.nextInt(4)) {
                    case 0 -> clock.minusMillis(random.nextLong(ChargeRequest.MAX_TS_BEHIND.toMillis()));
                    case 1 -> clock.plusMillis(random.nextLong(ChargeRequest.MAX_TS_AHEAD.toMillis()));
                    default -> clock;
                };
                ChargeRequest charge = ChargeRequest.builder().requestId("Q" + i).msisdn(pick(random, NUMBERS))
                        .merchantId(pick(random, MERCHANTS)).productId("P1").amountFen(1 + random.nextInt(3_000))
                        .billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP)
                        .deviceId(pick(random, DEVICES)).ip(pick(random, IPS)).build();
                assertThat(tracker.snapshot(charge, clock).velocity()).as("seed %d, check %d at %s", seed, i, clock)
                        .isEqualTo(model(kept, charge, clock));
                Attempt attempt = Attempt.of(charge, at, random.nextInt(4) != 0);
                tracker.record(attempt);
                kept.add(new Kept(attempt));
                if (random.nextInt(50) == 0) {
                    tracker.prune(clock); // the engine's housekeeping, every 10 minutes
                }
            }
        }
    }

    private static void check(long seed, boolean twoMonthsInOrder, int hotAfter) {
        SplittableRandom random = new SplittableRandom(seed);
        VelocityTracker tracker = new VelocityTracker(hotAfter);
        List<Kept> kept = new ArrayList<>();
        int attempts = 20 + random.nextInt(200);
        long[] backs = new long[attempts];
        for (int i = 0; i < attempts; i++) {
            // Mostly within the last day, some over the month, a few after the check.
            backs[i] = twoMonthsInOrder ? random.nextLong(Duration.ofDays(64).toMillis()) : switch (random.nextInt(4)) {
                case 0 -> random.nextLong(Duration.ofDays(31).toMillis());
                case 1 -> random.nextLong(Duration.ofHours(2).toMillis());
                case 2 -> random.nextLong(Duration.ofMinutes(15).toMillis());
                default -> random.nextLong(Duration.ofDays(8).toMillis()) - Duration.ofMinutes(30).toMillis();
            };
        }
        if (twoMonthsInOrder) {
            java.util.Arrays.sort(backs);
            for (int i = 0; i < attempts / 2; i++) { // oldest first
                long swap = backs[i];
                backs[i] = backs[attempts - 1 - i];
                backs[attempts - 1 - i] = swap;
            }
        }
        for (int i = 0; i < attempts; i++) {
            long back = backs[i];
            Attempt attempt = new Attempt("R" + seed + "-" + i, pick(random, NUMBERS), pick(random, MERCHANTS),
                    "P1", pick(random, DEVICES), pick(random, IPS), 1 + random.nextInt(3_000), BillingType.PER_USE,
                    T.minusMillis(back), random.nextInt(4) != 0, false);
            tracker.record(attempt);
            kept.add(new Kept(attempt));
        }
        for (int i = 0; i < attempts / 10; i++) {
            Kept taken = kept.get(random.nextInt(kept.size()));
            switch (random.nextInt(3)) {
                case 0 -> {
                    tracker.unapprove(taken.attempt);
                    taken.approvedFen = 0;
                }
                case 1 -> {
                    if (taken.attempt.approved() && taken.approvedFen == 0) { // the carrier corrects a failure
                        tracker.reapprove(taken.attempt);
                        taken.approvedFen = taken.attempt.amountFen();
                    }
                }
                default -> {
                    tracker.forget(taken.attempt);
                    kept.remove(taken);
                }
            }
        }
        if (twoMonthsInOrder) {
            tracker.prune(T); // drops only attempts no window counts
        }
        for (int i = 0; i < 20; i++) {
            ChargeRequest charge = ChargeRequest.builder().requestId("Q" + i).msisdn(pick(random, NUMBERS))
                    .merchantId(pick(random, MERCHANTS)).productId("P1").amountFen(100 + i)
                    .billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP)
                    .deviceId(pick(random, DEVICES)).ip(pick(random, IPS)).build();
            // Within 12 hours of the newest attempt when older ones were dropped: they count in no window then.
            long latest = Duration.ofDays(twoMonthsInOrder ? 0 : 2).plusHours(twoMonthsInOrder ? 12 : 0).toMillis();
            Instant now = T.minusMillis(random.nextInt(2) == 0 ? 0 : random.nextLong(latest));
            assertThat(tracker.snapshot(charge, now).velocity()).as("seed %d, query %d", seed, i)
                    .isEqualTo(model(kept, charge, now));
        }
    }

    private static Velocity model(List<Kept> kept, ChargeRequest charge, Instant now) {
        String msisdn = charge.msisdn().digits();
        String block = msisdn.substring(0, 9);
        String device = charge.deviceId();
        String ip = charge.ip();
        return new Velocity(
                window(kept, a -> a.msisdn().equals(msisdn), charge, now),
                device == null ? VelocityWindow.NONE : window(kept, a -> device.equals(a.deviceId()), charge, now),
                ip == null ? VelocityWindow.NONE : window(kept, a -> ip.equals(a.ip()), charge, now),
                window(kept, a -> a.msisdn().equals(msisdn) && a.merchantId().equals(charge.merchantId()), charge, now),
                device == null ? 0 : distinct(kept, a -> device.equals(a.deviceId()), Attempt::msisdn, msisdn, now, 24),
                ip == null ? 0 : distinct(kept, a -> ip.equals(a.ip()), Attempt::msisdn, msisdn, now, 24),
                ip == null ? 0 : distinct(kept, a -> ip.equals(a.ip()), Attempt::msisdn, msisdn, now, 1),
                distinctMinutes(kept, a -> a.msisdn().equals(msisdn), charge.merchantId(), now),
                distinct(kept, a -> a.msisdn().startsWith(block), Attempt::msisdn, msisdn, now, 24),
                device == null ? 0 : distinct(kept, a -> device.equals(a.deviceId()), Attempt::msisdn, msisdn, now,
                        24 * 7),
                distinct(kept, a -> a.msisdn().startsWith(block), Attempt::msisdn, msisdn, now, 24 * 7));
    }

    private static VelocityWindow window(List<Kept> kept, Predicate<Attempt> of, ChargeRequest charge, Instant now) {
        long nowMs = now.toEpochMilli();
        long dayStart = ChinaTime.dayStart(now).toEpochMilli();
        long monthStart = ChinaTime.monthStart(now).toEpochMilli();
        long[] limits = {Duration.ofMinutes(10).toMillis(), Duration.ofHours(1).toMillis(),
            Duration.ofDays(1).toMillis()};
        int[] attempts = {1, 1, 1, 1, 1};
        long[] spend = new long[5];
        java.util.Arrays.fill(spend, charge.amountFen());
        for (Kept k : kept) {
            long time = k.attempt.at().toEpochMilli();
            if (!of.test(k.attempt) || time > nowMs) {
                continue;
            }
            boolean[] in = {nowMs - time < limits[0], nowMs - time < limits[1], nowMs - time < limits[2],
                time >= dayStart, time >= monthStart};
            for (int w = 0; w < 5; w++) {
                if (in[w]) {
                    attempts[w]++;
                    spend[w] += k.approvedFen;
                }
            }
        }
        return new VelocityWindow(attempts[0], attempts[1], attempts[2], attempts[3], attempts[4], spend[0], spend[1],
                spend[2], spend[3], spend[4]);
    }

    private static int distinct(List<Kept> kept, Predicate<Attempt> of,
            java.util.function.Function<Attempt, String> value, String current, Instant now, int hours) {
        Set<String> seen = new HashSet<>();
        seen.add(current);
        for (Kept k : kept) {
            long age = now.toEpochMilli() - k.attempt.at().toEpochMilli();
            if (of.test(k.attempt) && age >= 0 && age < Duration.ofHours(hours).toMillis()) {
                seen.add(value.apply(k.attempt));
            }
        }
        return seen.size();
    }

    private static int distinctMinutes(List<Kept> kept, Predicate<Attempt> of, String merchant, Instant now) {
        Set<String> seen = new HashSet<>();
        seen.add(merchant);
        for (Kept k : kept) {
            long age = now.toEpochMilli() - k.attempt.at().toEpochMilli();
            if (of.test(k.attempt) && age >= 0 && age < Duration.ofMinutes(10).toMillis()) {
                seen.add(k.attempt.merchantId());
            }
        }
        return seen.size();
    }

    private static String pick(SplittableRandom random, String[] values) {
        return Objects.requireNonNull(values)[random.nextInt(values.length)];
    }
}
