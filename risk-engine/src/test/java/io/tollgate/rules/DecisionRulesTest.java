package io.tollgate.rules;

import static io.tollgate.EngineFixture.TODAY;
import static io.tollgate.EngineFixture.china;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * rules/decide.drl: thresholds on the summed points of the enforced hits, and how hits become a
 * decision. The starter rules score 30 (CHURN-PORTED-30D, CMP-REFUNDS-90D) and 40
 * (FRAUD-NIGHT-FAST-OTP, CMP-DEDUCTION-90D), so they reach 30, 40, 70 and 100 but never 39, 59 or
 * 99: those boundaries are tested on the repository's rules plus a test-only file of rules that
 * score the points named by the charge's product id ({@code SCORE-59} scores 59).
 */
class DecisionRulesTest extends RuleTestSupport {
    private static final String NUMBER = "13800138000";
    private static final List<Integer> TEST_POINTS = List.of(39, 40, 59, 60, 99, 100);

    // ----- with the starter rules -----

    /** A subscription at 02:00 China time with an OTP in 3 s: FRAUD-NIGHT-FAST-OTP, 40 points. */
    private ChargeRequest.Builder nightSubscription() {
        fixture.at(china("2026-03-11T02:00"));
        return fixture.charge(NUMBER).billingType(BillingType.MONTHLY_CALENDAR).otpLatencyMs(3_000L);
    }

