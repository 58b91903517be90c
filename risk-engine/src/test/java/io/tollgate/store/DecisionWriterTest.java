package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer journals each batch before it acknowledges it, commits to the database in large
 * batches, stores each request id once, and recovers the journal a crash left behind.
 */
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
            assertThat(writer.submit(charge("R-1"), "f1", flag("R-1", 80), () -> LONG_SNAPSHOT).journaled().join())
                    .isTrue();

            DecisionWriter.Receipt retry = writer.submit(charge("R-1"), "f2", flag("R-1", 99), () -> "{}");
            assertThat(retry.journaled().join()).isFalse();
            assertThat(retry.committed().join()).isFalse();
            writer.flush();

            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(1);
            assertThat(count(database, "SELECT score FROM decision WHERE request_id = 'R-1'")).isEqualTo(80);
            assertThat(count(database, "SELECT COUNT(*) FROM review_case")).isEqualTo(1);
            String snapshot = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT snapshot_json FROM review_case WHERE request_id = 'R-1'").mapTo(String.class).one());
            assertThat(snapshot).isEqualTo(LONG_SNAPSHOT);
        }
    }

    @Test
    void submit_oneDuplicateAmongABatch_theOthersAreStoredOneByOneAndTheirHoursCoverThem() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 1_000)) {
            writer.submit(charge("R-5"), "f", allow("R-5"), null).committed().join();
            List<CompletableFuture<Boolean>> stored = new ArrayList<>();
            for (int i = 0; i < 10; i++) { // queued faster than one commit: most share a batch
                // decided in 5 hours, back and forth
                Instant at = AT.plus(Duration.ofMinutes((i * 7 % 10) * 25L));
                stored.add(writer.submit(charge("R-" + i), "f", allow("R-" + i, at), null).committed());
            }
            writer.flush();

            for (int i = 0; i < 10; i++) {
                assertThat(stored.get(i).join()).as("R-" + i).isEqualTo(i != 5);
            }
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(10);
            assertThat(JdbiDecisionLogTest.hourRanges(database)).hasSize(4); // 10:00 to 13:45
            assertThat(DecisionHoursCheck.uncoveredRows(database)).isZero();
        }
    }

    @Test
    void submit_nobodyWaits_committedWithinTheHoldTime() throws Exception {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 100)) {
            CompletableFuture<Boolean> stored = writer.submit(charge("R-1"), "f", allow("R-1"), null).committed();

            assertThat(stored.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(count(database, "SELECT COUNT(*) FROM decision WHERE request_id = 'R-1'")).isEqualTo(1);
        }
    }

    @Test
    void submit_aCaseOpens_everyRowQueuedBeforeItIsJournaledWithIt() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 1_000)) {
            List<CompletableFuture<Boolean>> allows = submitAllows(writer, 50);
            assertThat(writer.submit(charge("R-F"), "f", flag("R-F", 80), () -> "{}").journaled().join()).isTrue();

            assertThat(allows).allMatch(journaled -> journaled.getNow(false));
            writer.flush();
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(51);
            assertThat(count(database, "SELECT COUNT(*) FROM review_case")).isEqualTo(1);
        }
    }

    @Test
    void submitAndJournal_journaledWhenItReturns_withEveryRowQueuedBeforeIt() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 1_000)) {
            List<CompletableFuture<Boolean>> allows = submitAllows(writer, 50);
            DecisionWriter.Receipt flag = writer.submitAndJournal(charge("R-F"), "f", flag("R-F", 80), () -> "{}");

            // not waited for: journaled on the calling thread before it returned
            assertThat(flag.journaled().getNow(false)).isTrue();
            assertThat(allows).allMatch(journaled -> journaled.getNow(false));
            assertThat(writer.submitAndJournal(charge("R-F"), "f", flag("R-F", 90), () -> "{}").journaled().getNow(true))
                    .as("a request id on its way already").isFalse();
            writer.flush();
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(51);
            assertThat(count(database, "SELECT COUNT(*) FROM review_case")).isEqualTo(1);
            assertThat(writer.submitAndJournal(charge("R-F"), "f", flag("R-F", 90), () -> "{}").journaled().getNow(true))
                    .as("a request id stored already").isFalse();
        }
    }

    @Test
    void submitAndJournal_afterClose_refusedAndNothingWritten() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")))) {
            DecisionWriter writer = new DecisionWriter(database, 100);
            writer.close();

            assertThatThrownBy(() -> writer.submitAndJournal(charge("R-F"), "f", flag("R-F", 80), () -> "{}"))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isZero();
        }
    }

    @Test
    void journalThreadInterrupted_journalsWhatIsQueuedAndStops() throws Exception {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 100)) {
            Thread journal = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("tollgate-decision-journal") && thread.isAlive())
                    .findFirst().orElseThrow();
            CompletableFuture<Boolean> queued = writer.submit(charge("R-1"), "f", allow("R-1"), null).committed();
            journal.interrupt();

            journal.join(TimeUnit.SECONDS.toMillis(5)); // rather than spinning on a park an interrupt ends at once
            assertThat(journal.isAlive()).isFalse();
            assertThat(queued.get(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> writer.submit(charge("R-2"), "f", allow("R-2"), null))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void flush_commitsEveryJournaledRow_andTheJournalEmptiesOnceTheyAre() throws Exception {
        Path db = folder.resolve("db");
        try (Database database = Database.open(Database.h2FileUrl(db));
             DecisionWriter writer = new DecisionWriter(database, 1_000)) {
            for (int i = 0; i < 20; i++) {
                writer.submit(charge("A-" + i), "f", allow("A-" + i), null);
            }
            writer.submit(charge("R-F"), "f", flag("R-F", 80), () -> "{}").journaled().join();
            assertThat(Journals.journalBytes(db)).isPositive();

            writer.flush();

            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(21);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Journals.journalBytes(db) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // the journal thread empties each file once its rows are committed
            }
            assertThat(Journals.journalBytes(db)).isZero();
        }
    }

    @Test
    void close_commitsEverythingAndEmptiesTheJournal() throws Exception {
        Path db = folder.resolve("db");
        try (Database database = Database.open(Database.h2FileUrl(db))) {
            try (DecisionWriter writer = new DecisionWriter(database, 1_000)) {
                for (int i = 0; i < 20; i++) {
                    writer.submit(charge("A-" + i), "f", allow("A-" + i), null);
                }
                writer.submit(charge("R-F"), "f", flag("R-F", 80), () -> "{}").journaled().join();
            }
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(21);
            assertThat(Journals.journalBytes(db)).isZero();
        }
    }

    @Test
    void open_journalLeftByACrash_storesEveryRowAndCaseAndEmptiesIt() throws Exception {
        Path journal = new Journals()
                .add(charge("A-1"), "f", allow("A-1", AT.plus(Duration.ofHours(2))), null)
                .add(charge("R-F"), "f", flag("R-F", 80), LONG_SNAPSHOT)
                .add(charge("A-2"), "f", allow("A-2", AT.plus(Duration.ofHours(1))), null)
                .writeNextTo(folder.resolve("db"));
        Files.write(journal, new byte[] {0, 0, 1, 0, 7}, java.nio.file.StandardOpenOption.APPEND); // a torn frame

        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 100)) {
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(3);
            String snapshot = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT snapshot_json FROM review_case WHERE request_id = 'R-F'").mapTo(String.class).one());
            assertThat(snapshot).isEqualTo(LONG_SNAPSHOT);
            assertThat(Journals.journalBytes(folder.resolve("db"))).isZero();
            assertThat(JdbiDecisionLogTest.hourRanges(database)).hasSize(3);
            assertThat(DecisionHoursCheck.uncoveredRows(database)).isZero();
        }
    }

    /** Rows for each size of insert statement: every column where it belongs, under seqs in journal order. */
    @Test
    void open_journalOfManyRows_storesEachRowsColumnsUnderSeqsInJournalOrder() throws Exception {
        int rows = DecisionSql.ROWS_PER_INSERT[0] + 2 * DecisionSql.ROWS_PER_INSERT[1] + 5;
        Journals journals = new Journals();
        for (int i = 0; i < rows; i++) {
            ChargeRequest request = ChargeRequest.builder().requestId("A-" + i).msisdn("13800138000")
                    .merchantId("M" + i).productId("P" + i).amountFen(100 + i).billingType(BillingType.PER_USE)
                    .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP)
                    .deviceId(i % 3 == 0 ? null : "dev-" + i).ip(i % 2 == 0 ? null : "10.0.0." + i).build();
            RiskVerdict verdict = new RiskVerdict("A-" + i, Decision.ALLOW, i, List.of(), VERSION,
                    AT.plusSeconds(i), false);
            journals.add(request, "f" + i, verdict, i == 40 ? "{\"n\":40}" : null);
        }
        journals.writeNextTo(folder.resolve("db"));

        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 100)) {
            List<String> stored = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT CONCAT_WS('|', request_id, fingerprint, EXTRACT(EPOCH FROM decided_at), merchant_id,"
                            + " product_id, amount_fen, COALESCE(device_id, '-'), COALESCE(ip, '-'), score)"
                            + " FROM decision ORDER BY seq").mapTo(String.class).list());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                expected.add(String.join("|", "A-" + i, "f" + i, String.valueOf(AT.plusSeconds(i).getEpochSecond()),
                        "M" + i, "P" + i, String.valueOf(100 + i), i % 3 == 0 ? "-" : "dev-" + i,
                        i % 2 == 0 ? "-" : "10.0.0." + i, String.valueOf(i)));
            }
            assertThat(stored).containsExactlyElementsOf(expected);
            assertThat(count(database, "SELECT COUNT(*) FROM review_case WHERE request_id = 'A-40'")).isEqualTo(1);
            assertThat(DecisionHoursCheck.uncoveredRows(database)).isZero();
        }
    }

    /** A request id stored before fails the statement of many rows it is in: its rows are written one by one. */
    @Test
    void submit_aDuplicateInAStatementOfManyRows_theOthersAreStoredOneByOne() throws Exception {
        int rows = DecisionSql.ROWS_PER_INSERT[0] + 2 * DecisionSql.ROWS_PER_INSERT[1] + 5;
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             Connection other = database.connection();
             DecisionWriter writer = new DecisionWriter(database, 1_000)) {
            writer.submit(charge("A-40"), "f", allow("A-40"), null).committed().join();
            holdRequestId(other, "R-HELD"); // the database thread waits on it while the rows below queue up
            DecisionWriter.Receipt held = writer.submit(charge("R-HELD"), "f", allow("R-HELD"), null);
            List<DecisionWriter.Receipt> receipts = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                receipts.add(writer.submit(charge("A-" + i), "f", allow("A-" + i), null));
            }
            receipts.forEach(receipt -> receipt.journaled().join());
            Thread.sleep(100); // the database thread has taken R-HELD's batch and waits; the rest form one batch
            other.rollback();

            assertThat(held.committed().get(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < rows; i++) {
                assertThat(receipts.get(i).committed().get(10, TimeUnit.SECONDS)).as("A-" + i).isEqualTo(i != 40);
            }
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(rows + 1);
            assertThat(DecisionHoursCheck.uncoveredRows(database)).isZero();
        }
    }

    @Test
    void open_journalRowsStoredAlready_storesEachRequestIdOnce() throws Exception {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 100)) {
            writer.submit(charge("R-F"), "f", flag("R-F", 80), () -> "{}").committed().join();
        }
        new Journals()
                .add(charge("R-F"), "f", flag("R-F", 99), "{}") // stored already (with 80): kept as it is
                .add(charge("A-1"), "f", allow("A-1"), null)
                .add(charge("A-1"), "f", allow("A-1"), null)
                .writeNextTo(folder.resolve("db"));

        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 100)) {
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(2);
            assertThat(count(database, "SELECT score FROM decision WHERE request_id = 'R-F'")).isEqualTo(80);
            assertThat(count(database, "SELECT COUNT(*) FROM review_case")).isEqualTo(1);
        }
    }

    @Test
    void submit_databaseRefusesAJournaledCase_keptInTheJournalAndStoredAtTheNextOpen() throws Exception {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")))) {
            try (DecisionWriter writer = new DecisionWriter(database, 100)) {
                writer.submit(charge("A-1"), "f", allow("A-1"), null).committed().join();
                database.jdbi().useHandle(handle -> handle.execute("ALTER TABLE review_case RENAME TO away"));

                DecisionWriter.Receipt flag = writer.submit(charge("R-F"), "f", flag("R-F", 80), () -> "{}");
                assertThat(flag.journaled().join()).isTrue();
                writer.flush();
                assertThat(flag.committed()).isCompletedExceptionally();
                writer.submit(charge("A-2"), "f", allow("A-2"), null).committed().join();
            }
            assertThat(Journals.journalBytes(folder.resolve("db"))).isPositive();
            database.jdbi().useHandle(handle -> handle.execute("ALTER TABLE away RENAME TO review_case"));

            try (DecisionWriter writer = new DecisionWriter(database, 100)) {
                assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(3);
                assertThat(count(database, "SELECT COUNT(*) FROM review_case WHERE request_id = 'R-F'")).isEqualTo(1);
                assertThat(Journals.journalBytes(folder.resolve("db"))).isZero();
                assertThat(DecisionHoursCheck.uncoveredRows(database)).isZero();
            }
        }
    }

    /**
     * The bound is on verdicts not yet inserted, taken at submission: while the database thread
     * cannot insert (another transaction holds the request id it inserts first), a submitter past
     * the capacity blocks — and once the database thread goes on, every verdict is stored.
     */
    @Test
    void submit_capacityVerdictsNotYetInserted_theNextSubmitterBlocksUntilTheDatabaseGoesOn() throws Exception {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             Connection other = database.connection();
             DecisionWriter writer = new DecisionWriter(database, 2)) {
            holdRequestId(other, "R-HELD");
            DecisionWriter.Receipt held = writer.submit(charge("R-HELD"), "f", allow("R-HELD"), null);
            writer.submit(charge("R-2"), "f", allow("R-2"), null);
            CompletableFuture<DecisionWriter.Receipt> third =
                    CompletableFuture.supplyAsync(() -> writer.submit(charge("R-3"), "f", allow("R-3"), null));

            assertThat(held.journaled().join()).isTrue(); // the journal thread never waits for the database
            Thread.sleep(300);
            assertThat(third).isNotDone();
            other.rollback();

            assertThat(third.get(10, TimeUnit.SECONDS).committed().get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(held.committed().join()).isTrue();
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(3);
        }
    }

    /**
     * Every commit writes the changed pages of a dozen maps as a new chunk of the file; a chunk
     * that keeps a single live page is never freed unless it is compacted. A flush every few
     * verdicts (readers of the log ask for one) makes a commit every few verdicts: the file must
     * still grow with the data, not with the number of commits.
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
                    writer.submit(charge(id), "f", flag(id, 80), () -> "{}");
                    writer.flush(); // one commit each
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

    /** Queues ALLOW verdicts, ... and returns, for each, when it is journaled. */
    @Test
    void submitAndJournal_diskFull_refusesAndSaysSo_thenRecoversWhenSpaceReturns() throws Exception {
        List<FullDiskChannel> channels = new ArrayList<>();
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 100, path -> {
                 FullDiskChannel channel = FullDiskChannel.open(path);
                 channels.add(channel);
                 return channel;
             }, DecisionWriter.STORAGE_WAIT)) {
            assertThat(writer.health().status()).isEqualTo(io.tollgate.EngineHealth.Status.RECORDING);
            channels.forEach(channel -> channel.full = true);

            DecisionWriter.Receipt refused = writer.submitAndJournal(charge("R-FULL"), "f1", flag("R-FULL", 80), () -> "{}");

            assertThat(refused.journaled()).isCompletedExceptionally();
            assertThat(writer.health().status()).isEqualTo(io.tollgate.EngineHealth.Status.REFUSING);
            assertThat(writer.health().reason()).contains("No space left on device");

            channels.forEach(channel -> channel.full = false);
            DecisionWriter.Receipt stored = writer.submitAndJournal(charge("R-BACK"), "f2", flag("R-BACK", 80), () -> "{}");

            assertThat(stored.journaled().join()).isTrue();
            assertThat(stored.committed().get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.health().status()).isEqualTo(io.tollgate.EngineHealth.Status.RECORDING);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(Files.size(Journals.journalOf(folder.resolve("db"), i)))
                    .as("the journal is emptied again once the database holds every row").isZero();
        }
    }

    @Test
    void submitAndJournal_whileAnotherCaseOpenerIsStuckInTheJournal_isRefusedInsteadOfWaiting() throws Exception {
        List<FullDiskChannel> channels = new ArrayList<>();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 100, path -> {
                 FullDiskChannel channel = FullDiskChannel.open(path);
                 channels.add(channel);
                 return channel;
             }, Duration.ofMillis(200))) {
            channels.forEach(channel -> channel.stall = release);
            CompletableFuture<DecisionWriter.Receipt> stuck = CompletableFuture.supplyAsync(
                    () -> writer.submitAndJournal(charge("R-STUCK"), "f1", flag("R-STUCK", 80), () -> "{}"));
            assertThat(channels.get(0).stalling.await(30, TimeUnit.SECONDS)).isTrue();

            // Guards against a hang (what this failed with before), not a measure of speed.
            DecisionWriter.Receipt refused = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    Duration.ofSeconds(60), () -> writer.submitAndJournal(charge("R-NEXT"), "f2",
                            flag("R-NEXT", 80), () -> "{}"));

            assertThat(refused.journaled()).isCompletedExceptionally();
            assertThatThrownBy(() -> refused.journaled().join()).hasCauseInstanceOf(UnableToRecordException.class)
                    .hasMessageContaining("busy for more than 200 ms");
            channels.forEach(channel -> channel.stall = null);
            release.countDown();
            assertThat(stuck.get(30, TimeUnit.SECONDS).journaled().join()).isTrue();
            writer.flush();
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).as("only the stuck one is recorded")
                    .isEqualTo(1);
        }
    }

    @Test
    void submit_databaseRefusesThenAcceptsAgain_refusedRowIsStoredAndTheJournalEmptiedWithoutARestart()
            throws Exception {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")));
             DecisionWriter writer = new DecisionWriter(database, 100)) {
            writer.submit(charge("A-1"), "f", allow("A-1"), null).committed().join();
            database.jdbi().useHandle(handle -> handle.execute("ALTER TABLE review_case RENAME TO away"));
            DecisionWriter.Receipt flag = writer.submit(charge("R-F"), "f", flag("R-F", 80), () -> "{}");
            writer.flush();
            assertThat(flag.committed()).isCompletedExceptionally();
            assertThat(writer.health().status()).isEqualTo(io.tollgate.EngineHealth.Status.DEGRADED);

            database.jdbi().useHandle(handle -> handle.execute("ALTER TABLE away RENAME TO review_case"));
            boolean stored = false;
            for (int i = 0; i < 300 && !stored; i++) { // up to 30 s: the writer retries once a second
                stored = count(database, "SELECT COUNT(*) FROM review_case WHERE request_id = 'R-F'") == 1;
                if (!stored) {
                    Thread.sleep(100);
                }
            }
            assertThat(stored).as("the refused case is stored while the writer runs").isTrue();
            writer.submit(charge("A-2"), "f", allow("A-2"), null).committed().join();
            writer.flush(); // whoever journals next empties what the database holds

            assertThat(writer.health().status()).isEqualTo(io.tollgate.EngineHealth.Status.RECORDING);
            assertThat(count(database, "SELECT COUNT(*) FROM decision")).isEqualTo(3);
        }
        assertThat(Journals.journalBytes(folder.resolve("db"))).isZero();
    }

    private static List<CompletableFuture<Boolean>> submitAllows(DecisionWriter writer, int count) {
        List<CompletableFuture<Boolean>> journaled = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            journaled.add(writer.submit(charge("A-" + i), "f", allow("A-" + i), null).journaled());
        }
        return journaled;
    }

    /** Inserts a row of that request id on another connection and does not commit it: an insert of it waits. */
    private static void holdRequestId(Connection other, String requestId) throws Exception {
        other.setAutoCommit(false);
        try (Statement statement = other.createStatement()) {
            statement.execute("INSERT INTO decision SELECT -1, '" + requestId + "', fingerprint, decided_at, msisdn,"
                    + " merchant_id, product_id, amount_fen, billing_type, charge_kind, pay_mode, device_id, ip, decision,"
                    + " score, rule_codes, ruleset_version, hits_json, carrier_result FROM (VALUES 1)"
                    + " CROSS JOIN (SELECT 'f' fingerprint, TIMESTAMP WITH TIME ZONE '2026-03-01 10:00:00Z' decided_at,"
                    + " '13800138000' msisdn, 'M1001' merchant_id, 'P1' product_id, 500 amount_fen,"
                    + " 'PER_USE' billing_type, 'INITIAL' charge_kind, 'SMS_OTP' pay_mode, NULL device_id, NULL ip,"
                    + " 'ALLOW' decision, 0 score, '' rule_codes, '" + VERSION + "' ruleset_version,"
                    + " '[]' hits_json, NULL carrier_result)");
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
        return allow(requestId, AT);
    }

    private static RiskVerdict allow(String requestId, Instant at) {
        return new RiskVerdict(requestId, Decision.ALLOW, 0, List.of(), VERSION, at, false);
    }

    private static RiskVerdict flag(String requestId, int score) {
        return new RiskVerdict(requestId, Decision.FLAG, score,
                List.of(new RuleHit("AMT-HIGH", score, null, "x".repeat(300), false, false)), VERSION, AT, true);
    }
}
