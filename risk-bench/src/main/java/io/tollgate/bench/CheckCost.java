package io.tollgate.bench;

import io.tollgate.RiskEngine;
import io.tollgate.charge.ChargeRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one check costs the process, for before/after comparisons of a change to the engine: one
 * pipeline on the same generated traffic as {@link CheckBenchmark}, checked on one thread in rounds
 * of 1,000, and per round the CPU time of the checking thread and of the decision writer's threads
 * (which commits the verdicts), the CPU time of the whole process (JIT compilation and garbage
 * collection included), the wall time, the bytes allocated by every thread and those allocated by
 * the checking thread. Prints the median per check of each (the mean for the process, whose CPU time the
 * operating system counts in 10 ms ticks). Run the same command on both builds, back to back:
 *
 * <pre>
 * java -Xms1g -Xmx1g -cp risk-bench/target/benchmarks.jar io.tollgate.bench.CheckCost DROOLS 4000 30 40
 * </pre>
 *
 * CPU times hardly move with other processes' load, unlike wall time; allocation does not move at all.
 * Not a JMH benchmark and not for the tables of docs/PERFORMANCE.md.
 */
public final class CheckCost {
    private static final int ROUND = 1_000;

    private CheckCost() {
    }

    /**
     * Medians over the measured rounds, per check.
     *
     * @param pipeline the pipeline measured
     * @param rounds measured rounds
     * @param threadCpuMicros CPU time of the checking thread
     * @param writerCpuMicros CPU time of the decision writer's threads (journal and database commits)
     * @param journalCpuMicros CPU time of the journal thread alone (part of {@code writerCpuMicros})
     * @param processCpuMicros CPU time of the whole process: the mean over all measured rounds, as the
     *     operating system counts it in 10 ms ticks, too coarse for one round
     * @param wallMicros wall time
     * @param allocatedBytes bytes allocated by all threads
     * @param checkingAllocatedBytes bytes allocated by the checking thread (the check, and the ~0.2 KB
     *     the benchmark spends copying a request with a new id)
     */
    public record Result(Pipeline pipeline, int rounds, double threadCpuMicros, double writerCpuMicros,
            double journalCpuMicros, double processCpuMicros,
            double wallMicros, double allocatedBytes, double checkingAllocatedBytes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, %d rounds of %,d checks, per check: %.1f µs CPU on the"
                            + " checking thread, %.1f µs on the decision writer's threads (%.1f µs journal), %.1f µs in the process (mean; JIT"
                            + " and GC included), %.1f µs wall, %,.0f bytes allocated (%,.0f by the checking thread)",
                    pipeline, rounds, ROUND, threadCpuMicros, writerCpuMicros, journalCpuMicros, processCpuMicros, wallMicros,
                    allocatedBytes, checkingAllocatedBytes);
        }
    }

    /**
     * Runs the measurement.
     *
     * @param pipeline the pipeline to measure
     * @param users ordinary subscribers of the generated traffic
     * @param days days of generated traffic
     * @param rounds measured rounds, after as many warm-up rounds
     * @return the medians
     * @throws IOException when the temporary folder cannot be written
     */
    public static Result measure(Pipeline pipeline, int users, int days, int rounds) throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path folder = Files.createTempDirectory("tollgate-bench-cost");
        try (Traffic traffic = Traffic.generate(42, users, days)) {
            BenchClock clock = new BenchClock(traffic.start());
            try (RiskEngine engine = pipeline.open(folder.resolve("tollgate"), clock)) {
                engine.importData(traffic.dataFolder());
                long[] writer = writerThreadIds(threads, "tollgate-decision-");
                long[] journal = writerThreadIds(threads, "tollgate-decision-journal");
                long[][] samples = new long[7][rounds];
                long cursor = 0;
                for (int round = -rounds; round < rounds; round++) { // the negative rounds warm up
                    long threadCpu = threads.getCurrentThreadCpuTime();
                    long writerCpu = cpuTime(threads, writer);
                    long journalCpu = cpuTime(threads, journal);
                    long processCpu = os.getProcessCpuTime();
                    long wall = System.nanoTime();
                    long allocated = allocated(threads);
                    long checkingAllocated = threads.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < ROUND; i++) {
                        ChargeRequest charge = traffic.charge(cursor++);
                        clock.set(charge.ts());
                        engine.check(charge);
                    }
                    if (round >= 0) {
                        samples[0][round] = threads.getCurrentThreadCpuTime() - threadCpu;
                        samples[1][round] = os.getProcessCpuTime() - processCpu;
                        samples[2][round] = System.nanoTime() - wall;
                        samples[3][round] = allocated(threads) - allocated;
                        samples[4][round] = cpuTime(threads, writer) - writerCpu;
                        samples[5][round] = threads.getCurrentThreadAllocatedBytes() - checkingAllocated;
                        samples[6][round] = cpuTime(threads, journal) - journalCpu;
                    }
                }
                double processMean = (double) Arrays.stream(samples[1]).sum() / rounds / ROUND;
                return new Result(pipeline, rounds, median(samples[0]) / 1e3, median(samples[4]) / 1e3,
                        median(samples[6]) / 1e3, processMean / 1e3,
                        median(samples[2]) / 1e3, median(samples[3]), median(samples[5]));
            }
        } finally {
            Traffic.deleteRecursively(folder);
        }
    }

    /** The decision writer's threads whose name starts with the prefix (journal and database: {@code tollgate-decision-}). */
    private static long[] writerThreadIds(com.sun.management.ThreadMXBean threads, String prefix) {
        long[] ids = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(info -> info != null && info.getThreadName().startsWith(prefix))
                .mapToLong(info -> info.getThreadId())
                .toArray();
        if (ids.length == 0) {
            throw new IllegalStateException("no decision writer thread");
        }
        return ids;
    }

    private static long cpuTime(com.sun.management.ThreadMXBean threads, long[] ids) {
        long total = 0;
        for (long id : ids) {
            total += threads.getThreadCpuTime(id);
        }
        return total;
    }

    /** Bytes allocated so far by the live threads (a thread that ended takes its count with it). */
    private static long allocated(com.sun.management.ThreadMXBean threads) {
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static double median(long[] perRound) {
        long[] sorted = perRound.clone();
        Arrays.sort(sorted);
        return (double) sorted[sorted.length / 2] / ROUND;
    }

    /**
     * Prints one measurement.
     *
     * @param args [pipeline (default DROOLS)] [users (default 4,000)] [days (default 30)] [rounds (default 40)]
     * @throws IOException when the temporary folder cannot be written
     */
    public static void main(String[] args) throws IOException {
        Pipeline pipeline = args.length > 0 ? Pipeline.valueOf(args[0]) : Pipeline.DROOLS;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        System.out.println(measure(pipeline, users, days, rounds));
    }
}
