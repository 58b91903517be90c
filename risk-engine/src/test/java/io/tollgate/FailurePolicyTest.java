package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.replay.SettableClock;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the rules cannot decide a charge, check answers by the failure policy and never throws. */
class FailurePolicyTest {
    /** Calls a method on a charge's missing IP: a rule that throws at evaluation. */
    private static final String THROWING = """
            package rules;
            import io.tollgate.facts.Charge;
            rule "Reads a missing IP"
                @code("T-NULL")
                @action("FLAG")
                @reason("forgets that the IP is optional")
            when
                Charge( ip.length() > 3 )
            then
            end
            """;

    @TempDir
    Path folder;

    private RiskEngine engine(FailurePolicy policy) throws IOException {
        Path rules = Files.createDirectories(folder.resolve("rules-" + policy));
        Files.writeString(rules.resolve("broken.drl"), THROWING);
        return RiskEngine.builder().rules(rules).database(folder.resolve("db-" + policy)).failurePolicy(policy)
                .clock(new SettableClock(EngineFixture.START)).build();
    }

    private static ChargeRequest charge() {
        return ChargeRequest.builder().requestId("R1").msisdn("13800138000").merchantId("M1").productId("P1")
                .amountFen(500).billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                .payMode(PayMode.SMS_OTP).otpLatencyMs(8000L).build();
    }

    @Test
    void check_ruleThrows_defaultPolicyFlagsWithEngineErrorAndStoresACase() throws IOException {
        try (RiskEngine engine = engine(FailurePolicy.FLAG)) {
            RiskVerdict verdict = engine.check(charge());

            assertThat(verdict.decision()).isEqualTo(Decision.FLAG);
            assertThat(verdict.hits()).extracting(RuleHit::code).containsExactly(FailurePolicy.ENGINE_ERROR);
            assertThat(verdict.caseOpened()).isTrue();
            assertThat(engine.cases().byRequestId("R1")).isPresent();
        }
    }

    @Test
    void check_ruleThrows_blockPolicyBlocks() throws IOException {
        try (RiskEngine engine = engine(FailurePolicy.BLOCK)) {
            RiskVerdict verdict = engine.check(charge());

            assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
            assertThat(verdict.hits()).extracting(RuleHit::code).containsExactly(FailurePolicy.ENGINE_ERROR);
        }
    }
}
