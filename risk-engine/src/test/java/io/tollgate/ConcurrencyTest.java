package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
    @TempDir
    Path folder;
    EngineFixture fixture;

    @BeforeEach
    void open() {
        fixture = new EngineFixture(folder);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** The daily cap is 100 CNY: at 30 CNY a charge, three pass (90 CNY) and a fourth would make 120. */
    @RepeatedTest(3)
    void check_eightThreadsOnOneNumberAtTheDailyCap_neverPassMoreThanTheCap() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RiskVerdict>> results = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int t = thread;
            results.add(pool.submit(() -> {
                start.await();
                // a different device per thread keeps the device rules out of the way
                return fixture.check(fixture.charge("13800138000").requestId("R-" + t).amountFen(3000)
                        .deviceId("dev-" + t).ip(null));
            }));
        }
        start.countDown();
        long passed = 0;
        long spent = 0;
        for (Future<RiskVerdict> result : results) {
            RiskVerdict verdict = result.get();
            if (verdict.decision().passes()) {
                passed++;
                spent += 3000;
            }
        }
        pool.shutdown();

        assertThat(passed).isEqualTo(3);
        assertThat(spent).isLessThanOrEqualTo(10_000);
    }
}
