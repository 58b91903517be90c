package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    private static final String HEADER = "request_id,ts,msisdn,carrier,merchant_id,product_id,amount_fen,"
            + "billing_type,charge_kind,pay_mode,device_id,ip,otp_latency_ms,label\n";

    @TempDir
    Path folder;

    private Path data() throws IOException {
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("blacklist.csv"), """
                kind,value,source,reason,added_at,expires_at
                MSISDN,13900139000,REGULATOR,MIIT notice,2026-01-01T00:00:00+08:00,
                """);
        return data;
    }

    private Path charges(String rows) throws IOException {
        return Files.writeString(folder.resolve("charges.csv"), HEADER + rows);
    }

    @Test
    void replay_smallHistory_printsPerLabelTableAndWritesDecisions() throws IOException {
        Path charges = charges("""
                R1,2026-03-10T12:00:00+08:00,13800138000,,M1001,P1001-01,500,PER_USE,INITIAL,SMS_OTP,d1,10.0.0.1,6000,legit
                R2,2026-03-10T12:01:00+08:00,13800138001,,M1001,P1001-01,500,PER_USE,INITIAL,SMS_OTP,d2,10.0.0.2,7000,legit
                R3,2026-03-10T12:02:00+08:00,13900139000,,M1002,P1002-01,500,PER_USE,INITIAL,SMS_OTP,d3,10.0.0.3,6500,blacklisted
                R4,2026-03-10T12:03:00+08:00,13800138002,,M1003,P1003-01,1000,MONTHLY_ROLLING,INITIAL,WAP,d4,10.0.0.4,400,toll_fraud_malware
                """);
        Path out = folder.resolve("decisions.csv");

        CliRun run = CliRun.run("replay", "--data", data().toString(), "--charges", charges.toString(),
                "--rules", CliRun.RULES.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("4 charges replayed", "top rules", "checks/s", "decisions written to " + out)
                .containsPattern("label\\s+n\\s+ALLOW\\s+FLAG\\s+CHALLENGE\\s+BLOCK\\s+stopped\\s+caught")
                .containsPattern("legit\\s+2\\s+2\\s+0\\s+0\\s+0\\s+0\\.0%\\s+0\\.0%")
                .containsPattern("blacklisted\\s+1\\s+0\\s+0\\s+0\\s+1\\s+100\\.0%")
                .containsPattern("toll_fraud_malware\\s+1\\s+0\\s+0\\s+0\\s+1\\s+100\\.0%");
        List<String> decisions = Files.readAllLines(out);
        assertThat(decisions.get(0)).isEqualTo("request_id,decision,score,rule_codes,ruleset_version,label");
        assertThat(decisions).hasSize(5);
        assertThat(decisions.get(1)).matches("R1,ALLOW,0,,[0-9a-f]{64},legit");
        assertThat(decisions.get(3)).matches("R3,BLOCK,\\d+,LIST-MSISDN,[0-9a-f]{64},blacklisted");
        assertThat(decisions.get(4)).startsWith("R4,BLOCK,").contains("FRAUD-OTP-FAST");
    }

    @Test
    void replay_badChargeRow_exitsTwoNamingFileAndLineAndWritesNothing() throws IOException {
        Path charges = charges("""
                R1,2026-03-10T12:00:00+08:00,13800138000,,M1001,P1001-01,500,PER_USE,INITIAL,SMS_OTP,d1,10.0.0.1,6000,legit
                R2,2026-03-10T12:01:00+08:00,13800138001,,M1001,P1001-01,-5,PER_USE,INITIAL,SMS_OTP,d2,10.0.0.2,7000,legit
                """);
        Path out = folder.resolve("decisions.csv");

        CliRun run = CliRun.run("replay", "--data", data().toString(), "--charges", charges.toString(),
                "--rules", CliRun.RULES.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("charges.csv:3: amount_fen");
        assertThat(out).doesNotExist();
        try (var left = Files.list(folder)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("data", "charges.csv");
        }
    }

    @Test
    void replay_missingChargesFile_exitsTwoNamingIt() throws IOException {
        CliRun run = CliRun.run("replay", "--data", data().toString(),
                "--charges", folder.resolve("nope.csv").toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--charges", "nope.csv: no such file");
    }

    @Test
    void replay_outFolderMissing_exitsTwoBeforeReplaying() throws IOException {
        Path charges = charges("");

        CliRun run = CliRun.run("replay", "--data", data().toString(), "--charges", charges.toString(),
                "--out", folder.resolve("no/such/folder/decisions.csv").toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--out", "does not exist");
    }
}
