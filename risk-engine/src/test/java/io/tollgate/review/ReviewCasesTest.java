package io.tollgate.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.RiskVerdict;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewCasesTest {
    private static final String FAST_TYPIST = "13800138000";
    private static final String BIG_SPENDER = "13900139000";

    @TempDir
    Path folder;
    private EngineFixture fixture;
    private ReviewCase fastFirst;
    private ReviewCase bigSpend;
    private ReviewCase fastAgain;

    /**
     * Three cases on three China days from 2026-03-10: a fast OTP (BLOCK) of one number on device
     * d-1, a 50 CNY charge (FLAG) of another number at merchant M2002 on the same device, and the
     * first number's fast OTP again on device d-2.
     */
    @BeforeEach
    void threeCases() {
        fixture = new EngineFixture(folder);
        fixture.engine.users().add("rita", Role.REVIEWER, "correct horse battery".toCharArray());
        fastFirst = caseOf(fixture.check(fixture.charge(FAST_TYPIST).deviceId("d-1").otpLatencyMs(1_000L)),
                Decision.BLOCK);
        fixture.advance(Duration.ofDays(1));
        bigSpend = caseOf(fixture.check(fixture.charge(BIG_SPENDER).deviceId("d-1").merchantId("M2002")
                .amountFen(5_000)), Decision.FLAG);
        fixture.advance(Duration.ofDays(1));
        fastAgain = caseOf(fixture.check(fixture.charge(FAST_TYPIST).deviceId("d-2").otpLatencyMs(1_000L)),
                Decision.BLOCK);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private ReviewCase caseOf(RiskVerdict verdict, Decision expected) {
        assertThat(verdict.decision()).isEqualTo(expected);
        return fixture.engine.cases().byRequestId(verdict.requestId()).orElseThrow();
    }

    private List<Long> ids(CaseFilter filter) {
        return fixture.engine.cases().find(filter, 0, 100).stream().map(ReviewCase::caseId).toList();
    }

    private static CaseFilter filter(String decision, String rule, String merchant, String from, String to) {
        return CaseFilter.parse("ALL", decision, rule, merchant, from, to, null);
    }

    @Test
    void find_decision_onlyThatDecision() {
        assertThat(ids(filter("FLAG", null, null, null, null))).containsExactly(bigSpend.caseId());
        assertThat(ids(filter("block", null, null, null, null))).containsExactlyInAnyOrder(fastFirst.caseId(),
                fastAgain.caseId());
    }

    @Test
    void find_ruleCode_onlyCasesWhereItHit() {
        assertThat(ids(filter(null, "fraud-otp-fast", null, null, null)))
                .containsExactlyInAnyOrder(fastFirst.caseId(), fastAgain.caseId());
        assertThat(ids(filter(null, "VEL-AMOUNT-30", null, null, null))).containsExactly(bigSpend.caseId());
        assertThat(ids(filter(null, "FRAUD-OTP", null, null, null))).as("a prefix is not a code").isEmpty();
    }

    @Test
    void find_merchant_onlyThatMerchant() {
        assertThat(ids(filter(null, null, "M2002", null, null))).containsExactly(bigSpend.caseId());
    }

    @Test
    void find_dateRange_chinaDaysBothIncluded() {
        assertThat(ids(filter(null, null, null, "2026-03-11", "2026-03-11"))).containsExactly(bigSpend.caseId());
        assertThat(ids(filter(null, null, null, "2026-03-11", null)))
                .containsExactlyInAnyOrder(bigSpend.caseId(), fastAgain.caseId());
        assertThat(ids(filter(null, null, null, null, "2026-03-10"))).containsExactly(fastFirst.caseId());
    }

    @Test
    void find_sortedByScoreThenOldestFirst() {
        fixture.advance(Duration.ofHours(1));
        // An OTP typed in 2.5 s scores 40 points (a FLAG); it is newest but has the highest score.
        ReviewCase scored = caseOf(fixture.check(fixture.charge("13700137000").otpLatencyMs(2_500L)), Decision.FLAG);
        assertThat(scored.score()).isGreaterThan(Math.max(fastFirst.score(), Math.max(bigSpend.score(), fastAgain.score())));

        List<ReviewCase> queue = fixture.engine.cases().find(CaseFilter.ALL, 0, 100);

        assertThat(queue.get(0).caseId()).isEqualTo(scored.caseId());
        for (int i = 1; i < queue.size(); i++) {
            ReviewCase before = queue.get(i - 1);
            ReviewCase after = queue.get(i);
            assertThat(before.score() > after.score()
                    || before.score() == after.score() && !before.openedAt().isAfter(after.openedAt())).isTrue();
        }
    }

    @Test
    void find_pages_coverEveryCaseOnce() {
        List<Long> seen = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            fixture.engine.cases().find(CaseFilter.ALL, page * 2L, 2).forEach(c -> seen.add(c.caseId()));
        }

        assertThat(seen).containsExactlyElementsOf(ids(CaseFilter.ALL)).hasSize(3);
    }

    @Test
    void countByStatus_respectsTheOtherFiltersNotTheStatus() {
        fixture.engine.caseDecisions().decide(fastFirst.caseId(), CaseStatus.ESCALATED, "ask a colleague", "rita",
                false, false);

        var counts = fixture.engine.cases().countByStatus(CaseFilter.parse("OPEN", "BLOCK", null, null, null, null, null));

        assertThat(counts).containsEntry(CaseStatus.OPEN, 1L).containsEntry(CaseStatus.ESCALATED, 1L)
                .containsEntry(CaseStatus.CONFIRMED_FRAUD, 0L).containsEntry(CaseStatus.FALSE_POSITIVE, 0L);
    }

    @Test
    void sameNumberAndSameDevice_listTheOtherCases() {
        assertThat(fixture.engine.cases().sameNumber(fastFirst, 10)).extracting(ReviewCase::caseId)
                .containsExactly(fastAgain.caseId());
        assertThat(fixture.engine.cases().sameDevice(fastFirst, 10)).extracting(ReviewCase::caseId)
                .containsExactly(bigSpend.caseId());
        assertThat(fixture.engine.cases().sameDevice(fastAgain, 10)).isEmpty();
    }

    @Test
    void parse_badValues_nameTheFieldAndValue() {
        assertThatThrownBy(() -> CaseFilter.parse("SHUT", null, null, null, null, null, null))
                .isInstanceOf(InvalidFilterException.class).hasMessageStartingWith("status: unknown value 'SHUT'")
                .extracting(e -> ((InvalidFilterException) e).field()).isEqualTo("status");
        assertThatThrownBy(() -> CaseFilter.parse(null, "MAYBE", null, null, null, null, null))
                .hasMessageStartingWith("decision: unknown value 'MAYBE'");
        assertThatThrownBy(() -> CaseFilter.parse(null, null, "x y", null, null, null, null))
                .hasMessageStartingWith("rule: 'X Y' is not a rule code");
        assertThatThrownBy(() -> CaseFilter.parse(null, null, null, null, "10/03/2026", null, null))
                .hasMessageStartingWith("from: '10/03/2026' is not a date");
        assertThatThrownBy(() -> CaseFilter.parse(null, null, null, null, "2026-03-11", "2026-03-10", null))
                .hasMessageStartingWith("to: '2026-03-10' is before from");
        assertThatThrownBy(() -> CaseFilter.parse(null, null, null, null, null, null, "perhaps"))
                .hasMessageStartingWith("contested: unknown value 'perhaps'");
        assertThatThrownBy(() -> CaseFilter.parse(null, null, null, "13800138000", "x", null, null))
                .hasMessageNotContaining("13800138000");
    }

    @Test
    void export_everyMatchingCaseMaskedAndAudited() {
        StringWriter out = new StringWriter();

        long count = fixture.engine.cases().exportCsv(CaseFilter.ALL, "rita", out);

        assertThat(count).isEqualTo(3);
        assertThat(out.toString().lines()).hasSize(4).first().asString().startsWith("case_id,opened_at,status");
        assertThat(out.toString()).contains("138****8000", "2026-03-10T12:00+08:00").doesNotContainPattern("(?<!\\d)1\\d{10}(?!\\d)");
        assertThat(fixture.engine.auditTrail().ofCase(fastFirst.caseId())).isEmpty();
        StringWriter refused = new StringWriter();
        assertThatThrownBy(() -> fixture.engine.cases().exportCsv(CaseFilter.ALL, "nobody", refused))
                .isInstanceOf(UnableToExportException.class);
        assertThat(refused.toString()).isEmpty();
    }

    @Test
    void csvCell_formulaAndSeparators_areDefused() {
        assertThat(CaseCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CaseCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CaseCsv.cell("call 13800138000")).isEqualTo("call 138****8000");
    }

    @Test
    void filterDates_areChinaDays() {
        CaseFilter day = new CaseFilter(null, null, null, null, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 10), null);
        assertThat(ids(day)).containsExactly(fastFirst.caseId());
    }
}
