package io.tollgate.bench;

import io.tollgate.generate.GenerateSummary;
import io.tollgate.generate.Generator;
import io.tollgate.replay.Replay;
import io.tollgate.replay.ReplayReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Wall time of {@code tollgate replay} on generated traffic: the generator writes a data set (by
 * default seed 42, 212,000 users, 30 days: 1.0 million charges) into a temporary folder, and
 * {@link Replay#run} replays it point-in-time as the command does without {@code --db} (verdicts
 * and reference data in memory, a scratch H2 file for the rest) — engine start, rule-set
 * compilation, reference-data import and every check included. Prints the
 * charge count, the wall time and checks per second, and the CPU time of the replay on the checking
 * thread and in the whole process (which load from other programs hardly moves). Not a JMH
 * benchmark: one long run. From the repository root, with the JVM options {@code ./tollgate}
 * runs {@code replay} with:
 *
 * <pre>
 * java -XX:+UseParallelGC -Xms2g -XX:MetaspaceSize=256m -cp risk-bench/target/benchmarks.jar io.tollgate.bench.ReplayWallTime 212000 30
 * </pre>
 *
 * The same with the command line: {@code ./tollgate generate --out /tmp/g1m --users 212000 --days 30}
 * then {@code time ./tollgate replay --data /tmp/g1m --charges /tmp/g1m/charges.csv}.
 */
public final class ReplayWallTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ReplayWallTime() {
    }

    /**
     * What was measured.
     *
     * @param charges charges replayed
     * @param generation time to generate the data set
     * @param wall wall time of the replay, start to report
     * @param checks time of the checks alone, as the replay reports it
     * @param checkingThreadCpu CPU time of the replay on the thread that checks (start to report)
     * @param processCpu CPU time of the whole process during the replay, every thread and the collector
     */
    public record Result(long charges, Duration generation, Duration wall, Duration checks, Duration checkingThreadCpu,
            Duration processCpu) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "replay: %,d charges in %.1f s wall (checks alone %.1f s, %,.0f checks/s);"
                            + " CPU %.1f s on the checking thread, %.1f s in all; generated in %.1f s", charges,
                    wall.toMillis() / 1e3, checks.toMillis() / 1e3, charges / Math.max(1e-9, checks.toNanos() / 1e9),
                    checkingThreadCpu.toMillis() / 1e3, processCpu.toMillis() / 1e3, generation.toMillis() / 1e3);
        }
    }

    /**
     * Generates a data set and replays it.
     *
     * @param users ordinary subscribers (about 4.8 charges each per 30 days)
     * @param days days of traffic
     * @return the measurement
     * @throws IOException when the temporary folder cannot be written
     */
    public static Result measure(int users, int days) throws IOException {
        Path folder = Files.createTempDirectory("tollgate-bench-replay");
        try {
            long started = System.nanoTime();
            GenerateSummary summary = Generator.run(new Generator.Options(42, users, days), folder,
                    new PrintWriter(new StringWriter()));
            Duration generation = Duration.ofNanos(System.nanoTime() - started);
            started = System.nanoTime();
            long threadCpu = THREADS.getCurrentThreadCpuTime();
            long processCpu = PROCESS.getProcessCpuTime();
            ReplayReport report = Replay.run(new Replay.Options(folder, folder.resolve("charges.csv"), null, null, null));
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            threadCpu = THREADS.getCurrentThreadCpuTime() - threadCpu;
            processCpu = PROCESS.getProcessCpuTime() - processCpu;
            if (report.checks() != summary.charges()) {
                throw new IllegalStateException("replayed " + report.checks() + " of " + summary.charges() + " charges");
            }
            return new Result(report.checks(), generation, wall, report.elapsed(), Duration.ofNanos(threadCpu),
                    Duration.ofNanos(processCpu));
        } finally {
            Traffic.deleteRecursively(folder);
        }
    }

    /**
     * Prints one measurement.
     *
     * @param args [users (default 212,000)] [days (default 30)]
     * @throws IOException when the temporary folder cannot be written
     */
    public static void main(String[] args) throws IOException {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 212_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.out.println(measure(users, days));
    }
}
