package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.review.CaseStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine built with {@code replayInMemory()} keeps its decisions in memory, and still answers a
 * retried request id with its first verdict, counts it once, and takes carrier results and
 * disputes into account, as the database-backed engine does.
 */
class ReplayInMemoryTest {
    private static final String NUMBER = "13800138000";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path folder;
    EngineFixture fixture;
    RiskEngine engine;

    @BeforeEach
    void open() {
        fixture = new EngineFixture(folder);
        fixture.engine.close();
        engine = RiskEngine.builder().rules(fixture.rules).database(fixture.dbFile).clock(fixture.clock)
                .replayInMemory().cacheSize(1).build();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private RiskVerdict check(ChargeRequest.Builder charge) {
        fixture.advance(Duration.ofSeconds(10));
        return engine.check(charge.build());
    }

    private static java.util.List<String> codes(RiskVerdict verdict) {
        return verdict.hits().stream().map(RuleHit::code).toList();
    }

    @Test
    void check_retriedRequestId_answersTheFirstVerdictAndCountsOnce() {
        ChargeRequest retried = fixture.charge(NUMBER).requestId("R-RETRY").build();
        RiskVerdict first = engine.check(retried);
        for (int i = 0; i < 5; i++) {
            fixture.advance(MINUTE);
            check(fixture.charge("13900139000")); // pushes R-RETRY out of the one-entry cache of recent verdicts
            assertThat(engine.check(retried)).isEqualTo(first);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(codes(check(fixture.charge(NUMBER)))).doesNotContain("VEL-MSISDN-10M");
        }
        // attempts of the number: R-RETRY once, then 4; the sixth is "more than 5".
        assertThat(codes(check(fixture.charge(NUMBER)))).contains("VEL-MSISDN-10M");
    }

    @Test
    void check_retriedRequestIdWithOtherFields_isAConflict() {
        check(fixture.charge(NUMBER).requestId("R-SAME"));

        assertThatThrownBy(() -> check(fixture.charge(NUMBER).requestId("R-SAME").amountFen(600)))
                .isInstanceOf(RequestConflictException.class);
    }

    @Test
    void reportCarrierResult_failureLeavesTheDailySpend_andACorrectionCountsItAgain() {
        RiskVerdict first = check(fixture.charge(NUMBER).amountFen(3000));
        check(fixture.charge(NUMBER).amountFen(3000));
        check(fixture.charge(NUMBER).amountFen(3000));
        assertThat(codes(check(fixture.charge(NUMBER).amountFen(1001)))).contains("VEL-MSISDN-DAY-CAP");

        assertThat(engine.reportCarrierResult(first.requestId(), false)).isTrue();
        assertThat(codes(check(fixture.charge(NUMBER).amountFen(1001)))).doesNotContain("VEL-MSISDN-DAY-CAP");

        assertThat(engine.reportCarrierResult(first.requestId(), true)).isTrue();
        assertThat(codes(check(fixture.charge(NUMBER).amountFen(1001)))).contains("VEL-MSISDN-DAY-CAP");
        assertThat(engine.reportCarrierResult("R-NEVER", false)).isFalse();
    }

    @Test
    void reportDeduction_countsForTheNextCheck_andItsFlagOpensNoStoredCase() {
        check(fixture.charge(NUMBER).requestId("R-DISPUTED"));
        assertThat(engine.reportDeduction("R-DISPUTED", 500)).isTrue();
        assertThat(engine.reportRefund("R-NEVER", 500)).isFalse();
        fixture.advance(Duration.ofHours(2));

        ChargeRequest flagged = fixture.charge(NUMBER).requestId("R-FLAGGED").build();
        RiskVerdict verdict = engine.check(flagged);

        assertThat(codes(verdict)).containsExactly("CMP-DEDUCTION-90D", "DECIDE-FLAG");
        assertThat(verdict.caseOpened()).isTrue();
        assertThat(engine.check(flagged)).isEqualTo(verdict);
        assertThat(engine.cases().countByStatus().getOrDefault(CaseStatus.OPEN, 0L)).isZero();
    }

    @Test
    void reportComplaint_countsForTheNextCheck() {
        fixture.engine = engine; // the fixture's helper reports through the engine under test
        fixture.complaint(NUMBER, "M1001", fixture.clock.instant());
        fixture.advance(MINUTE);

        assertThat(codes(check(fixture.charge(NUMBER)))).contains("CMP-SAME-MERCHANT", "CMP-MSISDN-30D");
    }
}
