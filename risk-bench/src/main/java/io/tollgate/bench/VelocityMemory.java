package io.tollgate.bench;

import io.tollgate.charge.BillingType;
import io.tollgate.signals.velocity.Attempt;
import io.tollgate.signals.velocity.VelocityTracker;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Bytes of velocity state per tracked MSISDN: a {@link VelocityTracker} is fed a month of attempts
 * of {@code numbers} distinct numbers (by default 1,000,000 numbers, 5 attempts each — the
 * generator's ordinary customer makes 4.8 a month — each number with its own device, IPs from a
 * pool of 100,000, 40 merchants, a third of the charges subscriptions), and the heap in use after a
 * full GC is compared with the heap in use before. The difference is everything the tracker
 * retains: its maps, keys, event logs, subscription state and merchant volume. Not a JMH benchmark:
 * one measurement in a fresh JVM, with a heap big enough to hold the state. From the repository root:
 *
 * <pre>
 * java -Xmx8g -cp risk-bench/target/benchmarks.jar io.tollgate.bench.VelocityMemory 1000000 5
 * </pre>
 *
 * Run it alone: other threads allocating during the measurement would be counted.
 */
public final class VelocityMemory {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final long MONTH_MS = Duration.ofDays(30).toMillis();

    private VelocityMemory() {
    }

    /**
     * What was measured.
     *
     * @param numbers distinct numbers fed
     * @param attemptsPerNumber attempts of each
     * @param tracked numbers the tracker reports tracking
     * @param retainedBytes heap retained by the tracker
     */
    public record Result(int numbers, int attemptsPerNumber, int tracked, long retainedBytes) {
        /** @return retained bytes per tracked number */
        public double bytesPerNumber() {
            return tracked == 0 ? 0 : (double) retainedBytes / tracked;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "velocity state: %,d numbers x %d attempts: %,d bytes retained, %,.0f bytes"
                    + " per tracked MSISDN", numbers, attemptsPerNumber, retainedBytes, bytesPerNumber());
        }
    }

    /**
     * Feeds a tracker and measures what it retains.
     *
     * @param numbers distinct numbers, at least 1
     * @param attemptsPerNumber attempts of each number within 30 days, at least 1
     * @return the measurement
     */
    public static Result measure(int numbers, int attemptsPerNumber) {
        if (numbers < 1 || attemptsPerNumber < 1) {
            throw new IllegalArgumentException("numbers and attempts must be positive, got " + numbers + ", "
                    + attemptsPerNumber);
        }
        long before = usedHeapAfterGc();
        VelocityTracker tracker = new VelocityTracker();
        SplittableRandom random = new SplittableRandom(42);
        long request = 0;
        // Attempts arrive in time order, each number's spread over the month.
        for (int round = 0; round < attemptsPerNumber; round++) {
            long roundStart = START.toEpochMilli() + round * (MONTH_MS / attemptsPerNumber);
            for (int i = 0; i < numbers; i++) {
                long msisdn = 13_000_000_000L + Math.floorMod(i * 2_654_435_761L, 1_000_000_000L); // spread over segments
                int merchant = random.nextInt(40);
                boolean subscription = random.nextInt(3) == 0;
                long at = roundStart + (long) i * (MONTH_MS / attemptsPerNumber) / numbers;
                tracker.record(new Attempt("R" + request++, Long.toString(msisdn), "M" + (1000 + merchant),
                        "P" + (1000 + merchant) + "-0" + (subscription ? 2 : 1), "dev-" + i,
                        "10." + (i % 100_000 / 10_000) + "." + (i % 10_000 / 100) + "." + (i % 100), 500,
                        subscription ? BillingType.MONTHLY_CALENDAR : BillingType.PER_USE, Instant.ofEpochMilli(at),
                        true, false));
            }
        }
        long after = usedHeapAfterGc();
        int tracked = tracker.trackedNumbers();
        Reference.reachabilityFence(tracker);
        return new Result(numbers, attemptsPerNumber, tracked, after - before);
    }

    private static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * Prints one measurement.
     *
     * @param args [numbers (default 1,000,000)] [attempts per number (default 5)]
     */
    public static void main(String[] args) {
        int numbers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int attempts = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.println(measure(numbers, attempts));
    }
}
