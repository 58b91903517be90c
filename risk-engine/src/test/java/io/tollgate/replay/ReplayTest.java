package io.tollgate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.RiskEngine;
import io.tollgate.store.Database;
import io.tollgate.data.UnableToImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
    @TempDir
    Path folder;
    Path data;

    private static final String HEADER = "request_id,ts,msisdn,carrier,merchant_id,product_id,amount_fen,billing_type,"
            + "charge_kind,pay_mode,device_id,ip,otp_latency_ms,label\n";

    @BeforeEach
    void data() throws IOException {
        data = Files.createDirectories(folder.resolve("data"));
        // listed on 10 March, expired on 20 March; a complaint filed on 15 March
        Files.writeString(data.resolve("blacklist.csv"), """
                kind,value,source,reason,added_at,expires_at
                MSISDN,13800138000,CARRIER,fraud report,2026-03-10T00:00:00+08:00,2026-03-20T00:00:00+08:00
                """);
        Files.writeString(data.resolve("complaints.csv"), """
                complaint_id,ts,msisdn,merchant_id,product_id,kind,source
                C1,2026-03-15T00:00:00+08:00,13900139000,M1001,,UNAUTHORIZED,CARRIER
                """);
        Files.writeString(folder.resolve("charges.csv"), HEADER + """
                R1,2026-03-09T12:00:00+08:00,13800138000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d1,10.0.0.1,6000,legit
                R2,2026-03-11T12:00:00+08:00,+86 138 0013 8000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d1,10.0.0.1,6000,blacklisted
                R3,2026-03-14T12:00:00+08:00,13900139000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d2,10.0.0.2,6000,legit
                R4,2026-03-16T12:00:00+08:00,13900139000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d2,10.0.0.2,6000,complainer
                R5,2026-03-21T12:00:00+08:00,13800138000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d1,10.0.0.1,6000,legit
                """);
    }

    private ReplayReport replay(Path out) {
        return Replay.run(new Replay.Options(data, folder.resolve("charges.csv"), EngineFixture.RULES, null, out));
    }

    @Test
    void run_listsAndComplaintsCountOnlyWhileTheyHeld() throws IOException {
        Path out = folder.resolve("decisions.csv");

        ReplayReport report = replay(out);

        List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0)).isEqualTo("request_id,decision,score,rule_codes,ruleset_version,label");
        assertThat(rows).hasSize(6);
        assertThat(rows.get(1)).startsWith("R1,ALLOW,0,,").endsWith(",legit");        // before the listing
        assertThat(rows.get(2)).startsWith("R2,BLOCK,0,LIST-MSISDN,").endsWith(",blacklisted");
        assertThat(rows.get(3)).startsWith("R3,ALLOW,0,,");                            // before the complaint
        assertThat(rows.get(4)).startsWith("R4,BLOCK,0,CMP-MSISDN-30D;CMP-SAME-MERCHANT,");  // after it
        assertThat(rows.get(5)).startsWith("R5,ALLOW,0,,");                            // listing expired
        assertThat(report.checks()).isEqualTo(5);
        assertThat(report.byDecision()).containsEntry(Decision.BLOCK, 2L).containsEntry(Decision.ALLOW, 3L);
        assertThat(report.byLabel().get("legit")).containsEntry(Decision.ALLOW, 3L);
        assertThat(report.toText(10)).contains("blacklisted").contains("checks/s");
    }

    @Test
    void run_twice_writesIdenticalDecisions() throws IOException {
        replay(folder.resolve("one.csv"));
        replay(folder.resolve("two.csv"));

        assertThat(Files.readString(folder.resolve("one.csv"))).isEqualTo(Files.readString(folder.resolve("two.csv")));
    }

    @Test
    void run_inMemoryAndIntoAKeptDatabase_decideTheSample() throws IOException {
        // A scratch replay keeps its decisions in memory; one into a kept database writes them through H2.
        Path datasets = Path.of("..", "datasets");
        Path inMemory = folder.resolve("in-memory.csv");
        Path kept = folder.resolve("kept.csv");

        ReplayReport memoryReport = Replay.run(new Replay.Options(datasets, datasets.resolve("charges.csv"),
                EngineFixture.RULES, null, inMemory));
        ReplayReport keptReport = Replay.run(new Replay.Options(datasets, datasets.resolve("charges.csv"),
                EngineFixture.RULES, Database.h2FileUrl(folder.resolve("kept")), kept));

        assertThat(Files.readString(inMemory)).isEqualTo(Files.readString(kept));
        assertThat(memoryReport).usingRecursiveComparison().ignoringFields("elapsed").isEqualTo(keptReport);
        assertThat(memoryReport.checks()).isGreaterThan(5_000);
        try (RiskEngine engine = RiskEngine.builder().rules(EngineFixture.RULES)
                .database(folder.resolve("kept")).build()) { // the kept database holds every decision and case
            String firstFlagged = Files.readAllLines(kept).stream().filter(row -> row.contains(",FLAG,"))
                    .findFirst().orElseThrow().split(",")[0];
            assertThat(engine.cases().byRequestId(firstFlagged)).isPresent();
        }
    }

    @Test
    void run_badRow_namesFileAndLineAndLeavesNoOutput() throws IOException {
        Files.writeString(folder.resolve("charges.csv"), HEADER
                + "R1,2026-03-09T12:00:00+08:00,13800138000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n"
                + "R2,2026-03-09T12:01:00+08:00,13800138000,,M1001,P1,-5,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n");
        Path out = folder.resolve("decisions.csv");

        assertThatThrownBy(() -> replay(out))
                .isInstanceOf(UnableToImportException.class)
                .hasMessageEndingWith("charges.csv:3: amount_fen: must be a positive number of fen, got -5");
        assertThat(out).doesNotExist();
        try (var left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("partial"));
        }
    }

    @Test
    void run_amountOverTheEnginesCeiling_namesFileAndLineAndLeavesNoOutput() throws IOException {
        Files.writeString(folder.resolve("charges.csv"), HEADER
                + "R1,2026-03-09T12:00:00+08:00,13800138000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n"
                + "R2,2026-03-09T12:01:00+08:00,13800138000,,M1001,P1,100001,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n");
        Path out = folder.resolve("decisions.csv");

        assertThatThrownBy(() -> replay(out))
                .isInstanceOf(UnableToImportException.class)
                .hasMessageEndingWith("charges.csv:3: amount_fen: must be at most 100000 fen (this engine's ceiling), "
                        + "got 100001");
        assertThat(out).doesNotExist();
    }

    @Test
    void run_chargesOutOfOrder_refused() throws IOException {
        Files.writeString(folder.resolve("charges.csv"), HEADER
                + "R1,2026-03-09T12:00:00+08:00,13800138000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n"
                + "R2,2026-03-09T11:00:00+08:00,13800138000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n");

        assertThatThrownBy(() -> replay(null)).hasMessageContaining("charges.csv:3: ts").hasMessageContaining("time order");
    }
}
