package io.tollgate.bench;

import io.tollgate.RiskEngine;
import io.tollgate.charge.ChargeRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Drools pipeline's cost against the hand-written one's, measured so that the ratio survives a
 * machine busy with other work: both engines (each on its own H2 file, each with its own clock, on
 * the same generated traffic as {@link CheckBenchmark}) run in one JVM on one thread, in alternating
 * rounds of 1,000 checks (the order swapped every round), and each round's <em>CPU time of the
 * checking thread</em> is recorded as well as its wall time. Other processes stretch wall time, but
 * hardly the CPU time a thread is charged, and alternation spreads what they do to the caches over
 * both sides. Prints the median per check of each side and their ratio. From the repository root:
 *
 * <pre>
 * java -Xms1g -Xmx1g -cp risk-bench/target/benchmarks.jar io.tollgate.bench.PairedRatio 4000 30 40
 * </pre>
 *
 * Not a JMH benchmark (JMH runs the two pipelines at different times, so on a loaded machine their
 * ratio is mostly noise); its figures complement {@code CheckBenchmark}'s, not replace them.
 */
public final class PairedRatio {
    private static final int ROUND = 1_000;

    private PairedRatio() {
    }

    /**
     * What was measured: medians over the rounds, per check.
     *
     * @param rounds measured rounds per pipeline
     * @param droolsCpuMicros CPU time of the checking thread, Drools pipeline
     * @param handWrittenCpuMicros the same, hand-written pipeline
     * @param droolsWallMicros wall time, Drools pipeline
     * @param handWrittenWallMicros wall time, hand-written pipeline
     */
    public record Result(int rounds, double droolsCpuMicros, double handWrittenCpuMicros, double droolsWallMicros,
            double handWrittenWallMicros) {
        /** @return the Drools pipeline's throughput as a share of the hand-written one's, by CPU time */
        public double cpuRatio() {
            return handWrittenCpuMicros / droolsCpuMicros;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "paired, %d rounds of %,d checks each, medians per check: Drools %.1f µs CPU"
                            + " (%.1f µs wall), hand-written %.1f µs CPU (%.1f µs wall); Drools throughput / hand-written"
                            + " = %.2f by CPU, %.2f by wall", rounds, ROUND, droolsCpuMicros, droolsWallMicros,
                    handWrittenCpuMicros, handWrittenWallMicros, cpuRatio(), handWrittenWallMicros / droolsWallMicros);
        }
    }

    /**
     * Runs the paired measurement.
     *
     * @param users ordinary subscribers of the generated traffic
     * @param days days of generated traffic
     * @param rounds measured rounds per pipeline, after as many warm-up rounds
     * @return the medians
     * @throws IOException when the temporary folder cannot be written
     */
    public static Result measure(int users, int days, int rounds) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path folder = Files.createTempDirectory("tollgate-bench-paired");
        try (Traffic traffic = Traffic.generate(42, users, days)) {
            Side drools = new Side(Pipeline.DROOLS, traffic, folder);
            Side handWritten = new Side(Pipeline.HAND_WRITTEN, traffic, folder);
            try {
                long[][] cpu = new long[2][rounds];
                long[][] wall = new long[2][rounds];
                for (int round = -rounds; round < rounds; round++) { // the negative rounds warm up
                    Side[] order = Math.floorMod(round, 2) == 0 ? new Side[] {drools, handWritten}
                            : new Side[] {handWritten, drools};
                    for (Side side : order) {
                        long cpuStart = threads.getCurrentThreadCpuTime();
                        long wallStart = System.nanoTime();
                        side.checkRound();
                        if (round >= 0) {
                            int index = side == drools ? 0 : 1;
                            cpu[index][round] = threads.getCurrentThreadCpuTime() - cpuStart;
                            wall[index][round] = System.nanoTime() - wallStart;
                        }
                    }
                }
                return new Result(rounds, medianPerCheck(cpu[0]), medianPerCheck(cpu[1]), medianPerCheck(wall[0]),
                        medianPerCheck(wall[1]));
            } finally {
                drools.engine.close();
                handWritten.engine.close();
            }
        } finally {
            Traffic.deleteRecursively(folder);
        }
    }

    private static double medianPerCheck(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e3 / ROUND;
    }

    /** One pipeline with its own engine, database, clock and place in the traffic. */
    private static final class Side {
        private final Traffic traffic;
        private final BenchClock clock;
        private final RiskEngine engine;
        private long cursor;

        Side(Pipeline pipeline, Traffic traffic, Path folder) {
            this.traffic = traffic;
            this.clock = new BenchClock(traffic.start());
            this.engine = pipeline.open(folder.resolve(pipeline.name().toLowerCase(Locale.ROOT)), clock);
            engine.importData(traffic.dataFolder());
        }

        void checkRound() {
            for (int i = 0; i < ROUND; i++) {
                ChargeRequest charge = traffic.charge(cursor++);
                clock.set(charge.ts());
                engine.check(charge);
            }
        }
    }

    /**
     * Prints one measurement.
     *
     * @param args [users (default 4,000)] [days (default 30)] [rounds (default 40)]
     * @throws IOException when the temporary folder cannot be written
     */
    public static void main(String[] args) throws IOException {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        System.out.println(measure(users, days, rounds));
    }
}
