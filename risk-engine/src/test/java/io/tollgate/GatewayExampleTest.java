package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's and RiskEngine's example, kept compiling and true: only the database path differs. */
class GatewayExampleTest {
    @TempDir
    Path folder;

    @Test
    void readmeExample_compilesAndAllowsAPlainCharge() {
        RiskVerdict seen;
        try (RiskEngine engine = RiskEngine.builder()
                .database(folder.resolve("tollgate"))             // README: /var/lib/tollgate/tollgate
                .build()) {                                       // rules: the set packaged in the jar
            RiskVerdict verdict = engine.check(ChargeRequest.builder()
                    .requestId("R-20260307-0001").msisdn("+86 138 0013 8000")
                    .merchantId("M1001").productId("P1001-01").amountFen(500)
                    .billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                    .payMode(PayMode.SMS_OTP).otpLatencyMs(6200L).build());
            if (verdict.decision().passes()) { /* send it; for CHALLENGE confirm by SMS code first */ }
            engine.reportCarrierResult("R-20260307-0001", true);
            seen = verdict;
        }
        assertThat(seen.decision()).isEqualTo(Decision.ALLOW);
    }
}