    @Test
    @DoesNotFire({"DECIDE-FLAG", "DECIDE-CHALLENGE", "DECIDE-BLOCK"})
    void check_score30_allows() {
        fixture.subscriber(NUMBER).portedOn(TODAY.minusDays(1)).save();

        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER));

        assertVerdict(verdict, Decision.ALLOW, "CHURN-PORTED-30D");
        assertThat(verdict.score()).isEqualTo(30);
    }

    @Test
    @Fires("DECIDE-FLAG")
    void check_score40_flags() {
        RiskVerdict verdict = fixture.check(nightSubscription());

        assertVerdict(verdict, Decision.FLAG, "FRAUD-NIGHT-FAST-OTP", "DECIDE-FLAG");
        assertThat(verdict.score()).isEqualTo(40);
        assertThat(verdict.caseOpened()).isTrue();
        assertThat(fixture.engine.cases().byRequestId(verdict.requestId())).isPresent();
    }

    @Test
    @Fires("DECIDE-FLAG")
    @DoesNotFire("DECIDE-CHALLENGE")
    void check_score70OnAnOtpCharge_flagsWithoutChallenge() {
        fixture.subscriber(NUMBER).portedOn(TODAY.minusDays(1)).save();

        RiskVerdict verdict = fixture.check(nightSubscription());

        assertVerdict(verdict, Decision.FLAG, "CHURN-PORTED-30D", "FRAUD-NIGHT-FAST-OTP", "DECIDE-FLAG");
        assertThat(verdict.score()).isEqualTo(70);
    }

    /** A deduction (40 points) and two refunds (30 points) on earlier charges of the number. */
    private void deductionAndTwoRefunds() {
        String first = fixture.check(fixture.charge(NUMBER)).requestId();
        String second = fixture.check(fixture.charge(NUMBER)).requestId();
        assertThat(fixture.engine.reportDeduction(first, 500)).isTrue();
        assertThat(fixture.engine.reportRefund(first, 500)).isTrue();
        assertThat(fixture.engine.reportRefund(second, 500)).isTrue();
        fixture.advance(Duration.ofDays(1));
    }

    @Test
    @Fires({"DECIDE-CHALLENGE", "DECIDE-FLAG"})
    void check_score70OnADirectCharge_challenges() {
        deductionAndTwoRefunds();

        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).payMode(PayMode.SMS_DIRECT).otpLatencyMs(null));

        assertVerdict(verdict, Decision.CHALLENGE,
                "CMP-DEDUCTION-90D", "CMP-REFUNDS-90D", "DECIDE-CHALLENGE", "DECIDE-FLAG");
        assertThat(verdict.score()).isEqualTo(70);
        assertThat(verdict.caseOpened()).isFalse();
    }

    @Test
    @Fires("DECIDE-BLOCK")
    void check_score100FromTheStarterRules_blocks() {
        fixture.subscriber(NUMBER).portedOn(TODAY.minusDays(1)).save();
        deductionAndTwoRefunds();

        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER));

        assertVerdict(verdict, Decision.BLOCK,
                "CHURN-PORTED-30D", "CMP-DEDUCTION-90D", "CMP-REFUNDS-90D", "DECIDE-BLOCK");
        assertThat(verdict.score()).isEqualTo(100);
        assertThat(verdict.caseOpened()).as("a block by points adding up is reviewed").isTrue();
    }

    @Test
    @Fires({"DECIDE-FLAG", "FRAUD-OTP-FAST"})
    void check_score40WithABlockingRule_blocks() {
        RiskVerdict verdict = fixture.check(nightSubscription().otpLatencyMs(1_500L));

        assertVerdict(verdict, Decision.BLOCK, "FRAUD-NIGHT-FAST-OTP", "FRAUD-OTP-FAST", "DECIDE-FLAG");
        assertThat(verdict.caseOpened()).as("FRAUD-OTP-FAST asks for review").isTrue();
    }

    // ----- exact thresholds, with test-only points rules -----

    /** The repository's rules plus a test-only file; returns an engine deciding with them. */
    private EngineFixture withTestRules() throws IOException {
        Path rules = EngineFixture.copyRules(folder.resolve("rules"));
        StringBuilder drl = new StringBuilder("""
                package rules;

                import io.tollgate.facts.Charge;

                rule "Test: a direct charge of product CHALLENGE is challenged"
                    @code("TEST-CHALLENGE")
                    @action("CHALLENGE")
                    @reason("Test only.")
                when
                    Charge( productId == "CHALLENGE" )
                then
                end

                rule "Test: product SHADOW-BLOCK is blocked in shadow mode"
                    @code("TEST-SHADOW-BLOCK")
                    @action("BLOCK")
                    @mode("shadow")
                    @reason("Test only.")
                when
                    Charge( productId == "SHADOW-BLOCK" )
                then
                end

                rule "Test: product SHADOW-100 scores 100 points in shadow mode"
                    @code("TEST-SHADOW-100")
                    @score(100)
                    @mode("shadow")
                    @reason("Test only.")
                when
                    Charge( productId == "SHADOW-100" )
                then
                end
                """);
        for (int points : TEST_POINTS) {
            drl.append("""

                    rule "Test: product SCORE-%1$d scores %1$d points"
                        @code("TEST-SCORE-%1$d")
                        @score(%1$d)
                        @reason("Test only.")
                    when
                        Charge( productId == "SCORE-%1$d" )
                    then
                    end
                    """.formatted(points));
        }
        Files.writeString(rules.resolve("zz-test-points.drl"), drl);
        return openEngine(rules);
    }

    private static RiskVerdict check(EngineFixture engine, String product, PayMode payMode) {
        return engine.check(engine.charge(NUMBER).productId(product).payMode(payMode));
    }

    @Test
    void testRuleSet_isTheRepositorysRulesPlusTheTestRules() throws IOException {
        EngineFixture engine = withTestRules();

        List<String> repository = fixture.engine.ruleSet().rules().stream().map(r -> r.code()).toList();
        assertThat(engine.engine.ruleSet().rules()).extracting(r -> r.code())
                .containsAll(repository)
                .hasSize(repository.size() + TEST_POINTS.size() + 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMS_OTP", "SMS_DIRECT"})
    @DoesNotFire("DECIDE-FLAG")
    void check_score39_allows(PayMode payMode) throws IOException {
        EngineFixture engine = withTestRules();

        RiskVerdict verdict = check(engine, "SCORE-39", payMode);

        assertVerdict(verdict, Decision.ALLOW, "TEST-SCORE-39");
        assertThat(verdict.score()).isEqualTo(39);
    }

    @Test
    @Fires("DECIDE-FLAG")
    void check_score40ExactlyAtTheThreshold_flags() throws IOException {
        EngineFixture engine = withTestRules();

        RiskVerdict verdict = check(engine, "SCORE-40", PayMode.SMS_OTP);

        assertVerdict(verdict, Decision.FLAG, "TEST-SCORE-40", "DECIDE-FLAG");
        assertThat(verdict.caseOpened()).isTrue();
    }

    @Test
    @DoesNotFire("DECIDE-CHALLENGE")
    void check_score59OnADirectCharge_onlyFlags() throws IOException {
        EngineFixture engine = withTestRules();

        assertVerdict(check(engine, "SCORE-59", PayMode.SMS_DIRECT), Decision.FLAG, "TEST-SCORE-59", "DECIDE-FLAG");
    }

    @Test
    @Fires("DECIDE-CHALLENGE")
    void check_score60OnADirectCharge_challenges() throws IOException {
        EngineFixture engine = withTestRules();

        RiskVerdict verdict = check(engine, "SCORE-60", PayMode.SMS_DIRECT);

        assertVerdict(verdict, Decision.CHALLENGE, "TEST-SCORE-60", "DECIDE-CHALLENGE", "DECIDE-FLAG");
        assertThat(verdict.score()).isEqualTo(60);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMS_OTP", "WAP"})
    @DoesNotFire("DECIDE-CHALLENGE")
    void check_score60OnAConfirmedCharge_flags(PayMode payMode) throws IOException {
        EngineFixture engine = withTestRules();

        assertVerdict(check(engine, "SCORE-60", payMode), Decision.FLAG, "TEST-SCORE-60", "DECIDE-FLAG");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMS_OTP", "SMS_DIRECT"})
    @DoesNotFire("DECIDE-BLOCK")
    void check_score99_doesNotBlock(PayMode payMode) throws IOException {
        EngineFixture engine = withTestRules();

        RiskVerdict verdict = check(engine, "SCORE-99", payMode);

        assertThat(codes(verdict)).doesNotContain("DECIDE-BLOCK").contains("DECIDE-FLAG");
        assertThat(verdict.decision()).isEqualTo(payMode == PayMode.SMS_DIRECT ? Decision.CHALLENGE : Decision.FLAG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMS_OTP", "SMS_DIRECT"})
    @Fires("DECIDE-BLOCK")
    void check_score100_blocks(PayMode payMode) throws IOException {
        EngineFixture engine = withTestRules();

        RiskVerdict verdict = check(engine, "SCORE-100", payMode);

        assertVerdict(verdict, Decision.BLOCK, "TEST-SCORE-100", "DECIDE-BLOCK");
        assertThat(verdict.score()).isEqualTo(100);
    }

    @Test
    @DoesNotFire("DECIDE-BLOCK")
    void check_shadowPoints_areRecordedButNotScored() throws IOException {
        EngineFixture engine = withTestRules();

        RiskVerdict verdict = check(engine, "SHADOW-100", PayMode.SMS_OTP);

        assertVerdict(verdict, Decision.ALLOW, "TEST-SHADOW-100");
        assertThat(verdict.hits()).extracting(RuleHit::shadow).containsExactly(true);
        assertThat(verdict.score()).isZero();
        assertThat(verdict.ruleCodes()).isEmpty();
    }

    @Test
    void check_challengeOnAConfirmedCharge_isDowngradedToFlag() throws IOException {
        EngineFixture engine = withTestRules();

        RiskVerdict otp = check(engine, "CHALLENGE", PayMode.SMS_OTP);
        RiskVerdict direct = check(engine, "CHALLENGE", PayMode.SMS_DIRECT);

        assertVerdict(otp, Decision.FLAG, "TEST-CHALLENGE");
        assertThat(otp.caseOpened()).isTrue();
        assertVerdict(direct, Decision.CHALLENGE, "TEST-CHALLENGE");
        assertThat(direct.caseOpened()).isFalse();
    }

    @Test
    void check_shadowBlock_isRecordedButNotEnforced() throws IOException {
        EngineFixture engine = withTestRules();

        RiskVerdict verdict = check(engine, "SHADOW-BLOCK", PayMode.SMS_OTP);

        assertVerdict(verdict, Decision.ALLOW, "TEST-SHADOW-BLOCK");
        assertThat(verdict.caseOpened()).isFalse();
    }
}
