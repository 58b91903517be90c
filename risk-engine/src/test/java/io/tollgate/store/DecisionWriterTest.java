package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group commit stores each request id once: a retry's row is refused and completes {@code false}. */
class DecisionWriterTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final String VERSION = "a".repeat(64);
    /** Longer than H2's 256-character limit for a LOB kept in its row. */
    private static final String LONG_SNAPSHOT = "{\"facts\":\"" + "x".repeat(5_000) + "\"}";

    @TempDir
    Path folder;

    @Test
    void submit_requestIdStoredBefore_completesFalseAndKeepsTheFirstRowAndCase() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 100)) {
            assertThat(writer.submit(charge("R-1"), "f1", flag("R-1", 80), () -> LONG_SNAPSHOT).join()).isTrue();

            assertThat(writer.submit(charge("R-1"), "f2", flag("R-1", 99), () -> "{}").join()).isFalse();

            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(1);
            assertThat(count(database, "SELECT score FROM decision WHERE request_id = 'R-1'")).isEqualTo(80);
            assertThat(count(database, "SELECT COUNT(*) FROM review_case")).isEqualTo(1);
            String snapshot = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT snapshot_json FROM review_case WHERE request_id = 'R-1'").mapTo(String.class).one());
            assertThat(snapshot).isEqualTo(LONG_SNAPSHOT);
        }
    }

    @Test
    void submit_oneDuplicateAmongABatch_theOthersAreStored() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 1_000)) {
            writer.submit(charge("R-5"), "f", allow("R-5"), null).join();
            List<CompletableFuture<Boolean>> stored = new ArrayList<>();
            for (int i = 0; i < 10; i++) { // queued faster than one commit: most share a batch
                stored.add(writer.submit(charge("R-" + i), "f", allow("R-" + i), null));
            }
            writer.flush();

            for (int i = 0; i < 10; i++) {
                assertThat(stored.get(i).join()).as("R-" + i).isEqualTo(i != 5);
            }
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(10);
        }
    }

    @Test
    void submit_nobodyWaits_committedWithinTheHoldTime() throws Exception {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 100)) {
            CompletableFuture<Boolean> stored = writer.submit(charge("R-1"), "f", allow("R-1"), null);

            assertThat(stored.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(count(database, "SELECT COUNT(*) FROM decision WHERE request_id = 'R-1'")).isEqualTo(1);
        }
    }

    @Test
    void submit_aCaseOpens_everyRowQueuedBeforeItIsCommittedWithIt() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 1_000)) {
            List<CompletableFuture<Boolean>> allows = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                allows.add(writer.submit(charge("A-" + i), "f", allow("A-" + i), null));
            }
            assertThat(writer.submit(charge("R-F"), "f", flag("R-F", 80), () -> "{}").join()).isTrue();

            assertThat(allows).allMatch(CompletableFuture::isDone);
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(51);
        }
    }

    /**
     * Every commit writes the changed pages of a dozen maps as a new chunk of the file; a chunk
     * that keeps a single live page is never freed unless it is compacted. A case every few
     * verdicts makes a commit every few verdicts: the file must still grow with the data, not
     * with the number of commits.
     */
    @Test
    void submit_aCommitEveryFewVerdicts_theFileStaysProportionalToTheData() throws Exception {
        Path file = folder.resolve("db.mv.db");
        int verdicts = 4_000;
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 1_000)) {
            // H2 keeps emptied chunks for 45 s after they were written; this test runs for seconds.
            database.jdbi().useHandle(handle -> handle.execute("SET RETENTION_TIME 0"));
            for (int i = 0; i < verdicts; i++) {
                String id = String.format("R-%06d", i);
                if (i % 4 == 0) {
                    writer.submit(charge(id), "f", flag(id, 80), () -> "{}").join(); // one commit each
                } else {
                    writer.submit(charge(id), "f", allow(id), null);
                }
            }
            writer.flush();

            // A verdict's row, its index entries and every fourth one's case take a few hundred
            // bytes; without compaction the file took about 7,000 bytes a verdict.
            assertThat(Files.size(file)).isLessThan(2_000L * verdicts);
        }
    }

    private static int count(Database database, String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
    }

    private static ChargeRequest charge(String requestId) {
        return ChargeRequest.builder().requestId(requestId).msisdn("13800138000").merchantId("M1001").productId("P1")
                .amountFen(500).billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                .payMode(PayMode.SMS_OTP).deviceId("dev-1").build();
    }

    private static RiskVerdict allow(String requestId) {
        return new RiskVerdict(requestId, Decision.ALLOW, 0, List.of(), VERSION, AT, false);
    }

    private static RiskVerdict flag(String requestId, int score) {
        return new RiskVerdict(requestId, Decision.FLAG, score,
                List.of(new RuleHit("AMT-HIGH", score, null, "x".repeat(300), false, false)), VERSION, AT, true);
    }
}
