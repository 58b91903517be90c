package io.tollgate.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.EngineFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunnerTest {
    @TempDir
    Path folder;

    private ScenarioRunner.Report run(String yaml) throws IOException {
        Files.writeString(folder.resolve("s.yaml"), yaml);
        return ScenarioRunner.run(EngineFixture.RULES, ScenarioFiles.read(folder));
    }

    @Test
    void run_wrongExpectation_reportsWhatDiffered() throws IOException {
        ScenarioRunner.Report report = run("""
                scenarios:
                  - name: wrong on purpose
                    charge: { amount_fen: 5000 }
                    expect: { decision: ALLOW, hits: [], does_not_fire: [VEL-AMOUNT-30] }
                """);

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(failure -> assertThat(failure.describe())
                .endsWith("s.yaml: \"wrong on purpose\": expected decision ALLOW, got FLAG [VEL-AMOUNT-30]; "
                        + "expected hits [], got [VEL-AMOUNT-30]; expected not to fire [VEL-AMOUNT-30], but it did"));
    }

    @Test
    void run_earlierChargesAndCarrierFailure_countAsHistory() throws IOException {
        ScenarioRunner.Report report = run("""
                scenarios:
                  - name: three 30 CNY charges today, one failed, leave room for a fourth
                    given:
                      charges:
                        - { ts: "2026-03-10T09:00:00+08:00", amount_fen: 3000, repeat: 2, every: PT1H }
                        - { ts: "2026-03-10T11:00:00+08:00", amount_fen: 3000, carrier_result: FAILURE }
                    charge: { amount_fen: 3000 }
                    expect: { decision: ALLOW, does_not_fire: [VEL-MSISDN-DAY-CAP] }
                """);

        assertThat(report.failures()).isEmpty();
    }

    @Test
    void run_ruleWithoutScenarios_isAGap() throws IOException {
        ScenarioRunner.Report report = run("""
                scenarios:
                  - name: plain
                    expect: { decision: ALLOW, hits: [] }
                """);

        assertThat(report.coverageGaps()).contains(
                "lists.drl:9: LIST-MSISDN: no passing scenario where it fires (expect hits/fires)",
                "lists.drl:9: LIST-MSISDN: no passing near miss where it does not fire (expect does_not_fire)");
    }

    @Test
    void read_badField_namesFileScenarioAndField() throws IOException {
        Files.writeString(folder.resolve("bad.yaml"), """
                scenarios:
                  - name: typo
                    charge: { pay_mode: SMS }
                    expect: { decision: ALLOW }
                """);

        assertThat(ScenarioRunner.run(EngineFixture.RULES, ScenarioFiles.read(folder)).failures())
                .singleElement().satisfies(failure -> assertThat(failure.describe())
                        .contains("bad.yaml: \"typo\": cannot run: pay_mode: unknown value 'SMS'"));
        Files.writeString(folder.resolve("bad.yaml"), "scenarios: { not: a list }\n");
        assertThatThrownBy(() -> ScenarioFiles.read(folder)).hasMessageEndingWith("bad.yaml: expected a list under 'scenarios:'");
    }

    @Test
    void run_ruleThatThrows_failsItsScenarios() throws IOException {
        Path rules = Files.createDirectories(folder.resolve("rules"));
        Files.writeString(rules.resolve("broken.drl"), """
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
                """);
        Path scenarios = Files.createDirectories(folder.resolve("scenarios"));
        Files.writeString(scenarios.resolve("s.yaml"), """
                scenarios:
                  - name: no IP
                    charge: { ip: null }
                    expect: { decision: FLAG }
                """);

        ScenarioRunner.Report report = ScenarioRunner.run(rules, ScenarioFiles.read(scenarios));

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(failure ->
                assertThat(failure.describe()).contains("the rules could not decide this charge (ENGINE-ERROR)"));
    }
}
