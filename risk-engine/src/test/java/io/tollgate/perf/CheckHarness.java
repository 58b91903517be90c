package io.tollgate.perf;

import io.tollgate.RiskEngine;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.data.CsvReader;
import io.tollgate.replay.Replay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A quick before/after harness, not a benchmark suite (that is risk-bench/): checks generated
 * charges on a durable H2 file with 1 or more threads and prints throughput and latency
 * percentiles. Each thread drives its own clock from the charges' timestamps.
 *
 * <p>Run from the repository root, after {@code mvn -B -q test-compile -pl risk-engine} and
 * {@code mvn -B -q -pl risk-engine dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt}, on
 * charges from {@code ./tollgate generate --out /tmp/g --seed 7 --users 200000 --days 30}:
 * {@code java -Xmx4g -cp risk-engine/target/test-classes:risk-engine/target/classes:$(cat /tmp/cp.txt)
 * io.tollgate.perf.CheckHarness /tmp/g/charges.csv 20000 20000 1} (arguments: charges, warm-up
 * checks, measured checks, threads, optional JDBC URL). No reference data is imported.
 */
public final class CheckHarness {
    private static final ThreadLocal<Instant> NOW = ThreadLocal.withInitial(() -> Instant.EPOCH);

    private static final class ThreadClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return NOW.get();
        }
    }

    public static void main(String[] args) throws Exception {
        Path charges = Path.of(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int measured = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        List<ChargeRequest> all = new ArrayList<>(warmup + measured);
        try (CsvReader reader = new CsvReader(charges, Replay.CHARGE_COLUMNS)) {
            for (Map<String, String> row = reader.next(); row != null && all.size() < warmup + measured;
                    row = reader.next()) {
                all.add(ChargeRequest.fromColumns(row));
            }
        }
        Path folder = Files.createTempDirectory("harness");
        String url = args.length > 4 ? args[4] : "jdbc:h2:file:" + folder.resolve("db");
        try (RiskEngine engine = RiskEngine.builder().jdbcUrl(url).clock(new ThreadClock()).build()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < warmup; i++) {
                ChargeRequest charge = all.get(i);
                NOW.set(charge.ts());
                engine.check(charge);
            }
            System.out.printf("warmup %d checks in %.1f s%n", warmup, (System.nanoTime() - t0) / 1e9);
            long[][] latencies = new long[threads][];
            Thread[] workers = new Thread[threads];
            int total = all.size() - warmup;
            for (int t = 0; t < threads; t++) {
                final int id = t;
                workers[t] = new Thread(() -> {
                    long[] mine = new long[total / threads + 1];
                    int n = 0;
                    for (int i = warmup + id; i < all.size(); i += threads) {
                        ChargeRequest charge = all.get(i);
                        NOW.set(charge.ts());
                        long start = System.nanoTime();
                        engine.check(charge);
                        mine[n++] = System.nanoTime() - start;
                    }
                    latencies[id] = Arrays.copyOf(mine, n);
                });
            }
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            for (Thread worker : workers) {
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuPerCheck = (os.getProcessCpuTime() - cpuStart) / 1e3 / total;
            long[] merged = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("cpu/check=%.0f us  threads=%d checks=%d %.0f checks/s  p50=%.0f us p99=%.0f us p99.9=%.0f us max=%.0f us%n",
                    cpuPerCheck, threads, merged.length, merged.length / seconds, pct(merged, 0.50), pct(merged, 0.99),
                    pct(merged, 0.999), merged[merged.length - 1] / 1e3);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e3;
    }
}
