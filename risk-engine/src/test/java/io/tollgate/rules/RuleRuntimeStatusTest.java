package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.EngineFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the rules page shows of the runtime: when the deciding set was loaded, and the last refused reload. */
class RuleRuntimeStatusTest {
    @TempDir
    Path folder;
    private Path rules;
    private EngineFixture fixture;

    @BeforeEach
    void open() {
        rules = EngineFixture.copyRules(folder.resolve("rules"));
        fixture = new EngineFixture(folder, rules);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void open_stampsLoadedAtByTheClock_noRefusal() {
        assertThat(fixture.engine.rulesLoadedAt()).isEqualTo(EngineFixture.START);
        assertThat(fixture.engine.lastRefusedReload()).isEmpty();
    }

    @Test
    void reload_refused_keepsLoadedAtAndRemembersProblems_nextGoodReloadClearsThem() throws IOException {
        fixture.advance(Duration.ofMinutes(5));
        Path broken = rules.resolve("broken.drl");
        Files.writeString(broken, "package rules;\nrule \"Broken\" when Nonsense( then end\n");

        fixture.engine.reloadRules();

        assertThat(fixture.engine.rulesLoadedAt()).isEqualTo(EngineFixture.START);
        assertThat(fixture.engine.lastRefusedReload()).hasValueSatisfying(refusal -> {
            assertThat(refusal.at()).isEqualTo(EngineFixture.START.plus(Duration.ofMinutes(5)));
            assertThat(refusal.problems()).anySatisfy(problem -> assertThat(problem).startsWith("broken.drl:2:"));
        });

        fixture.advance(Duration.ofMinutes(5));
        Files.delete(broken);
        Files.writeString(rules.resolve("extra.drl"), "package rules;\n");
        assertThat(fixture.engine.reloadRules().accepted()).isTrue();

        assertThat(fixture.engine.rulesLoadedAt()).isEqualTo(EngineFixture.START.plus(Duration.ofMinutes(10)));
        assertThat(fixture.engine.lastRefusedReload()).isEmpty();
    }
}
