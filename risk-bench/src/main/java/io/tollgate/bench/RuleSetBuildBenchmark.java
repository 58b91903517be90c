package io.tollgate.bench;

import io.tollgate.rules.RuleFile;
import io.tollgate.rules.RuleSet;
import io.tollgate.rules.RuleSetCompiler;
import io.tollgate.rules.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule-set build time: the default rule set's files compiled, validated and checked for safety into
 * a {@link RuleSet} — what a reload does off the request path. {@code RuleSetCompiler} keeps
 * compiled sets by version, so before every shot a comment naming the shot is appended to one file
 * (outside the timing): each shot is a real build of a new version. Single shots: the first
 * iteration of a fork is the cold build of a freshly started JVM, the later ones a reload in a
 * running gateway.
 *
 * <pre>
 * java -jar risk-bench/target/benchmarks.jar RuleSetBuildBenchmark -wi 0 -i 10 -f 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class RuleSetBuildBenchmark {
    private List<RuleFile> packaged;
    private List<RuleFile> files;
    private int shot;

    @Setup(Level.Trial)
    public void read() {
        packaged = RuleSource.packaged().read();
    }

    @Setup(Level.Iteration)
    public void newVersion() {
        files = withComment(packaged, "build " + shot++ + " at " + System.nanoTime());
    }

    /** @return the files with a comment appended to the first: the same rules, a new version */
    static List<RuleFile> withComment(List<RuleFile> files, String comment) {
        List<RuleFile> changed = new ArrayList<>(files);
        RuleFile first = changed.get(0);
        changed.set(0, new RuleFile(first.name(), first.content() + "\n// " + comment + "\n"));
        return changed;
    }

    /** @return the compiled rule set */
    @Benchmark
    public RuleSet build() {
        return RuleSetCompiler.compile(files);
    }
}
