package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskEngineTest {
    @TempDir
    Path folder;
    EngineFixture fixture;

    @BeforeEach
    void open() {
        fixture = new EngineFixture(folder);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void check_plainCharge_allows() {
        RiskVerdict verdict = fixture.check(fixture.charge("13800138000"));

        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
        assertThat(verdict.hits()).isEmpty();
        assertThat(verdict.rulesetVersion()).hasSize(64);
        assertThat(verdict.decidedAt()).isEqualTo(EngineFixture.START);
    }
}
