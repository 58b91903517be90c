package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.Decision;
import io.tollgate.RuleHit;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import io.tollgate.facts.Charge;
import io.tollgate.facts.Subscriber;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {
    private static final String FLAG_BIG = """
            package rules;
            import io.tollgate.facts.Charge;
import io.tollgate.facts.Subscriber;
            rule "Big charge"
                @code("T-BIG")
                @action("FLAG")
                @reason("big")
            when
                Charge( amountFen > 3000 )
            then
            end
            """;

    private static final String POINTS_AND_DECIDE = """
            package rules;
            import io.tollgate.facts.Charge;
import io.tollgate.facts.Subscriber;
            import io.tollgate.facts.RiskScore;
            rule "Big charge"
                @code("T-BIG")
                @score(60)
                @reason("big")
            when
                Charge( amountFen > 3000 )
            then
            end
            rule "Score 50"
                @code("T-DECIDE")
                @action("FLAG")
                @reason("score")
                ruleflow-group "decide"
            when
                RiskScore( points >= 50 )
            then
            end
            """;
    /** Matches the absence of a fact: its match hangs on the session's initial fact, not on the charge's facts. */
    private static final String NO_SUBSCRIBER = """
            package rules;
            import io.tollgate.facts.Charge;
import io.tollgate.facts.Subscriber;
            import io.tollgate.facts.Subscriber;
            rule "Unknown number"
                @code("T-UNKNOWN")
                @action("FLAG")
                @reason("unknown")
            when
                not Subscriber( known )
            then
            end
            """;

    private static Charge charge(long amountFen) {
        return new Charge("R1", "13800138000", null, null, "M1", "P1", amountFen, BillingType.PER_USE,
                ChargeKind.INITIAL, PayMode.SMS_OTP, null, null, 6000L, 12);
    }

    @Test
    void evaluate_ruleSetWithoutDecisionRules_reportsActionHits() {
        RuleSet rules = RuleSetCompiler.compile(List.of(new RuleFile("big.drl", FLAG_BIG)));

        assertThat(rules.evaluate(List.of(charge(5000))))
                .containsExactly(new RuleHit("T-BIG", 0, Decision.FLAG, "big", false, false));
        assertThat(rules.evaluate(List.of(charge(3000)))).isEmpty();
    }

    @Test
    void evaluate_sameFactsAgain_hitsAgainInBothPhases() {
        RuleSet rules = RuleSetCompiler.compile(List.of(new RuleFile("decide.drl", POINTS_AND_DECIDE)));
        List<String> expected = List.of("T-BIG", "T-DECIDE");

        for (int i = 0; i < 3; i++) { // a kept session fires every match anew, decision rules included
            assertThat(rules.evaluate(List.of(charge(5000)))).extracting(RuleHit::code).isEqualTo(expected);
            assertThat(rules.evaluate(List.of(charge(100)))).isEmpty();
        }
        assertThat(rules.reusesSessions()).isTrue();
        assertThat(rules.keepsScore()).isTrue();
    }

    @Test
    void evaluate_keptScore_decisionRulesJoiningItSeeEachChargesOwn() {
        RuleSet rules = RuleSetCompiler.compile(List.of(new RuleFile("decide.drl", POINTS_AND_DECIDE + """
                rule "Scored big charge"
                    @code("T-JOIN")
                    @action("FLAG")
                    @reason("joined")
                    ruleflow-group "decide"
                when
                    RiskScore( points >= 50 )
                    Charge( amountFen > 4000 )
                then
                end
                """)));
        assertThat(rules.keepsScore()).isTrue();

        for (int i = 0; i < 3; i++) { // the same score again, another score, and the same score with other facts
            assertThat(rules.evaluate(List.of(charge(5000)))).extracting(RuleHit::code)
                    .containsExactlyInAnyOrder("T-BIG", "T-DECIDE", "T-JOIN");
            assertThat(rules.evaluate(List.of(charge(5000)))).extracting(RuleHit::code)
                    .containsExactlyInAnyOrder("T-BIG", "T-DECIDE", "T-JOIN");
            assertThat(rules.evaluate(List.of(charge(3500)))).extracting(RuleHit::code)
                    .containsExactlyInAnyOrder("T-BIG", "T-DECIDE");
            assertThat(rules.evaluate(List.of(charge(100)))).isEmpty();
        }
    }

    @Test
    void evaluate_ruleOnTheScoreOutsideTheDecisionGroup_seesOnlyThisChargesScore() {
        RuleSet rules = RuleSetCompiler.compile(List.of(new RuleFile("decide.drl", POINTS_AND_DECIDE + """
                rule "High score of a charge"
                    @code("T-SCORE")
                    @score(0)
                    @reason("scored")
                when
                    RiskScore( points >= 50 )
                    Charge()
                then
                end
                """)));
        assertThat(rules.keepsScore()).isFalse();

        for (int i = 0; i < 3; i++) { // the last charge's score would join this charge in the first phase
            assertThat(rules.evaluate(List.of(charge(5000)))).extracting(RuleHit::code)
                    .containsExactly("T-BIG", "T-DECIDE", "T-SCORE");
            assertThat(rules.evaluate(List.of(charge(100)))).isEmpty();
        }
    }

    @Test
    void evaluate_factsOfOtherClassesOrOrder_replaceTheLastCharges() {
        RuleSet rules = RuleSetCompiler.compile(List.of(new RuleFile("join.drl", """
                package rules;
                import io.tollgate.facts.Charge;
                import io.tollgate.facts.Subscriber;
                rule "Big charge of an unknown number"
                    @code("T-JOIN")
                    @action("FLAG")
                    @reason("join")
                when
                    Charge( amountFen > 3000 )
                    Subscriber( !known )
                then
                end
                """)));

        assertThat(rules.evaluate(List.of(charge(5000)))).isEmpty();
        assertThat(rules.evaluate(List.of(charge(5000), Subscriber.UNKNOWN))).extracting(RuleHit::code)
                .containsExactly("T-JOIN");
        assertThat(rules.evaluate(List.of(Subscriber.UNKNOWN, charge(5000)))).extracting(RuleHit::code)
                .containsExactly("T-JOIN");
        assertThat(rules.evaluate(List.of(Subscriber.UNKNOWN, charge(100)))).isEmpty();
        assertThat(rules.evaluate(List.of(charge(5000)))).isEmpty();
        assertThat(rules.reusesSessions()).isTrue();
    }

    @Test
    void evaluate_ruleOnAbsentFact_hitsOnEveryEvaluation() {
        RuleSet rules = RuleSetCompiler.compile(List.of(new RuleFile("unknown.drl", NO_SUBSCRIBER)));

        for (int i = 0; i < 3; i++) {
            assertThat(rules.evaluate(List.of(charge(5000), Subscriber.UNKNOWN))).extracting(RuleHit::code)
                    .containsExactly("T-UNKNOWN");
        }
        assertThat(rules.reusesSessions()).isFalse();
    }

    @Test
    void evaluate_afterARuleThrew_decidesTheNextChargeOnACleanSession() {
        RuleSet rules = RuleSetCompiler.compile(List.of(new RuleFile("ip.drl", """
                package rules;
                import io.tollgate.facts.Charge;
                rule "Long IP"
                    @code("T-IP")
                    @action("FLAG")
                    @reason("ip")
                when
                    Charge( ip.length() > 3 )
                then
                end
                """)));
        Charge withIp = new Charge("R2", "13800138000", null, null, "M1", "P1", 100, BillingType.PER_USE,
                ChargeKind.INITIAL, PayMode.SMS_OTP, null, "10.1.2.3", 6000L, 12);

        assertThat(rules.evaluate(List.of(withIp))).extracting(RuleHit::code).containsExactly("T-IP");
        assertThatThrownBy(() -> rules.evaluate(List.of(charge(100)))).isInstanceOf(RuleEvaluationException.class);
        assertThat(rules.evaluate(List.of(withIp))).extracting(RuleHit::code).containsExactly("T-IP");
    }

    @Test
    void evaluate_overItsTimeBudget_isStopped_andTheNextEvaluationDecides() {
        RuleSet rules = RuleSetCompiler.compile(List.of(new RuleFile("big.drl", FLAG_BIG)));
        try {
            rules.evaluationBudget(java.time.Duration.ZERO);

            assertThatThrownBy(() -> rules.evaluate(List.of(charge(5000))))
                    .isInstanceOf(RuleEvaluationException.class)
                    .hasMessageStartingWith("rule evaluation took longer than 0 ms on one charge");
        } finally {
            rules.evaluationBudget(RuleSet.MAX_EVALUATION_TIME);
        }
        assertThat(rules.evaluate(List.of(charge(5000)))).extracting(RuleHit::code).containsExactly("T-BIG");
    }

    @Test
    void packagedRules_reuseSessions() {
        assertThat(RuleSetCompiler.compile(RuleSource.packaged().read()).reusesSessions()).isTrue();
        assertThat(RuleSetCompiler.compile(RuleSource.packaged().read()).keepsScore()).isTrue();
    }

    @Test
    void evaluate_shadowRule_isMarkedShadow() {
        RuleSet rules = RuleSetCompiler.compile(List.of(new RuleFile("big.drl",
                FLAG_BIG.replace("@reason(\"big\")", "@reason(\"big\")\n    @mode(\"shadow\")"))));

        assertThat(rules.evaluate(List.of(charge(5000)))).singleElement()
                .satisfies(hit -> assertThat(hit.shadow()).isTrue());
    }
}
