package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.facts.Charge;
import io.tollgate.replay.SettableClock;
import io.tollgate.rules.RuleEvaluator;
import io.tollgate.store.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator seam benchmarks use to put a hand-written baseline into the same pipeline. */
class EvaluatorSeamTest {
    @TempDir
    Path folder;

    @Test
    void check_withAnotherEvaluator_decidesByItsHitsAndNamesItsVersion() {
        List<Collection<?>> seen = new ArrayList<>();
        RuleEvaluator flagEverything = new RuleEvaluator() {
            @Override
            public String version() {
                return "baseline-1";
            }

            @Override
            public List<RuleHit> evaluate(Collection<?> facts) {
                seen.add(List.copyOf(facts));
                return List.of(new RuleHit("BASELINE-FLAG", 0, Decision.FLAG, "Every charge is flagged.", false, false));
            }
        };
        try (RiskEngine engine = RiskEngine.builder().jdbcUrl(Database.h2FileUrl(folder.resolve("tollgate")))
                .clock(new SettableClock(EngineFixture.START)).evaluator(flagEverything).build()) {
            RiskVerdict verdict = engine.check(ChargeRequest.builder().requestId("R1").msisdn("13800138000")
                    .merchantId("M1001").productId("P1001-01").amountFen(500).billingType(BillingType.PER_USE)
                    .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).build());

            assertThat(verdict.decision()).isEqualTo(Decision.FLAG);
            assertThat(verdict.ruleCodes()).isEqualTo("BASELINE-FLAG");
            assertThat(verdict.rulesetVersion()).isEqualTo("baseline-1");
            assertThat(engine.cases().byRequestId("R1")).isPresent(); // recorded as any FLAG is
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0)).hasSize(6).hasAtLeastOneElementOfType(Charge.class);
        }
    }
}
