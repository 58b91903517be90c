package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCheckCommandTest {
    @TempDir
    Path folder;

    private static long codesIn(Path rules) throws IOException {
        Pattern code = Pattern.compile("@code\\(");
        try (Stream<Path> files = Files.list(rules)) {
            long count = 0;
            for (Path file : files.filter(path -> path.toString().endsWith(".drl")).toList()) {
                Matcher matcher = code.matcher(Files.readString(file));
                while (matcher.find()) {
                    count++;
                }
            }
            return count;
        }
    }

    @Test
    void rulesCheck_repositoryRules_exitsZeroAndListsEveryRule() throws IOException {
        CliRun run = CliRun.run("rules", "check", "--rules", CliRun.RULES.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        long rules = codesIn(CliRun.RULES);
        assertThat(run.out()).contains("compiles: " + rules + " rules")
                .containsPattern("version [0-9a-f]{64}")
                .containsPattern("LIST-MSISDN\\s+BLOCK\\s+\\S*lists\\.drl:\\d+")
                .containsPattern("DECIDE-FLAG\\s+FLAG\\s+\\S*decide\\.drl:\\d+");
        // one header line and one row per rule after the two summary lines
        assertThat(run.out().lines().skip(3)).hasSize((int) rules);
    }

    @Test
    void rulesCheck_noFolderGivenAndNoRulesFolderHere_checksThePackagedRuleSet() {
        CliRun run = CliRun.run("rules", "check");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("rule set the packaged rule set compiles").contains("LIST-MSISDN");
    }

    @Test
    void rulesCheck_syntaxError_exitsOneNamingFileAndLine() throws IOException {
        Files.writeString(folder.resolve("broken.drl"), """
                package rules;

                import io.tollgate.facts.Charge;

                rule "Broken on purpose"
                    @code("BROKEN-1")
                    @score(10)
                    @reason("A comparison with nothing on its right.")
                when
                    Charge( amountFen > )
                then
                end
                """);

        CliRun run = CliRun.run("rules", "check", "--rules", folder.toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).startsWith(folder.resolve("broken.drl") + ":10: ");
        assertThat(run.errLines().get(1)).isEqualTo("tollgate: rule set " + folder + " refused: 1 problem");
    }

    @Test
    void rulesCheck_ruleWithoutCode_exitsOneNamingRuleAndLine() throws IOException {
        Files.writeString(folder.resolve("nocode.drl"), """
                package rules;

                import io.tollgate.facts.Charge;

                rule "Big charge"
                    @score(10)
                    @reason("A big charge.")
                when
                    Charge( amountFen > 5000 )
                then
                end
                """);

        CliRun run = CliRun.run("rules", "check", "--rules", folder.toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.FAILED);
        assertThat(run.err()).contains("nocode.drl:5: rule \"Big charge\": missing @code");
    }

    @Test
    void rulesCheck_folderWithoutRules_exitsTwo() {
        CliRun run = CliRun.run("rules", "check", "--rules", folder.toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("no .drl file");
    }

    @Test
    void rulesCheck_missingFolder_exitsTwoNamingIt() {
        CliRun run = CliRun.run("rules", "check", "--rules", folder.resolve("nowhere").toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("nowhere: no such folder");
    }
}
