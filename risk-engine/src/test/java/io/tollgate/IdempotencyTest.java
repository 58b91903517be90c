package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.charge.ChargeRequest;
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

class IdempotencyTest {
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

    /** Storms of the test; {@code -Dtollgate.faults.rounds=200} runs the full size (docs/operations.md). */
    private static final int STORMS = Integer.getInteger("tollgate.faults.rounds", 3);

    @Test
    void check_sixteenThreadsRetryOneRequestFiftyTimes_oneVerdictCountedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int storm = 0; storm < STORMS; storm++) {
                String number = EngineFixture.numberInOwnBlock(storm);
                ChargeRequest request = fixture.charge(number).requestId("R-RETRY-" + storm).build();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<RiskVerdict>>> verdicts = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    verdicts.add(pool.submit(() -> {
                        start.await();
                        List<RiskVerdict> answers = new ArrayList<>();
                        for (int call = 0; call < 50; call++) {
                            answers.add(fixture.engine.check(request));
                        }
                        return answers;
                    }));
                }
                start.countDown();
                List<RiskVerdict> answers = new ArrayList<>();
                for (Future<List<RiskVerdict>> verdict : verdicts) {
                    answers.addAll(verdict.get());
                }

                assertThat(answers).hasSize(800).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.get(0)));
                // Counted once: the next charges of the number are its 2nd to 5th attempts, the 6th crosses "more than 5".
                for (int i = 0; i < 4; i++) {
                    assertThat(fixture.check(fixture.charge(number)).hits()).extracting(RuleHit::code)
                            .doesNotContain("VEL-MSISDN-10M", "VEL-MSISDN-10M-BURST");
                }
                assertThat(fixture.check(fixture.charge(number)).hits()).extracting(RuleHit::code)
                        .contains("VEL-MSISDN-10M");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void check_conflictingReuseOfAnIdHoldingANumber_masksItInTheMessage() {
        fixture.check(fixture.charge("13800138000").requestId("R-913912345678"));

        assertThatThrownBy(() -> fixture.check(fixture.charge("13800138000").requestId("R-913912345678").amountFen(600)))
                .isInstanceOf(RequestConflictException.class)
                .hasMessageStartingWith("request_id: 'R-913*****5678' was already checked")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("1[3-9][0-9]{9}"));
    }

    @Test
    void check_sameIdDifferentAmount_isAConflict() {
        fixture.check(fixture.charge("13800138000").requestId("R-SAME"));

        assertThatThrownBy(() -> fixture.check(fixture.charge("13800138000").requestId("R-SAME").amountFen(600)))
                .isInstanceOf(RequestConflictException.class)
                .hasMessageContaining("R-SAME");
    }

    @Test
    void check_retryAfterRestart_returnsStoredVerdictAndCountsNothing() {
        ChargeRequest request = fixture.charge("13800138000").requestId("R-BEFORE-RESTART").build();
        RiskVerdict first = fixture.engine.check(request);

        fixture.restart();
        fixture.advance(java.time.Duration.ofMinutes(1));
        RiskVerdict again = fixture.engine.check(request);

        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> fixture.engine.check(fixture.charge("13800138000")
                .requestId("R-BEFORE-RESTART").amountFen(900).build()))
                .isInstanceOf(RequestConflictException.class);
    }

    @Test
    void check_sameIdWithDeviceAbsentThenTheWordNull_isAConflict() {
        fixture.check(fixture.charge("13800138000").requestId("R-NULL").deviceId(null));

        assertThatThrownBy(() -> fixture.check(fixture.charge("13800138000").requestId("R-NULL").deviceId("null")))
                .isInstanceOf(RequestConflictException.class);
    }

    @Test
    void check_sameIdWithABarMovedBetweenFields_isAConflict() {
        fixture.check(fixture.charge("13800138000").requestId("R-BAR").merchantId("M1|P").productId("1"));

        assertThatThrownBy(() -> fixture.check(fixture.charge("13800138000").requestId("R-BAR").merchantId("M1")
                .productId("P|1")))
                .isInstanceOf(RequestConflictException.class);
    }

    @Test
    void check_retryOfAVerdictStoredWithTheEarlierFingerprint_returnsIt() throws Exception {
        ChargeRequest request = fixture.charge("13800138000").requestId("R-LEGACY").build();
        RiskVerdict first = fixture.engine.check(request);
        fixture.close();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + fixture.dbFile.toAbsolutePath(), "tollgate", "");
             java.sql.PreparedStatement update = connection.prepareStatement(
                     "UPDATE decision SET fingerprint = ? WHERE request_id = ?")) {
            update.setString(1, FingerprintHash.legacyOf(request));
            update.setString(2, "R-LEGACY");
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        fixture.engine = fixture.open();

        assertThat(fixture.engine.check(request)).isEqualTo(first);
    }
}
