package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.review.CaseStatus;
import io.tollgate.review.ReviewCase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
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

    @Test
    void reopen_flaggedCaseSurvives() {
        RiskVerdict flagged = fixture.check(fixture.charge("13800138000").requestId("R-BIG").amountFen(5000).deviceId("dev-A"));
        assertThat(flagged.decision()).isEqualTo(Decision.FLAG);
        assertThat(flagged.caseOpened()).isTrue();

        fixture.restart();

        List<ReviewCase> open = fixture.engine.cases().list(CaseStatus.OPEN, 10);
        assertThat(open).singleElement().satisfies(found -> {
            assertThat(found.requestId()).isEqualTo("R-BIG");
            assertThat(found.decision()).isEqualTo(Decision.FLAG);
            assertThat(found.hits()).extracting(RuleHit::code).contains("VEL-AMOUNT-30");
            assertThat(found.snapshotJson()).contains("138****8000").doesNotContain("13800138000");
        });
    }

    @Test
    void reopen_velocitySurvives() {
        for (int i = 0; i < 3; i++) {
            assertThat(fixture.check(fixture.charge("13800138000").amountFen(3000)).decision().passes()).isTrue();
            fixture.advance(Duration.ofMinutes(20));
        }

        fixture.restart();

        // 90 CNY spent today before the restart: 30 more crosses the 100 CNY cap.
        RiskVerdict verdict = fixture.check(fixture.charge("13800138000").amountFen(3000));
        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.hits()).extracting(RuleHit::code).contains("VEL-MSISDN-DAY-CAP");
    }

    @Test
    void reopen_carrierFailureBeforeRestartStillDoesNotCount() {
        for (int i = 0; i < 3; i++) {
            fixture.check(fixture.charge("13800138000").requestId("R-" + i).amountFen(3000));
            fixture.advance(Duration.ofMinutes(20));
        }
        assertThat(fixture.engine.reportCarrierResult("R-0", false)).isTrue();

        fixture.restart();

        assertThat(fixture.check(fixture.charge("13800138000").amountFen(3000)).decision().passes()).isTrue();
    }
}
