package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskVerdictTest {

    @Test
    void ruleCodes_joinsTheEnforcedHitsInFiringOrder_withoutTheShadowOnes() {
        RiskVerdict verdict = verdict(List.of(
                new RuleHit("SHADOW-FIRST", 0, Decision.BLOCK, "r", true, false),
                new RuleHit("VEL-MSISDN-10M", 30, null, "r", false, false),
                new RuleHit("SHADOW-MID", 10, null, "r", true, false),
                new RuleHit("BLACKLIST", 0, Decision.BLOCK, "r", false, true)));

        assertThat(verdict.ruleCodes()).isEqualTo("VEL-MSISDN-10M;BLACKLIST");
    }

    @Test
    void ruleCodes_isEmptyWithoutEnforcedHits() {
        assertThat(verdict(List.of()).ruleCodes()).isEmpty();
        assertThat(verdict(List.of(new RuleHit("S", 5, null, "r", true, false))).ruleCodes()).isEmpty();
    }

    private static RiskVerdict verdict(List<RuleHit> hits) {
        return new RiskVerdict("R1", Decision.ALLOW, 0, hits, "v1", Instant.EPOCH, false);
    }
}
