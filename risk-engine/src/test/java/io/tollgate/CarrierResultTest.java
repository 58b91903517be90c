package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A carrier result changes the spend that caps count, only for charges that went to the carrier. */
class CarrierResultTest {
    private static final String NUMBER = "13800138000";

    @TempDir
    Path folder;

    /** Three charges of 30 CNY (90 of the 100 CNY daily cap), then a fourth that the cap blocks. */
    private static String spendUpToTheCap(EngineFixture fixture) {
        for (int i = 0; i < 3; i++) {
            assertThat(fixture.check(fixture.charge(NUMBER).amountFen(3000)).decision()).isNotEqualTo(Decision.BLOCK);
            fixture.advance(Duration.ofMinutes(1));
        }
        RiskVerdict blocked = fixture.check(fixture.charge(NUMBER).amountFen(3000));
        assertThat(blocked.hits()).extracting(RuleHit::code).contains("VEL-MSISDN-DAY-CAP");
        return blocked.requestId();
    }

    @Test
    void reportCarrierResult_blockedCharge_isIgnoredAndCountsNoSpend() {
        try (EngineFixture fixture = new EngineFixture(folder)) {
            String blocked = spendUpToTheCap(fixture);

            assertThat(fixture.engine.reportCarrierResult(blocked, false)).isFalse();
            assertThat(fixture.engine.reportCarrierResult(blocked, true)).isFalse();

            fixture.advance(Duration.ofMinutes(1));
            assertThat(fixture.check(fixture.charge(NUMBER).amountFen(1000)).decision())
                    .as("90 CNY approved, 10 more is at the cap, not over it").isEqualTo(Decision.ALLOW);
            fixture.restart();
            fixture.advance(Duration.ofMinutes(1));
            assertThat(fixture.check(fixture.charge(NUMBER).amountFen(100)).hits()).extracting(RuleHit::code)
                    .as("after a rebuild the same spend: 100 CNY, so 1 more is over").contains("VEL-MSISDN-DAY-CAP");
        }
    }

    @Test
    void reportCarrierResult_passedChargeFailsThenSucceeds_countsItsSpendAgain() {
        try (EngineFixture fixture = new EngineFixture(folder)) {
            String passed = fixture.check(fixture.charge(NUMBER).amountFen(3000)).requestId();

            assertThat(fixture.engine.reportCarrierResult(passed, false)).isTrue();
            assertThat(fixture.engine.reportCarrierResult(passed, true)).isTrue();

            for (int i = 0; i < 2; i++) {
                fixture.advance(Duration.ofMinutes(1));
                fixture.check(fixture.charge(NUMBER).amountFen(3000));
            }
            fixture.advance(Duration.ofMinutes(1));
            assertThat(fixture.check(fixture.charge(NUMBER).amountFen(1100)).hits()).extracting(RuleHit::code)
                    .as("90 CNY approved: 11 more is over the cap").contains("VEL-MSISDN-DAY-CAP");
        }
    }
}
