package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RuleHit;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import io.tollgate.facts.Charge;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {
    private static final String FLAG_BIG = """
            package rules;
            import io.tollgate.facts.Charge;
            rule "Big charge"
                @code("T-BIG")
                @action("FLAG")
                @reason("big")
            when
                Charge( amountFen > 3000 )
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
    void evaluate_shadowRule_isMarkedShadow() {
        RuleSet rules = RuleSetCompiler.compile(List.of(new RuleFile("big.drl",
                FLAG_BIG.replace("@reason(\"big\")", "@reason(\"big\")\n    @mode(\"shadow\")"))));

        assertThat(rules.evaluate(List.of(charge(5000)))).singleElement()
                .satisfies(hit -> assertThat(hit.shadow()).isTrue());
    }
}
