package io.tollgate.bench;

import com.sun.management.ThreadMXBean;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.signals.velocity.Attempt;
import io.tollgate.signals.velocity.VelocityTracker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * What velocity costs a charge from a hot IP: one address shared by {@code numbers} numbers (a
 * carrier's NAT gateway), each with its own device and 5 attempts over the month, then the CPU
 * time of the checking thread per {@link VelocityTracker#snapshot} of a new number's charge from
 * that IP, the median of rounds of 2,000. An IP past {@code VelocityTracker.HOT_AFTER} numbers
 * counts its figures from its own attempts, by binary search, rather than from the records of
 * every number it charged; the ordinary traffic of
 * {@link CheckBenchmark} has no such IP. Not a JMH benchmark. From the repository root:
 *
 * <pre>
 * java -cp risk-bench/target/benchmarks.jar io.tollgate.bench.HotIpCost 10000
 * </pre>
 */
public final class HotIpCost {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final String IP = "100.64.0.1";
    private static final int ROUNDS = 7;
    private static final int ROUND = 2_000;

    private HotIpCost() {
    }

    /**
     * @param numbers numbers behind the IP, at least 1
     * @return median CPU microseconds of the checking thread per snapshot
     */
    public static double measure(int numbers) {
        if (numbers < 1) {
            throw new IllegalArgumentException("numbers must be positive, got " + numbers);
        }
        VelocityTracker tracker = new VelocityTracker();
        long request = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            for (int i = 0; i < numbers; i++) {
                Instant at = START.plus(Duration.ofDays(5L * attempt)).plusSeconds(i * 10L % 86_400);
                String msisdn = Long.toString(13_900_000_000L + i * 7_919L);
                tracker.record(Attempt.of(charge("R" + request++, msisdn, "d" + i), at, true));
            }
        }
        ChargeRequest charge = charge("X", "13800138000", "new-device");
        Instant now = START.plus(Duration.ofDays(26));
        ThreadMXBean cpu = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] perSnapshot = new double[ROUNDS];
        long seen = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long before = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < ROUND; i++) {
                seen += tracker.snapshot(charge, now).velocity().ipMsisdns24h();
            }
            perSnapshot[round] = (cpu.getCurrentThreadCpuTime() - before) / 1_000.0 / ROUND;
        }
        if (seen < 0) {
            throw new AssertionError("unreachable: keeps the snapshots from being optimised away");
        }
        Arrays.sort(perSnapshot);
        return perSnapshot[ROUNDS / 2];
    }

    private static ChargeRequest charge(String id, String msisdn, String device) {
        return ChargeRequest.builder().requestId(id).msisdn(msisdn).merchantId("M1").productId("P1").amountFen(100)
                .billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP)
                .deviceId(device).ip(IP).build();
    }

    /**
     * Prints one measurement.
     *
     * @param args [numbers behind the IP (default 10,000)]
     */
    public static void main(String[] args) {
        int numbers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        System.out.printf(Locale.ROOT, "hot IP: %,d numbers x 5 attempts behind one IP: %.1f µs CPU per velocity snapshot%n",
                numbers, measure(numbers));
    }
}
