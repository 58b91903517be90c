package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
    private static final String BLACKLISTED = "13900139000";
    private static final String BLACKLIST_HEADER = "kind,value,source,reason,added_at,expires_at\n";
    private static final String GOOD_ENTRY =
            "MSISDN," + BLACKLISTED + ",INTERNAL,Chargebacks confirmed on this number,2026-01-01T00:00:00+08:00,\n";

    @TempDir
    Path folder;

    private Path data() throws IOException {
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("subscribers.csv"), """
                msisdn,carrier,activated_on,plan,balance_fen,arrears_days,status,ported_on,updated_at
                13800138000,CMCC,2020-05-01,POSTPAID,0,0,ACTIVE,,2026-01-01T00:00:00+08:00
                13800138001,CMCC,2021-05-01,PREPAID,5000,0,ACTIVE,,2026-01-01T00:00:00+08:00
                """);
        Files.writeString(data.resolve("complaints.csv"), """
                complaint_id,ts,msisdn,merchant_id,product_id,kind,source
                C1,2026-02-01T10:00:00+08:00,13800138001,M1001,,REFUND_REQUEST,CARRIER
                """);
        return data;
    }

    private String db() {
        return folder.resolve("tollgate").toString();
    }

    private String decisionOf(String requestId, String msisdn) {
        CliRun run = CliRun.run("check", "--db", db(), "--rules", CliRun.RULES.toString(),
                "--request-id", requestId, "--ts", "2026-03-10T12:00:00+08:00", "--msisdn", msisdn,
                "--merchant-id", "M1002", "--product-id", "P1002-01", "--amount-fen", "500",
                "--billing-type", "PER_USE", "--charge-kind", "INITIAL", "--pay-mode", "SMS_OTP",
                "--device-id", "dev-1", "--ip", "10.0.0.1", "--otp-latency-ms", "6000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().replaceAll("(?s).*\"decision\" : \"([A-Z]+)\".*", "$1");
    }

    @Test
    void import_dataFolder_printsCountsOfEachFile() throws IOException {
        Path data = data();
        Files.writeString(data.resolve("blacklist.csv"), BLACKLIST_HEADER + GOOD_ENTRY);

        CliRun run = CliRun.run("import", "--data", data.toString(), "--db", db());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).containsPattern("\\s2 subscriber profile versions")
                .containsPattern("\\s1 blacklist entries")
                .containsPattern("\\s1 complaints");
        assertThat(decisionOf("R-1", BLACKLISTED)).isEqualTo("BLOCK");
    }

    @Test
    void import_badRow_exitsTwoNamingFileAndLineAndImportsNothing() throws IOException {
        Path data = data();
        Files.writeString(data.resolve("blacklist.csv"), BLACKLIST_HEADER + GOOD_ENTRY
                + "MSISDN,13900139001,INTERNAL,Typo in the date,2026-13-01,\n");

        CliRun run = CliRun.run("import", "--data", data.toString(), "--db", db());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("tollgate: ")
                .contains("blacklist.csv:3: ", "added_at");
        assertThat(run.out()).isEmpty();
        // The good row before the bad one was not stored either: the number still passes...
        assertThat(decisionOf("R-1", BLACKLISTED)).isEqualTo("ALLOW");
        // ...until the file is fixed and imported.
        Files.writeString(data.resolve("blacklist.csv"), BLACKLIST_HEADER + GOOD_ENTRY);
        assertThat(CliRun.run("import", "--data", data.toString(), "--db", db()).exitCode()).isZero();
        assertThat(decisionOf("R-2", BLACKLISTED)).isEqualTo("BLOCK");
    }

    @Test
    void import_badMsisdn_exitsTwoWithMaskedNumber() throws IOException {
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("blacklist.csv"), BLACKLIST_HEADER
                + "MSISDN,239001390001,INTERNAL,Not a mobile number,2026-01-01T00:00:00+08:00,\n");

        CliRun run = CliRun.run("import", "--data", data.toString(), "--db", db());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("blacklist.csv:2: ")
                .doesNotContain("239001390001");
    }

    @Test
    void import_folderWithoutDataFiles_exitsTwo() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("empty"));

        CliRun run = CliRun.run("import", "--data", empty.toString(), "--db", db());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("holds none of subscribers.csv");
    }

    @Test
    void import_databaseFolderBlockedByAFile_exitsTwoNamingIt() throws IOException {
        Path data = data();
        Path blocker = Files.writeString(folder.resolve("blocker"), "not a folder");

        CliRun run = CliRun.run("import", "--data", data.toString(), "--db", blocker.resolve("tollgate").toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("tollgate: --db ").contains("cannot create folder", "blocker");
    }

    @Test
    void import_missingFolder_exitsTwoNamingIt() {
        CliRun run = CliRun.run("import", "--data", folder.resolve("nowhere").toString(), "--db", db());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--data", "nowhere: no such folder");
    }
}
