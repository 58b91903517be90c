package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.replay.SettableClock;
import io.tollgate.store.UnableToRecordException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group commit's promises: a case-opening verdict returns only once its batch (and everything
 * queued before it) is journaled; a verdict that cannot be recorded throws for a waiting check and
 * is taken back out of velocity for a returned one; a journaled case the database refuses stays
 * counted and is stored at the next open.
 */
class GroupCommitTest {
    private static final int ALLOWS = 300;

    @TempDir
    Path folder;

    /** Child process: ALLOWS plain charges, one FLAG, then halt with no close. */
    public static void main(String[] args) {
        RiskEngine engine = RiskEngine.builder().rules(EngineFixture.RULES).database(Path.of(args[0]))
                .clock(new SettableClock(EngineFixture.START)).build();
        for (int i = 0; i < ALLOWS; i++) {
            engine.check(charge("A" + i, EngineFixture.numberInOwnBlock(i), 500));
        }
        RiskVerdict flag = engine.check(charge("R-FLAG", "13800138000", 5000));
        System.out.println(flag.decision());
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static ChargeRequest charge(String requestId, String msisdn, long amountFen) {
        return ChargeRequest.builder().requestId(requestId).msisdn(msisdn).merchantId("M1001").productId("P1")
                .amountFen(amountFen).billingType(io.tollgate.charge.BillingType.PER_USE)
                .chargeKind(io.tollgate.charge.ChargeKind.INITIAL).payMode(io.tollgate.charge.PayMode.SMS_OTP)
                .otpLatencyMs(9000L).deviceId("dev-" + msisdn).build();
    }

    @Test
    void check_processKilledRightAfterAFlag_everyVerdictReturnedBeforeItIsStored() throws Exception {
        Path db = folder.resolve("tollgate");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GroupCommitTest.class.getName(), db.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = new String(child.getInputStream().readAllBytes()).strip();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEqualTo("FLAG");

        try (RiskEngine engine = open(db)) { // stores what the journal holds
            assertThat(engine.cases().byRequestId("R-FLAG")).isPresent();
        }
        assertThat(count("jdbc:h2:file:" + db.toAbsolutePath(), "SELECT COUNT(*) FROM decision")).isEqualTo(ALLOWS + 1);
    }

    @Test
    void check_caseCannotBeRecorded_throwsAndCountsNothing() throws Exception {
        String url = "jdbc:h2:mem:group-commit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        SettableClock clock = new SettableClock(EngineFixture.START);
        try (RiskEngine engine = RiskEngine.builder().rules(EngineFixture.RULES).jdbcUrl(url).clock(clock).build();
             Connection sql = DriverManager.getConnection(url, "tollgate", "")) {
            fourCommittedAttempts(engine);
            // The writer cannot tell whether the request id was stored before, so it records nothing.
            execute(sql, "ALTER TABLE decision RENAME TO decision_away");
            assertThatThrownBy(() -> engine.check(charge("R-FLAG", "13800138000", 5000)))
                    .isInstanceOf(UnableToRecordException.class)
                    .hasMessageContaining("R-FLAG");
            execute(sql, "ALTER TABLE decision_away RENAME TO decision");

            // Not counted: the next charge is the number's 5th attempt, not its 6th.
            assertThat(engine.check(charge("A4", "13800138000", 500)).hits()).extracting(RuleHit::code)
                    .doesNotContain("VEL-MSISDN-10M");
            assertThat(engine.check(charge("A5", "13800138000", 500)).hits()).extracting(RuleHit::code)
                    .contains("VEL-MSISDN-10M");
        }
    }

    @Test
    void check_returnedVerdictCannotBeStored_itsAttemptIsTakenBack() throws Exception {
        String url = "jdbc:h2:mem:group-commit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        SettableClock clock = new SettableClock(EngineFixture.START);
        try (RiskEngine engine = RiskEngine.builder().rules(EngineFixture.RULES).jdbcUrl(url).clock(clock).build();
             Connection sql = DriverManager.getConnection(url, "tollgate", "")) {
            fourCommittedAttempts(engine); // after it, every earlier verdict is in the log
            execute(sql, "ALTER TABLE decision RENAME TO decision_away");
            RiskVerdict lost = engine.check(charge("R-LOST", "13800138000", 500));
            assertThat(lost.decision()).isEqualTo(Decision.ALLOW);
            // The writer cannot tell whether the FLAG's request id was stored before: it records nothing.
            assertThatThrownBy(() -> engine.check(charge("R-FLAG", "13912345678", 5000)))
                    .isInstanceOf(UnableToRecordException.class);
            engine.cases().countByStatus(); // a reader waits for the writer: the lost verdict's insert has failed
            execute(sql, "ALTER TABLE decision_away RENAME TO decision");

            assertThat(engine.check(charge("A4", "13800138000", 500)).hits()).extracting(RuleHit::code)
                    .doesNotContain("VEL-MSISDN-10M");
            // The lost request is decided again when retried, and counted then.
            assertThat(engine.check(charge("R-LOST", "13800138000", 500)).hits()).extracting(RuleHit::code)
                    .contains("VEL-MSISDN-10M");
        }
    }

    @Test
    void check_journaledCaseTheDatabaseRefuses_isReturnedCountedOnceAndStoredAtTheNextOpen() throws Exception {
        Path db = folder.resolve("tollgate");
        String url = "jdbc:h2:file:" + db.toAbsolutePath();
        try (RiskEngine engine = open(db)) {
            fourCommittedAttempts(engine);
            try (Connection sql = DriverManager.getConnection(url, "tollgate", "")) {
                execute(sql, "ALTER TABLE review_case RENAME TO review_case_away");
                assertThat(engine.check(charge("R-FLAG", "13800138000", 5000)).decision()).isEqualTo(Decision.FLAG);
                // Waits for the database's answer: it refused the row, so the log does not know it yet.
                assertThat(engine.reportCarrierResult("R-FLAG", true)).isFalse();
                execute(sql, "ALTER TABLE review_case_away RENAME TO review_case");
            }
            // Counted once: the next charge is the number's 6th attempt, and a retry is not counted again.
            assertThat(engine.check(charge("A4", "13800138000", 500)).hits()).extracting(RuleHit::code)
                    .contains("VEL-MSISDN-10M");
            assertThat(engine.check(charge("R-FLAG", "13800138000", 5000)).hits()).extracting(RuleHit::code)
                    .doesNotContain("VEL-MSISDN-10M");
        }
        try (RiskEngine engine = open(db)) {
            assertThat(engine.cases().byRequestId("R-FLAG")).isPresent();
        }
        assertThat(count(url, "SELECT COUNT(*) FROM decision WHERE request_id = 'R-FLAG'")).isEqualTo(1);
    }

    @Test
    void check_journaledVerdictTheDatabaseRefuses_staysCountedOnceAndIsStoredAtTheNextOpen() throws Exception {
        Path db = folder.resolve("tollgate");
        String url = "jdbc:h2:file:" + db.toAbsolutePath();
        try (RiskEngine engine = open(db)) {
            fourCommittedAttempts(engine);
            RiskVerdict first;
            try (Connection sql = DriverManager.getConnection(url, "tollgate", "")) {
                execute(sql, "ALTER TABLE decision RENAME TO decision_away");
                first = engine.check(charge("R-KEPT", "13800138000", 500));
                engine.cases().countByStatus(); // a reader waits for the writer: the row's insert has failed
                execute(sql, "ALTER TABLE decision_away RENAME TO decision");
            }
            // The journal holds it, so it stays counted: A4 is the number's 6th attempt, and a retry gets
            // the first verdict (decided again, it would be the 7th and hit the limit).
            assertThat(engine.check(charge("A4", "13800138000", 500)).hits()).extracting(RuleHit::code)
                    .contains("VEL-MSISDN-10M");
            assertThat(engine.check(charge("R-KEPT", "13800138000", 500))).isEqualTo(first);
        }
        try (RiskEngine engine = open(db)) { // stores what the journal holds
            assertThat(engine.reportCarrierResult("R-KEPT", true)).isTrue();
        }
        assertThat(count(url, "SELECT COUNT(*) FROM decision WHERE request_id = 'R-KEPT'")).isEqualTo(1);
    }

    /** An engine on an H2 file at {@code db}, its clock at the fixture's start. */
    private static RiskEngine open(Path db) {
        return RiskEngine.builder().rules(EngineFixture.RULES).database(db)
                .clock(new SettableClock(EngineFixture.START)).build();
    }

    /** Checks A0-A3 of one number and waits for their commit (an outcome report waits for its row). */
    private static void fourCommittedAttempts(RiskEngine engine) {
        for (int i = 0; i < 4; i++) {
            engine.check(charge("A" + i, "13800138000", 500));
        }
        assertThat(engine.reportCarrierResult("A3", true)).isTrue();
    }

    private static int count(String url, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "tollgate", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
