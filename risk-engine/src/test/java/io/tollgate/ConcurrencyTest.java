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
import org.junit.jupiter.api.Test;
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

    /** Rounds of the race; {@code -Dtollgate.faults.rounds=200} runs the full size (docs/operations.md). */
    private static final int ROUNDS = Integer.getInteger("tollgate.faults.rounds", 3);

    /**
     * The daily cap is 100 CNY: with 90 CNY approved, eight threads each try 10 CNY more (which
     * fits once) or 30 CNY (which never fits), on a fresh number each round.
     */
    @Test
    void check_eightThreadsOnOneNumberAtTheDailyCap_neverPassMoreThanTheCap() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String number = EngineFixture.numberInOwnBlock(round);
                for (int i = 0; i < 3; i++) {
                    fixture.check(fixture.charge(number).amountFen(3000).deviceId("dev-p" + number + "-" + i).ip(null));
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<RiskVerdict>> results = new ArrayList<>();
                for (int thread = 0; thread < 8; thread++) {
                    int t = thread;
                    results.add(pool.submit(() -> {
                        start.await();
                        // a different device per thread keeps the device rules out of the way
                        return fixture.check(fixture.charge(number).amountFen(t % 2 == 0 ? 1000 : 3000)
                                .deviceId("dev-r" + number + "-" + t).ip(null));
                    }));
                }
                start.countDown();
                long spent = 9000;
                int passed = 0;
                for (int t = 0; t < results.size(); t++) {
                    if (results.get(t).get().decision().passes()) {
                        passed++;
                        spent += t % 2 == 0 ? 1000 : 3000;
                    }
                }
                assertThat(passed).as("round %d", round).isEqualTo(1);
                assertThat(spent).as("round %d", round).isLessThanOrEqualTo(10_000);
            }
        } finally {
            pool.shutdown();
        }
    }
}
