package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.PayMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {
    private static RuleHit points(String code, int points) {
        return new RuleHit(code, points, null, "r", false, false);
    }

    @Test
    void decide_pointsPastIntMax_scoreSaturatesInsteadOfWrappingNegative() {
        RiskVerdict verdict = Verdicts.decide("R1", List.of(points("A", Integer.MAX_VALUE), points("B", 1),
                points("C", Integer.MAX_VALUE)), PayMode.SMS_OTP, "v1", Instant.EPOCH);

        assertThat(verdict.score()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void decide_negativePointsPastIntMin_scoreSaturatesAtIntMin() {
        RiskVerdict verdict = Verdicts.decide("R1", List.of(points("A", Integer.MIN_VALUE), points("B", -1)),
                PayMode.SMS_OTP, "v1", Instant.EPOCH);

        assertThat(verdict.score()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void decide_ordinaryPoints_addUp() {
        RiskVerdict verdict = Verdicts.decide("R1", List.of(points("A", 30), points("B", 25),
                new RuleHit("S", 40, null, "r", true, false)), PayMode.SMS_OTP, "v1", Instant.EPOCH);

        assertThat(verdict.score()).isEqualTo(55);
    }
}
