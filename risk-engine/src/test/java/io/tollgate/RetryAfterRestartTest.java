package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.ChargeRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A retry answered from the database after a restart is the verdict returned the first time, to the nanosecond. */
class RetryAfterRestartTest {
    @TempDir
    Path folder;

    @Test
    void check_retryAfterRestart_returnsAnIdenticalVerdict() {
        try (EngineFixture fixture = new EngineFixture(folder)) {
            fixture.at(EngineFixture.START.plusNanos(123_456_789));
            ChargeRequest allow = fixture.charge("13800138000").build();
            ChargeRequest flag = fixture.charge("13900139000").amountFen(5000).build();
            RiskVerdict allowed = fixture.engine.check(allow);
            RiskVerdict flagged = fixture.engine.check(flag);
            assertThat(flagged.decision()).isEqualTo(Decision.FLAG);

            fixture.restart();

            assertThat(fixture.engine.check(allow)).isEqualTo(allowed);
            assertThat(fixture.engine.check(flag)).isEqualTo(flagged);
        }
    }
}
