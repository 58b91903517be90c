package io.tollgate.bench;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.store.Database;
import io.tollgate.store.DecisionWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What storing one verdict costs the decision writer's database thread alone, without the checks
 * that {@link CheckCost} runs beside it (whose load blurs a change of a tenth): synthetic ALLOW
 * verdicts, 20 ms apart, submitted from one thread in rounds and flushed at the end of each; per
 * round the database thread's CPU time. Prints the median per verdict over the measured rounds.
 * Run it on both builds, alternating:
 *
 * <pre>
 * java -Xms1g -Xmx1g -Dh2.objectCache=false -cp risk-bench/target/benchmarks.jar io.tollgate.bench.WriterCost 100000 5
 * </pre>
 *
 * Not a JMH benchmark and not for the tables of docs/PERFORMANCE.md.
 */
public final class WriterCost {
    private static final Instant START = Instant.parse("2026-03-10T00:00:00Z");
    private static final List<RuleHit> HITS = List.of(new RuleHit("VEL-X", 10, null, "a detail", false, false));

    private WriterCost() {
    }

    /**
     * @param args verdicts per round, measured rounds (after as many warm-up rounds)
     * @throws IOException when the temporary folder cannot be written
     */
    public static void main(String[] args) throws IOException {
        int verdicts = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Path folder = Files.createTempDirectory("tollgate-bench-writer");
        long[] cpu = new long[rounds];
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("tollgate")));
             DecisionWriter writer = new DecisionWriter(database, 10_000)) {
            long databaseThread = databaseThreadId(threads);
            long next = 0;
            for (int round = -rounds; round < rounds; round++) { // the negative rounds warm up
                long before = threads.getThreadCpuTime(databaseThread);
                for (int i = 0; i < verdicts; i++) {
                    long n = next++;
                    String id = "R" + n;
                    writer.submit(charge(id, n), "fingerprint-" + n,
                            new RiskVerdict(id, Decision.ALLOW, 10, HITS, "a".repeat(64), START.plusMillis(n * 20), false),
                            null);
                }
                writer.flush();
                if (round >= 0) {
                    cpu[round] = threads.getThreadCpuTime(databaseThread) - before;
                }
            }
        } finally {
            Traffic.deleteRecursively(folder);
        }
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%d rounds of %,d verdicts: %.2f µs CPU per verdict on the database thread"
                + " (median; rounds %.2f to %.2f)%n", rounds, verdicts, cpu[rounds / 2] / 1e3 / verdicts,
                cpu[0] / 1e3 / verdicts, cpu[rounds - 1] / 1e3 / verdicts);
    }

    private static ChargeRequest charge(String id, long n) {
        return ChargeRequest.builder().requestId(id).msisdn(String.valueOf(13_800_000_000L + n % 100_000))
                .merchantId("M100" + n % 7).productId("P1").amountFen(500).billingType(BillingType.PER_USE)
                .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).deviceId("dev-" + n % 5_000)
                .ip("10.0.0.1").build();
    }

    private static long databaseThreadId(com.sun.management.ThreadMXBean threads) {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(info -> info != null && info.getThreadName().equals("tollgate-decision-writer"))
                .mapToLong(info -> info.getThreadId())
                .findFirst().orElseThrow(() -> new IllegalStateException("no decision writer thread"));
    }
}
