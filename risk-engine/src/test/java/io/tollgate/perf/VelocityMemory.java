package io.tollgate.perf;

import io.tollgate.charge.BillingType;
import io.tollgate.signals.velocity.Attempt;
import io.tollgate.signals.velocity.VelocityTracker;
import java.time.Duration;
import java.time.Instant;

/**
 * Bytes of velocity state per tracked number: records {@code N} numbers with {@code K} attempts each
 * (one merchant, a device of their own, IPs shared by 50 numbers) and compares the heap after GC.
 *
 * <p>Run (class path as in {@link CheckHarness}):
 * {@code java -Xmx8g -cp risk-engine/target/test-classes:risk-engine/target/classes:$(cat /tmp/cp.txt)
 * io.tollgate.perf.VelocityMemory 1000000 1}
 */
public final class VelocityMemory {
    public static void main(String[] args) throws Exception {
        int numbers = Integer.parseInt(args[0]);
        int perNumber = Integer.parseInt(args[1]);
        long before = usedAfterGc();
        VelocityTracker tracker = new VelocityTracker();
        Instant start = Instant.parse("2026-03-10T04:00:00Z");
        for (int k = 0; k < perNumber; k++) {
            for (int i = 0; i < numbers; i++) {
                String msisdn = "139" + String.format("%08d", i);
                tracker.record(new Attempt("R" + k + "-" + i, msisdn, "M" + (i % 200), "P1", "dev-" + i,
                        "10." + (i / 50 % 256) + "." + (i / 12800 % 256) + ".1", 500, BillingType.PER_USE,
                        start.plus(Duration.ofSeconds(i % 86_400 + k * 600L)), true, false));
            }
        }
        long after = usedAfterGc();
        System.out.printf("%d numbers x %d attempts: %.0f bytes of velocity state per number (tracked %d)%n",
                numbers, perNumber, (after - before) / (double) numbers, tracker.trackedNumbers());
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
