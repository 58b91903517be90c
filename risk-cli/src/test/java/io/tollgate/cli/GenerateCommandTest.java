package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    private static final String[] FILES = {"charges.csv", "subscribers.csv", "blacklist.csv", "complaints.csv",
        "disputes.csv", "subscriptions.csv"};

    @TempDir
    Path folder;

    @Test
    void generate_missingFolder_createsItAndPrintsRowsAndLabels() {
        Path out = folder.resolve("nested/g1");

        CliRun run = CliRun.run("generate", "--out", out.toString(), "--users", "300", "--days", "7", "--seed", "7");

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String file : FILES) {
            assertThat(out.resolve(file)).isRegularFile();
            assertThat(run.out()).containsPattern(file.replace(".", "\\.") + "\\s+\\d+");
        }
        assertThat(run.out()).contains("generated 7 days of traffic for 300 users, seed 7", "legit", "device_farm",
                "over_cap", "charges/s", "written to " + out);
        assertThat(run.err()).isEmpty(); // fewer than 100,000 charges: no progress line
    }

    @Test
    void generate_sameOptionsTwice_writesTheSameCharges() throws IOException {
        CliRun first = CliRun.run("generate", "--out", folder.resolve("a").toString(), "--users", "200", "--days", "5");
        CliRun second = CliRun.run("generate", "--out", folder.resolve("b").toString(), "--users", "200", "--days", "5");

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(Files.readString(folder.resolve("a/charges.csv"))).isEqualTo(Files.readString(folder.resolve("b/charges.csv")));
    }

    @Test
    void generate_usersZero_exitsTwoNamingTheOption() {
        CliRun run = CliRun.run("generate", "--out", folder.toString(), "--users", "0");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().startsWith("tollgate: ").contains("--users", "0");
    }

    @Test
    void generate_daysOutOfRange_exitsTwoNamingTheOption() {
        for (String days : new String[] {"0", "367"}) {
            CliRun run = CliRun.run("generate", "--out", folder.toString(), "--days", days);

            assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
            assertThat(run.errLines()).singleElement().asString().contains("--days", "1 and 366", days);
        }
    }

    @Test
    void generate_daysNotANumber_exitsTwo() {
        CliRun run = CliRun.run("generate", "--out", folder.toString(), "--days", "thirty");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--days");
    }

    @Test
    void generate_folderNotEmpty_exitsTwoAndLeavesItAlone() throws IOException {
        Path notes = Files.writeString(folder.resolve("notes.txt"), "mine");

        CliRun run = CliRun.run("generate", "--out", folder.toString(), "--users", "50", "--days", "2");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("not empty", "--force");
        assertThat(Files.readString(notes)).isEqualTo("mine");
        assertThat(folder.resolve("charges.csv")).doesNotExist();
    }

    @Test
    void generate_folderNotEmptyWithForce_replacesTheGeneratedFilesOnly() throws IOException {
        Path notes = Files.writeString(folder.resolve("notes.txt"), "mine");
        Files.writeString(folder.resolve("charges.csv"), "old");

        CliRun run = CliRun.run("generate", "--out", folder.toString(), "--users", "50", "--days", "2", "--force");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(folder.resolve("charges.csv"))).startsWith("request_id,ts,msisdn,");
        assertThat(Files.readString(notes)).isEqualTo("mine");
        try (var left = Files.list(folder)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("notes.txt", FILES[0],
                    FILES[1], FILES[2], FILES[3], FILES[4], FILES[5]);
        }
    }

    @Test
    void generate_outIsAFile_exitsTwo() throws IOException {
        Path file = Files.writeString(folder.resolve("file.csv"), "x");

        CliRun run = CliRun.run("generate", "--out", file.toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--out", "not a folder");
    }

    @Test
    void help_always_listsGenerate() {
        CliRun run = CliRun.run("--help");

        assertThat(run.out()).contains("generate");
    }
}
