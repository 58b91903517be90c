package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TollgateTest {

    @Test
    void version_always_printsTollgateAndJavaVersions() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("tollgate ").contains("Java " + Runtime.version());
    }

    @Test
    void help_always_listsCommandsAndExitCodes() {
        CliRun run = CliRun.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("import", "check", "replay", "rules", "Exit codes:", "70");
    }

    @Test
    void rulesHelp_always_listsItsSubcommand() {
        CliRun run = CliRun.run("rules", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: tollgate rules", "check");
    }

    @Test
    void noCommand_isBadUsage_exitsTwoWithOneLine() {
        CliRun run = CliRun.run();

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("tollgate: ").contains("subcommand", "tollgate --help");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownCommand_isBadUsage_exitsTwoNamingIt() {
        CliRun run = CliRun.run("frobnicate");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().startsWith("tollgate: ").contains("'frobnicate'");
    }

    @Test
    void unknownOption_isBadUsage_exitsTwoNamingIt() {
        CliRun run = CliRun.run("rules", "check", "--colour");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("'--colour'", "tollgate rules check --help");
    }

    @Test
    void missingRequiredOption_isBadUsage_exitsTwoNamingIt() {
        CliRun run = CliRun.run("replay", "--charges", "charges.csv");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--data");
    }
}
