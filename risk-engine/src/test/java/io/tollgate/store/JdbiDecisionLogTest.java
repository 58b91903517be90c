package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.signals.velocity.Attempt;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision log on H2: rows keyed by the sequence they were inserted in, read back by time
 * through {@code decision_hour}, whatever order they were decided in.
 */
class JdbiDecisionLogTest {
    @TempDir
    Path folder;

    /** Decided out of order: inserted as seq 1 to 6, hours 10, 11 and 12 interleaved. */
    private static final List<String> DECIDED = List.of(
            "R1 2026-03-10T12:10:00Z", "R2 2026-03-10T11:50:00Z", "R3 2026-03-10T12:05:00Z",
            "R4 2026-03-10T11:55:00Z", "R5 2026-03-10T10:59:59Z", "R6 2026-03-10T12:00:00Z");

    @Test
    void attemptsSince_decidedOutOfOrder_everyRowOnceInTimeOrder() {
        try (Database database = open()) {
            JdbiDecisionLog log = new JdbiDecisionLog(database);
            recordAll(log);

            assertThat(requestIds(log, Instant.parse("2026-03-10T10:00:00Z")))
                    .containsExactly("R5", "R2", "R4", "R6", "R3", "R1");
            assertThat(requestIds(log, Instant.parse("2026-03-10T11:52:00Z")))
                    .containsExactly("R4", "R6", "R3", "R1");
            assertThat(requestIds(log, Instant.parse("2026-03-10T12:10:00.001Z"))).isEmpty();
        }
    }

    @Test
    void record_widensEachHoursRangeToEveryRowOfIt() {
        try (Database database = open()) {
            recordAll(new JdbiDecisionLog(database));

            // Hour 12's range holds rows of hours 10 and 11 too: readers filter by time within it.
            assertThat(hourRanges(database)).containsExactly("492538 5-5", "492539 2-4", "492540 1-6");
            assertThat(DecisionHoursCheck.uncoveredRows(database)).isZero();
        }
    }

    @Test
    void record_afterReopening_continuesAfterTheHighestSeq() {
        try (Database database = open()) {
            recordAll(new JdbiDecisionLog(database));
        }
        try (Database database = open()) {
            JdbiDecisionLog log = new JdbiDecisionLog(database);

            assertThat(log.record(charge("R1"), "f", verdict("R1", Instant.parse("2026-03-10T13:00:00Z")), null))
                    .as("stored before").isFalse();
            assertThat(log.record(charge("R7"), "f", verdict("R7", Instant.parse("2026-03-10T13:00:00Z")), null))
                    .isTrue();

            // R1's refused insert took seq 7, which is skipped.
            long seq = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT seq FROM decision WHERE request_id = 'R7'").mapTo(Long.class).one());
            assertThat(seq).isEqualTo(8L);
            assertThat(hourRanges(database)).contains("492541 8-8");
        }
    }

    @Test
    void attemptsInHour_readsARangeOfThePrimaryKey() {
        try (Database database = open()) {
            recordAll(new JdbiDecisionLog(database));

            String plan = database.jdbi().withHandle(handle -> handle.createQuery(
                            "EXPLAIN " + JdbiDecisionLog.ATTEMPTS_IN_HOUR)
                    .bind("first", 1L).bind("last", 6L)
                    .bind("hourStart", Times.utc(Instant.parse("2026-03-10T12:00:00Z")))
                    .bind("hourEnd", Times.utc(Instant.parse("2026-03-10T13:00:00Z")))
                    .bind("since", Times.utc(Instant.parse("2026-03-10T12:00:00Z")))
                    .mapTo(String.class).one());

            assertThat(plan).containsPattern("/\\* PUBLIC\\.PRIMARY_KEY_\\w+: SEQ >= \\S+\\s+AND SEQ <= ")
                    .doesNotContain("tableScan");
        }
    }

    private Database open() {
        return Database.open(Database.h2FileUrl(folder.resolve("db")));
    }

    private static void recordAll(JdbiDecisionLog log) {
        for (String decided : DECIDED) {
            String[] idAndTime = decided.split(" ");
            assertThat(log.record(charge(idAndTime[0]), "f", verdict(idAndTime[0], Instant.parse(idAndTime[1])), null))
                    .isTrue();
        }
    }

    private static List<String> requestIds(JdbiDecisionLog log, Instant since) {
        List<String> ids = new ArrayList<>();
        log.attemptsSince(since, (Attempt attempt) -> ids.add(attempt.requestId()));
        return ids;
    }

    /** @return "hour first-last" per decision_hour row, by hour */
    static List<String> hourRanges(Database database) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT hour_no, first_seq, last_seq FROM decision_hour ORDER BY hour_no")
                .map((rs, ctx) -> rs.getLong(1) + " " + rs.getLong(2) + "-" + rs.getLong(3))
                .list());
    }

    private static ChargeRequest charge(String requestId) {
        return ChargeRequest.builder().requestId(requestId).msisdn("13800138000").merchantId("M1001")
                .productId("P1").amountFen(500).billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                .payMode(PayMode.SMS_OTP).deviceId("d1").ip("10.0.0.1").build();
    }

    private static RiskVerdict verdict(String requestId, Instant at) {
        return new RiskVerdict(requestId, Decision.ALLOW, 0, List.of(), "v".repeat(64), at, false);
    }
}
