package io.tollgate.bench;

import io.tollgate.RuleHit;
import io.tollgate.rules.RuleSet;
import io.tollgate.rules.RuleSetCompiler;
import io.tollgate.rules.RuleSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule evaluation alone, on prebuilt facts: the facts the engine computed for each charge of a
 * generated data set (captured once, in setup, by replaying it through the Drools pipeline) are
 * evaluated in turn by the compiled default rule set ({@code RuleSet.evaluate}: a session kept
 * between evaluations, both phases, hits from metadata) and by {@link HandWrittenRules}. No
 * signals, no database.
 *
 * <pre>
 * java -jar risk-bench/target/benchmarks.jar EvaluateBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class EvaluateBenchmark {
    /** Ordinary subscribers of the generated traffic whose facts are captured. */
    @Param("2000")
    public int users;
    /** Days of generated traffic. */
    @Param("30")
    public int days;

    private List<List<Object>> facts;
    private RuleSet drools;
    private final HandWrittenRules handWritten = new HandWrittenRules();

    @Setup(Level.Trial)
    public void capture() {
        try (Traffic traffic = Traffic.generate(42, users, days)) {
            facts = CapturedFacts.capture(traffic);
        }
        drools = RuleSetCompiler.compile(RuleSource.packaged().read());
    }

    /** The place of the next facts in the captured list; one per thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        List<Object> next(List<List<Object>> all) {
            List<Object> value = all.get(next);
            next = next + 1 == all.size() ? 0 : next + 1;
            return value;
        }
    }

    /** @return the hits of the DRL rule set */
    @Benchmark
    public List<RuleHit> drools(Cursor cursor) {
        return drools.evaluate(cursor.next(facts));
    }

    /** @return the hits of the hand-written rules */
    @Benchmark
    public List<RuleHit> handWritten(Cursor cursor) {
        return handWritten.evaluate(cursor.next(facts));
    }
}
