package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {
    private static final String HEADER = "request_id,ts,msisdn,carrier,merchant_id,product_id,amount_fen,"
            + "billing_type,charge_kind,pay_mode,device_id,ip,otp_latency_ms,label\n";

    @TempDir
    Path folder;
    Path data;
    Path candidate;

    /** The repository's rules, with VEL-AMOUNT-30 flagging charges over 20 CNY instead of 30. */
    @BeforeEach
    void dataAndCandidate() throws IOException {
        data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("blacklist.csv"), """
                kind,value,source,reason,added_at,expires_at
                MSISDN,13900139000,REGULATOR,MIIT notice,2026-01-01T00:00:00+08:00,
                """);
        candidate = copy(CliRun.RULES, folder.resolve("candidate"));
        Path velocity = candidate.resolve("velocity.drl");
        Files.writeString(velocity, Files.readString(velocity)
                .replace("Charge( amountFen > 3000 )", "Charge( amountFen > 2000 )"));
    }

    private Path charges(String rows) throws IOException {
        return Files.writeString(folder.resolve("charges.csv"), HEADER + rows);
    }

    private CliRun backtest(Path charges, String... more) {
        String[] args = Stream.concat(Stream.of("backtest", "--data", data.toString(), "--charges", charges.toString(),
                "--rules", CliRun.RULES.toString(), "--candidate", candidate.toString()), Stream.of(more))
                .toArray(String[]::new);
        return CliRun.run(args);
    }

    @Test
    void backtest_lowerThreshold_printsEverySectionAndWritesMarkdown() throws IOException {
        Path charges = charges("""
                R1,2026-03-10T12:00:00+08:00,13800138000,,M1001,P1001-01,2500,PER_USE,INITIAL,SMS_OTP,d1,10.0.0.1,6000,legit
                R2,2026-03-10T12:01:00+08:00,13700137001,,M1001,P1001-01,500,PER_USE,INITIAL,SMS_OTP,d2,10.0.0.2,7000,legit
                R3,2026-03-10T12:02:00+08:00,13900139000,,M1002,P1002-01,500,PER_USE,INITIAL,SMS_OTP,d3,10.0.0.3,6500,blacklisted
                """);
        Path report = folder.resolve("backtest.md");

        CliRun run = backtest(charges, "--report", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("3 charges backtested; 1 changed decision", "decision changes",
                        "changed  VEL-AMOUNT-30", "largest changed charges (1 of 1)", "138****8000",
                        "ALLOW -> FLAG", "shadow rules would have changed", "report written to " + report)
                .containsPattern("ALLOW\\s+1\\s+1\\s+0\\s+0")
                .containsPattern("newly stopped\\s+0 charges")
                .containsPattern("legit\\s+2\\s+0\\.00% -> 50\\.00%")
                .containsPattern("blacklisted\\s+1\\s+100\\.00% -> 100\\.00%")
                .doesNotContain("13800138000");
        assertThat(Files.readString(report)).startsWith("# Backtest report")
                .contains("## Decision changes", "## Rules added, removed and changed", "`VEL-AMOUNT-30`",
                        "## Per label", "## Largest changed charges", "| R1 | 138****8000 | 25.00 | legit | ALLOW → FLAG |",
                        "## Shadow rules")
                .doesNotContain("13800138000");
    }

    @Test
    void backtest_badChargeRow_exitsTwoNamingFileAndLineAndWritesNothing() throws IOException {
        Path charges = charges("""
                R1,2026-03-10T12:00:00+08:00,13800138000,,M1001,P1001-01,500,PER_USE,INITIAL,SMS_OTP,d1,10.0.0.1,6000,legit
                R2,2026-03-10T12:01:00+08:00,13800138001,,M1001,P1001-01,-5,PER_USE,INITIAL,SMS_OTP,d2,10.0.0.2,7000,legit
                """);

        CliRun run = backtest(charges, "--report", folder.resolve("backtest.md").toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("charges.csv:3: amount_fen");
        assertThat(run.out()).isEmpty();
        try (var left = Files.list(folder)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("data", "candidate", "charges.csv");
        }
    }

    @Test
    void backtest_missingCandidate_exitsTwoNamingIt() throws IOException {
        CliRun run = CliRun.run("backtest", "--data", data.toString(), "--charges", charges("").toString(),
                "--candidate", folder.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--candidate", "nope: no such folder");
    }

    private static Path copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
