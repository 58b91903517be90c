package io.tollgate.bench;

import io.tollgate.RiskEngine;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.rules.RuleFile;
import io.tollgate.rules.RuleSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first 1,000 checks after a rule-set reload against 1,000 checks in steady state, on the
 * Drools pipeline with generated traffic (as {@link CheckBenchmark}). Each measured shot is 1,000
 * checks, reported per check. The engine decides with a copy of the default rule set in a
 * temporary folder; for {@code afterReload}, before every shot (outside the timing) a comment is
 * appended to one of its files and {@code RiskEngine.reloadRules()} compiles and swaps in the new
 * version, so every shot runs on a KieBase that has decided nothing yet. The ratio
 * afterReload / steadyState is the reload penalty.
 *
 * <pre>
 * java -jar risk-bench/target/benchmarks.jar ReloadBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(ReloadBenchmark.CHECKS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 20)
@Measurement(iterations = 20)
public class ReloadBenchmark {
    static final int CHECKS = 1_000;

    /** A Drools engine on generated traffic, warmed by the warm-up shots. */
    @State(Scope.Benchmark)
    public static class Running {
        /** Ordinary subscribers of the generated traffic. */
        @Param("4000")
        public int users;
        /** Days of generated traffic. */
        @Param("30")
        public int days;

        Traffic traffic;
        Path folder;
        Path rules;
        BenchClock clock;
        RiskEngine engine;
        long cursor;

        @Setup(Level.Trial)
        public void open() throws IOException {
            traffic = Traffic.generate(42, users, days);
            folder = Files.createTempDirectory("tollgate-bench-reload");
            clock = new BenchClock(traffic.start());
            rules = Files.createDirectories(folder.resolve("rules"));
            for (RuleFile file : RuleSource.packaged().read()) {
                Path target = rules.resolve(file.name());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content());
            }
            engine = RiskEngine.builder().database(folder.resolve("tollgate")).clock(clock).rules(rules).build();
            engine.importData(traffic.dataFolder());
        }

        @TearDown(Level.Trial)
        public void close() {
            engine.close();
            Traffic.deleteRecursively(folder);
            traffic.close();
        }

        int checkThousand() {
            int blocked = 0;
            for (int i = 0; i < CHECKS; i++) {
                ChargeRequest charge = traffic.charge(cursor++);
                clock.set(charge.ts());
                blocked += engine.check(charge).decision().passes() ? 0 : 1;
            }
            return blocked;
        }
    }

    /** The same engine, with a freshly reloaded rule set before every shot. */
    @State(Scope.Benchmark)
    public static class Reloaded extends Running {
        private int reloads;

        @Setup(Level.Iteration)
        public void reload() throws IOException {
            try (var files = Files.list(rules)) {
                Path first = files.filter(file -> file.toString().endsWith(".drl")).sorted().findFirst().orElseThrow();
                Files.writeString(first, "\n// reload " + reloads++ + "\n", StandardOpenOption.APPEND);
            }
            if (!engine.reloadRules().accepted()) {
                throw new IllegalStateException("the packaged rule set was refused on reload");
            }
        }
    }

    /** @return how many of 1,000 checks right after a reload were blocked */
    @Benchmark
    public int afterReload(Reloaded state) {
        return state.checkThousand();
    }

    /** @return how many of 1,000 checks on a warm rule set were blocked */
    @Benchmark
    public int steadyState(Running state) {
        return state.checkThousand();
    }
}
