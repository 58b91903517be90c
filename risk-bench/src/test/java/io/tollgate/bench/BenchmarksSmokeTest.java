package io.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI's smoke run of the benchmarks: every JMH benchmark once, in this JVM, with tiny traffic, no
 * warm-up and one short iteration; and the five measurement programs on small inputs. It proves they
 * still run. It asserts no speed: times on a shared CI machine mean nothing (docs/PERFORMANCE.md).
 */
class BenchmarksSmokeTest {

    @Test
    void jmhBenchmarks_tinySettings_runWithoutError() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("io\\.tollgate\\.bench\\..*Benchmark")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .param("users", "300")
                .param("days", "3")
                .timeUnit(TimeUnit.MICROSECONDS)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        // 4 check benchmarks x 2 pipelines, 2 evaluations, 1 build, 2 reload
        assertThat(results).hasSize(13);
    }

    @Test
    void velocityMemory_tenThousandNumbers_measuresEveryNumber() {
        VelocityMemory.Result result = VelocityMemory.measure(10_000, 2);
        assertThat(result.tracked()).isEqualTo(10_000);
    }

    @Test
    void hotIpCost_aHundredNumbers_measuresASnapshot() {
        assertThat(HotIpCost.measure(100)).isPositive();
    }

    @Test
    void pairedRatio_twoRounds_measuresBothPipelines() throws Exception {
        PairedRatio.Result result = PairedRatio.measure(300, 3, 2);
        assertThat(result.droolsCpuMicros()).isPositive();
        assertThat(result.handWrittenCpuMicros()).isPositive();
    }

    @Test
    void checkCost_twoRounds_measuresEveryCost() throws Exception {
        CheckCost.Result result = CheckCost.measure(Pipeline.DROOLS, 300, 3, 2);
        assertThat(result.threadCpuMicros()).isPositive();
        assertThat(result.allocatedBytes()).isPositive();
    }

    @Test
    void replayWallTime_smallDataSet_replaysEveryCharge() throws Exception {
        ReplayWallTime.Result result = ReplayWallTime.measure(300, 3);
        assertThat(result.charges()).isPositive();
    }
}
