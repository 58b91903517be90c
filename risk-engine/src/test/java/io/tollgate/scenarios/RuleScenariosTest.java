package io.tollgate.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.EngineFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs the analysts' scenario files in rules/tests as part of the build: the same as `tollgate rules test`. */
class RuleScenariosTest {
    private static ScenarioRunner.Report report;

    @BeforeAll
    static void run() {
        List<Scenario> scenarios = ScenarioFiles.read(EngineFixture.RULES.resolve("tests"));
        report = ScenarioRunner.run(EngineFixture.RULES, scenarios);
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() {
        return report.results().stream().map(result -> DynamicTest.dynamicTest(
                result.scenario().file().getFileName() + ": " + result.scenario().name(),
                () -> assertThat(result.differences()).as(result.describe()).isEmpty()));
    }

    @Test
    void everyRuleHasAFiringScenarioAndANearMiss() {
        assertThat(report.coverageGaps()).isEmpty();
    }
}
