package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesTestCommandTest {
    @TempDir
    Path folder;
    Path rules;

    private static final String RULE = """
            package rules;

            import io.tollgate.facts.Charge;

            rule "Big charge"
                @code("T-BIG")
                @action("FLAG")
                @reason("big")
            when
                Charge( amountFen > 3000 )
            then
            end
            """;

    private static final String SCENARIOS = """
            scenarios:
              - name: a big charge is flagged
                charge: { amount_fen: 3001 }
                expect: { decision: FLAG, hits: [T-BIG] }
              - name: exactly 30 CNY is not
                charge: { amount_fen: 3000 }
                expect: { decision: ALLOW, does_not_fire: [T-BIG] }
            """;

    @BeforeEach
    void rules() throws IOException {
        rules = Files.createDirectories(folder.resolve("rules"));
        Files.writeString(rules.resolve("big.drl"), RULE);
        Files.createDirectories(rules.resolve("tests"));
    }

    @Test
    void rulesTest_passingScenarios_exits0() throws IOException {
        Files.writeString(rules.resolve("tests/big.yaml"), SCENARIOS);

        CliRun run = CliRun.run("rules", "test", "--rules", rules.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("2 scenarios in").contains("2 passed, 0 failed; 0 coverage gaps");
    }

    @Test
    void rulesTest_failingScenario_printsFileAndDifferenceAndExits1() throws IOException {
        Files.writeString(rules.resolve("tests/big.yaml"), SCENARIOS.replace("amount_fen: 3001", "amount_fen: 2999"));

        CliRun run = CliRun.run("rules", "test", "--rules", rules.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).anySatisfy(line -> assertThat(line)
                .startsWith("FAIL ").contains("big.yaml: \"a big charge is flagged\": expected decision FLAG, got ALLOW"));
        assertThat(run.errLines()).anySatisfy(line -> assertThat(line).contains("T-BIG: no passing scenario where it fires"));
    }

    @Test
    void rulesTest_ruleWithoutNearMiss_isAGap() throws IOException {
        Files.writeString(rules.resolve("tests/big.yaml"), SCENARIOS.substring(0, SCENARIOS.indexOf("  - name: exactly")));

        CliRun run = CliRun.run("rules", "test", "--rules", rules.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("GAP").contains("big.drl:5: T-BIG: no passing near miss");
    }

    @Test
    void rulesTest_badScenarioFile_exits2() throws IOException {
        Files.writeString(rules.resolve("tests/big.yaml"), "scenarios: nope\n");

        CliRun run = CliRun.run("rules", "test", "--rules", rules.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("expected a list under 'scenarios:'");
    }
}
