package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.dashboard.DashboardFigures;
import io.tollgate.replay.SettableClock;
import io.tollgate.review.CaseStatus;
import io.tollgate.store.Journals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verdicts are acknowledged once journaled and committed to the database in batches: the engine
 * stores what a crashed writer left in its journal before it rebuilds velocity, counts each once,
 * answers a case-opening retry from the log, and its readers see every verdict it returned.
 */
class JournalRecoveryTest {
    private static final String NUMBER = "13800138000";

    @TempDir
    Path folder;

    @Test
    void open_journalOfAWriterThatNeverCommitted_everyRowAndCaseStoredAndCountedOnce() throws Exception {
        Path db = folder.resolve("tollgate");
        Journals journal = new Journals();
        for (int i = 0; i < 3; i++) {
            ChargeRequest allow = charge("A" + i, 500);
            journal.add(allow, fingerprint(allow), verdict(allow, Decision.ALLOW, 0, false), null);
        }
        ChargeRequest flag = charge("R-FLAG", 5000);
        journal.add(flag, fingerprint(flag), verdict(flag, Decision.FLAG, 80, true), "{\"charge\":{}}");
        journal.writeNextTo(db);

        try (RiskEngine engine = open(db)) {
            assertThat(engine.cases().byRequestId("R-FLAG")).get().extracting(c -> c.status())
                    .isEqualTo(CaseStatus.OPEN);
            assertThat(Journals.journalBytes(db)).isZero();
            // Four attempts on the number were recovered: the next is its 5th, then its 6th.
            assertThat(codes(engine.check(charge("A3", 500)))).doesNotContain("VEL-MSISDN-10M");
            assertThat(codes(engine.check(charge("A4", 500)))).contains("VEL-MSISDN-10M");
            RiskVerdict retry = engine.check(flag);
            assertThat(retry.decision()).isEqualTo(Decision.FLAG);
            assertThat(retry.score()).isEqualTo(80);
        }
        journal.writeNextTo(db); // the same journal again: every row is stored already

        try (RiskEngine engine = open(db)) {
            assertThat(engine.cases().byRequestId("R-FLAG")).isPresent();
        }
        assertThat(count(db, "SELECT COUNT(*) FROM decision")).isEqualTo(6);
        assertThat(count(db, "SELECT COUNT(*) FROM review_case WHERE request_id = 'R-FLAG'")).isEqualTo(1);
        assertThat(Journals.journalBytes(db)).isZero();
    }

    @Test
    void check_caseOpeningRetryOlderThanTheMemoryOfRequestIds_answersTheStoredVerdict() {
        Path db = folder.resolve("tollgate");
        SettableClock clock = new SettableClock(EngineFixture.START);
        RiskVerdict first;
        try (RiskEngine engine = RiskEngine.builder().rules(EngineFixture.RULES).database(db).clock(clock).build()) {
            first = engine.check(charge("R-FLAG", 5000));
            assertThat(first.decision()).isEqualTo(Decision.FLAG);
        }
        clock.set(EngineFixture.START.plus(Duration.ofDays(40))); // past the 35 days of request ids kept in memory
        try (RiskEngine engine = RiskEngine.builder().rules(EngineFixture.RULES).database(db).clock(clock).build()) {
            RiskVerdict retry = engine.check(charge("R-FLAG", 5000));

            assertThat(retry).isEqualTo(first);
            assertThat(engine.cases().list(CaseStatus.OPEN, 10)).hasSize(1);
        }
    }

    @Test
    void readers_rightAfterChecks_seeEveryVerdictReturned() {
        try (RiskEngine engine = open(folder.resolve("tollgate"))) {
            for (int i = 0; i < 50; i++) {
                engine.check(charge("A" + i, EngineFixture.numberInOwnBlock(i), 500));
                if (i % 10 == 9) {
                    assertThat(engine.check(charge("F" + i, EngineFixture.numberInOwnBlock(100 + i), 5000)).decision())
                            .isEqualTo(Decision.FLAG);
                }
            }

            assertThat(engine.cases().list(CaseStatus.OPEN, 100)).hasSize(5);
            assertThat(engine.cases().countByStatus().get(CaseStatus.OPEN)).isEqualTo(5);
            assertThat(engine.dashboard(1).hours().stream().mapToLong(DashboardFigures.HourCounts::total).sum())
                    .isEqualTo(55);
            assertThat(engine.reportCarrierResult("A49", true)).isTrue();
            assertThat(engine.reportCarrierResult("F49", false)).isTrue();
        }
    }

    private static RiskEngine open(Path db) {
        return RiskEngine.builder().rules(EngineFixture.RULES).database(db)
                .clock(new SettableClock(EngineFixture.START)).build();
    }

    private static ChargeRequest charge(String requestId, long amountFen) {
        return charge(requestId, NUMBER, amountFen);
    }

    private static ChargeRequest charge(String requestId, String msisdn, long amountFen) {
        return ChargeRequest.builder().requestId(requestId).msisdn(msisdn).merchantId("M1001").productId("P1")
                .amountFen(amountFen).billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                .payMode(PayMode.SMS_OTP).otpLatencyMs(9000L).deviceId("dev-" + msisdn).build();
    }

    private static RiskVerdict verdict(ChargeRequest request, Decision decision, int score, boolean caseOpened) {
        List<RuleHit> hits = score == 0 ? List.of() : List.of(new RuleHit("AMT-HIGH", score, null, "金额", false, false));
        return new RiskVerdict(request.requestId(), decision, score, hits, "v".repeat(64), EngineFixture.START,
                caseOpened);
    }

    /** The engine's fingerprint of a request: SHA-256 of its fields, in hex. */
    private static String fingerprint(ChargeRequest request) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(request.fingerprint().getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> codes(RiskVerdict verdict) {
        return verdict.hits().stream().map(RuleHit::code).toList();
    }

    private static int count(Path db, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + db.toAbsolutePath(), "tollgate", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
