package io.tollgate.bench;

import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code RiskEngine.check} end to end — idempotency, signals, rules, decision, recording in the
 * decision log on an H2 file (written at every commit) — on realistic generated traffic
 * ({@link Traffic}: seed 42, every pattern, hot numbers and all), with the default DRL rule set
 * ({@code pipeline=DROOLS}) and with the same rules written by hand ({@code HAND_WRITTEN}) in the
 * same run. Each check is a new request; the clock follows the charges' own timestamps.
 *
 * <p>Throughput with 1 and 2 threads, and sample-time percentiles (p50, p99, p99.9) per check;
 * allocation per check with {@code -prof gc}. From the repository root:
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * java -jar risk-bench/target/benchmarks.jar CheckBenchmark -prof gc
 * java -jar risk-bench/target/benchmarks.jar 'CheckBenchmark.throughput' -p pipeline=DROOLS -wi 10 -w 3s -i 5 -r 3s
 * </pre>
 *
 * <p>Warm-up is 30 s: on 2 cores the JIT compiler shares the CPU with the checking threads and the
 * decision writer's two, and throughput kept rising for about 20 s (2 threads, 2026-11-26: 16k, 34k,
 * 45k, 50k, 54k, 61k, then 74k–85k a second per 3 s iteration), so 9 s of warm-up measured the
 * compiler's progress rather than the check. Every iteration adds rows to the database, so longer
 * runs measure a bigger decision log.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
public class CheckBenchmark {
    /** Which evaluator decides. */
    @Param({"DROOLS", "HAND_WRITTEN"})
    public Pipeline pipeline;
    /** Ordinary subscribers of the generated traffic (about 4.8 charges each in 30 days). */
    @Param("4000")
    public int users;
    /** Days of generated traffic. */
    @Param("30")
    public int days;

    private Traffic traffic;
    private Path folder;
    private BenchClock clock;
    private RiskEngine engine;
    private final AtomicLong cursor = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws IOException {
        traffic = Traffic.generate(42, users, days);
        folder = Files.createTempDirectory("tollgate-bench-check");
        clock = new BenchClock(traffic.start());
        engine = pipeline.open(folder.resolve("tollgate"), clock);
        engine.importData(traffic.dataFolder());
    }

    @TearDown(Level.Trial)
    public void close() {
        engine.close();
        Traffic.deleteRecursively(folder);
        traffic.close();
    }

    /** Checks the next charge of the stream, on the calling thread's clock. */
    RiskVerdict checkNext() {
        ChargeRequest charge = traffic.charge(cursor.getAndIncrement());
        clock.set(charge.ts());
        return engine.check(charge);
    }

    /** @return checks per second, one thread */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public RiskVerdict throughput1Thread() {
        return checkNext();
    }

    /** @return checks per second, two threads on one engine */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public RiskVerdict throughput2Threads() {
        return checkNext();
    }

    /** @return the time of one check, sampled: p50, p99, p99.9; one thread */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public RiskVerdict latency1Thread() {
        return checkNext();
    }

    /** @return the time of one check, sampled: p50, p99, p99.9; two threads on one engine */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public RiskVerdict latency2Threads() {
        return checkNext();
    }
}
