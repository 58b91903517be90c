package io.tollgate.store;

import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the decision log through a journal: one writer thread takes every verdict queued since its
 * last batch, appends the whole batch (each row, and the review case it opens) to the
 * {@link Journal} with one write, and only then acknowledges it — {@link Receipt#journaled()}. It
 * then inserts the batch into one open database transaction, which it commits in large batches:
 * once it holds {@value #COMMIT_ROWS} rows, is {@link #COMMIT_NANOS 50 ms} old, or a
 * {@link #flush()} asks for it — {@link Receipt#committed()}. After each commit the journal is
 * emptied, as the database holds all it had. So a case-opening verdict waits for one append to a
 * file instead of a database commit, and a commit writes a few thousand rows instead of a few dozen.
 *
 * <p>Opening the writer recovers the journal a crash left behind: every whole frame's row (and
 * case) is inserted unless its request id is stored already, then the journal is emptied. A row
 * the database refuses for another reason than a duplicate request id is logged at ERROR and kept
 * in the journal (which is no longer emptied while this writer runs) for the next open to retry.
 *
 * <p>An in-memory database gets a journal that keeps nothing, through the same code. Thread-safe:
 * any number of threads submit; one thread writes. At most {@code capacity} verdicts wait for the
 * writer; a submitter beyond that blocks until the writer catches up.
 */
public final class DecisionWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWriter.class);
    private static final int MAX_BATCH = 2_048;
    /** The open transaction is committed once it holds this many rows. */
    static final int COMMIT_ROWS = 4_096;
    /** How long a row may stay in the journal only. */
    private static final long COMMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final String INSERT_DECISION = """
            INSERT INTO decision (request_id, fingerprint, decided_at, msisdn, merchant_id, product_id,
                amount_fen, billing_type, charge_kind, pay_mode, device_id, ip, decision, score,
                rule_codes, ruleset_version, hits_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String STORED_BEFORE = "SELECT 1 FROM decision WHERE request_id = ?";
    private static final String INSERT_CASE = """
            INSERT INTO review_case (request_id, opened_at, status, decision, score, msisdn, device_id,
                merchant_id, ruleset_version, hits_json, snapshot_json)
            VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final Database database;
    private final Journal journal;
    private final BlockingQueue<Row> queue;
    private final Thread thread;
    private volatile boolean closing;
    /** Touched by the writer thread only (and by the constructor before it starts). */
    private Statements statements;
    /** Set with the first statements; the writer thread's only. */
    private FileCompaction compaction;
    /** Rows inserted into the open transaction, in order; the writer thread's only. */
    private final List<Row> uncommitted = new ArrayList<>(COMMIT_ROWS + MAX_BATCH);
    /** Whether a flush waits for the open transaction; the writer thread's only. */
    private boolean commitNow;
    /** {@link System#nanoTime()} by which the open transaction is committed; the writer thread's only. */
    private long commitBy;
    /** Whether the journal holds a row the database refused: it is then kept for the next open. */
    private boolean journalHoldsFailures;

    /**
     * What the writer promises for one submitted verdict.
     *
     * @param journaled completed once the row (and case) is in the journal: {@code true}; for a
     *     case-opening verdict {@code false} when its request id was stored before (nothing written);
     *     exceptionally with {@link UnableToRecordException} when it could not be journaled
     * @param committed completed once the row is committed to the database: {@code true};
     *     {@code false} when its request id was stored before; exceptionally with
     *     {@link UnableToRecordException} when the database refused it (a journaled row stays in the
     *     journal for the next open)
     */
    public record Receipt(CompletableFuture<Boolean> journaled, CompletableFuture<Boolean> committed) {
    }

    /** One verdict to store, or (without a request) a flush barrier. */
    private static final class Row {
        final ChargeRequest request;
        final String fingerprint;
        final RiskVerdict verdict;
        final Supplier<String> snapshot;
        final CompletableFuture<Boolean> journaled = new CompletableFuture<>();
        final CompletableFuture<Boolean> committed = new CompletableFuture<>();
        /** Its columns, set by the writer thread before it journals the row. */
        Journal.Entry entry;

        Row(ChargeRequest request, String fingerprint, RiskVerdict verdict, Supplier<String> snapshot) {
            this.request = request;
            this.fingerprint = fingerprint;
            this.verdict = verdict;
            this.snapshot = snapshot;
        }

        static Row recovered(Journal.Entry entry) {
            Row row = new Row(null, null, null, null);
            row.entry = entry;
            return row;
        }

        boolean barrier() {
            return entry == null && request == null;
        }

        String requestId() {
            return entry.requestId();
        }

        void fail(UnableToRecordException failure) {
            journaled.completeExceptionally(failure);
            committed.completeExceptionally(failure);
        }
    }

    /**
     * Opens the journal next to the database file, recovers what it holds, and starts the writer thread.
     *
     * @param database where the decision log is
     * @param capacity how many verdicts may wait for the writer before submitters block
     * @throws UnableToOpenDatabaseException when the journal cannot be opened or read
     */
    public DecisionWriter(Database database, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.database = database;
        this.journal = openJournal(database);
        try {
            recover();
        } catch (RuntimeException e) {
            discardStatements();
            closeJournal();
            throw e;
        }
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "tollgate-decision-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private static Journal openJournal(Database database) {
        try {
            Path file = database.journalFile();
            return file == null ? Journal.none() : Journal.open(file);
        } catch (SQLException | IOException e) {
            throw new UnableToOpenDatabaseException("cannot open the decision journal of " + database.url() + ": " + e, e);
        }
    }

    /**
     * Queues a verdict (and its review case when {@code snapshot} is not null) for the next batch.
     *
     * @param request the charge
     * @param fingerprint the hash of its fields
     * @param verdict the verdict
     * @param snapshot the facts at decision time as JSON, computed on the writer thread; {@code null} opens no case
     * @return when it is journaled, and when committed to the database
     */
    public Receipt submit(ChargeRequest request, String fingerprint, RiskVerdict verdict, Supplier<String> snapshot) {
        Row row = new Row(request, fingerprint, verdict, snapshot);
        enqueue(row);
        return new Receipt(row.journaled, row.committed);
    }

    /** Returns once every verdict submitted before the call is committed to the database (or has failed). */
    public void flush() {
        Row barrier = new Row(null, null, null, null);
        enqueue(barrier);
        barrier.committed.join();
    }

    private void enqueue(Row row) {
        if (closing) {
            throw new IllegalStateException("the decision writer is closed");
        }
        try {
            queue.put(row);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToRecordException("interrupted while queueing a verdict", e);
        }
    }

    /**
     * Stores what the journal holds (a crash left it behind) and empties it, before anything new
     * is written. Idempotent: a row whose request id is stored already is skipped.
     */
    private void recover() {
        Journal.Contents contents;
        try {
            contents = journal.read();
        } catch (IOException e) {
            throw new UnableToOpenDatabaseException("cannot read the decision journal " + journal.file() + ": " + e, e);
        }
        if (contents.entries().isEmpty() && contents.tailBytes() == 0) {
            return;
        }
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int storedBefore = 0;
        for (Journal.Entry entry : contents.entries()) {
            try {
                if (!seen.add(entry.requestId()) || stored(entry.requestId())) {
                    storedBefore++;
                    continue;
                }
            } catch (SQLException e) {
                throw new UnableToOpenDatabaseException("cannot recover the decision journal: " + e, e);
            }
            rows.add(Row.recovered(entry));
        }
        try {
            insert(rows);
            uncommitted.addAll(rows);
            commit();
        } catch (SQLException | RuntimeException e) {
            writeOneByOne(rows, e);
            afterCommit();
        }
        long failed = rows.stream().filter(row -> row.committed.isCompletedExceptionally()).count();
        LOG.warn("recovered the decision journal {}: {} verdicts, {} stored now, {} stored before, {} refused "
                + "and kept{}", journal.file(), contents.entries().size(), rows.size() - failed, storedBefore, failed,
                contents.tailBytes() > 0 ? "; dropped a torn tail of " + contents.tailBytes() + " bytes" : "");
    }

    private void run() {
        List<Row> batch = new ArrayList<>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Row first = queue.poll(uncommitted.isEmpty() ? IDLE_POLL_NANOS : commitBy - System.nanoTime(),
                        TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    write(batch);
                }
                if (!uncommitted.isEmpty() && (commitNow || uncommitted.size() >= COMMIT_ROWS
                        || System.nanoTime() - commitBy >= 0)) {
                    commit();
                }
            } catch (InterruptedException e) {
                closing = true;
            } catch (RuntimeException | Error e) { // never let the writer die with futures waiting
                LOG.error("decision writer failed", e);
                discardStatements();
                journalHoldsFailures = true;
                UnableToRecordException failure = new UnableToRecordException("cannot record verdicts: " + e, e);
                uncommitted.forEach(row -> row.fail(failure));
                uncommitted.clear();
                batch.forEach(row -> row.fail(failure));
            } finally {
                batch.clear();
            }
        }
        if (!uncommitted.isEmpty()) {
            commit();
        }
        discardStatements();
        closeJournal();
    }

    /**
     * Journals a batch, acknowledges it, and inserts it into the open transaction. A case-opening
     * row whose request id is stored already (committed, or in the open transaction) is answered
     * {@code false} and not written. When the insert fails, every row of the open transaction is
     * written again, one by one.
     */
    private void write(List<Row> batch) {
        if (uncommitted.isEmpty()) {
            commitBy = System.nanoTime() + COMMIT_NANOS;
        }
        List<Row> rows = journal(batch);
        try {
            insert(rows);
        } catch (SQLException | RuntimeException batchFailure) {
            List<Row> all = new ArrayList<>(uncommitted);
            all.addAll(rows);
            uncommitted.clear();
            writeOneByOne(all, batchFailure);
            afterCommit();
            return;
        }
        uncommitted.addAll(rows);
        for (Row row : rows) {
            commitNow |= row.barrier();
        }
    }

    /** Appends the batch's rows to the journal and acknowledges them; returns those to insert, barriers too. */
    private List<Row> journal(List<Row> batch) {
        List<Row> rows = new ArrayList<>(batch.size());
        for (Row row : batch) {
            if (row.barrier()) {
                rows.add(row);
                continue;
            }
            try {
                if (row.snapshot != null && stored(row.request.requestId())) {
                    row.journaled.complete(false);
                    row.committed.complete(false);
                    continue;
                }
                row.entry = entryOf(row.request, row.fingerprint, row.verdict,
                        row.snapshot == null ? null : row.snapshot.get());
            } catch (SQLException | RuntimeException e) {
                row.fail(new UnableToRecordException("cannot record the verdict of request "
                        + row.request.requestId(), e));
                continue;
            }
            journal.add(row.entry);
            rows.add(row);
        }
        try {
            journal.append();
        } catch (IOException e) {
            LOG.error("cannot write {} verdicts to the decision journal {}", rows.size(), journal.file(), e);
            UnableToRecordException failure = new UnableToRecordException("cannot write the decision journal: " + e, e);
            rows.removeIf(row -> {
                if (row.barrier()) {
                    return false;
                }
                row.fail(failure);
                return true;
            });
        }
        for (Row row : rows) {
            row.journaled.complete(true);
        }
        return rows;
    }

    /** Commits the open transaction: the journal is emptied, and its rows' futures complete. */
    private void commit() {
        List<Row> rows = new ArrayList<>(uncommitted);
        uncommitted.clear();
        commitNow = false;
        try {
            statements().connection().commit();
        } catch (SQLException | RuntimeException e) {
            discardStatements();
            writeOneByOne(rows, e);
            afterCommit();
            return;
        }
        clearJournal();
        for (Row row : rows) {
            row.committed.complete(true);
        }
        compact();
    }

    /** After rows were written one by one (their futures complete as they are). */
    private void afterCommit() {
        clearJournal();
        compact();
    }

    /**
     * The database holds every journaled row (but those it refused): empties the journal, unless it
     * holds a refused row. A failure to is logged: the next open finds every row stored already.
     */
    private void clearJournal() {
        if (!journalHoldsFailures) {
            try {
                journal.clear();
            } catch (IOException e) {
                LOG.warn("cannot empty the decision journal {} (the next open stores nothing twice): {}",
                        journal.file(), e.toString());
            }
        }
    }

    /** Keeps the database file compact; a failure to is logged, the rows are committed already. */
    private void compact() {
        try {
            compaction.afterCommit();
        } catch (RuntimeException e) {
            LOG.warn("cannot compact the database file: {}", e.toString());
        }
    }

    private void writeOneByOne(List<Row> rows, Exception failure) {
        commitNow = false;
        if (rows.size() > 1) {
            LOG.warn("a batch of {} verdicts failed ({}); writing them one by one", rows.size(), failure.toString());
        }
        for (Row row : rows) {
            writeAlone(row);
        }
    }

    /**
     * Writes one row in its own transaction: completes it {@code true}, {@code false} when its
     * request id was stored before (the primary key refused it), or with {@link UnableToRecordException}
     * — the row then stays in the journal for the next open.
     */
    private void writeAlone(Row row) {
        try {
            insert(List.of(row));
            commitAlone();
            row.committed.complete(true);
        } catch (SQLException | RuntimeException e) {
            if (storedBefore(row, e)) {
                row.committed.complete(false);
            } else {
                journalHoldsFailures = true;
                LOG.error("request {}: the database refused the verdict; it stays in the decision journal {} "
                        + "and the next open retries it", row.requestId(), journal.file(), e);
                row.committed.completeExceptionally(new UnableToRecordException(
                        "cannot record the verdict of request " + row.requestId(), e));
            }
        }
    }

    private void commitAlone() throws SQLException {
        try {
            statements.connection().commit();
        } catch (SQLException | RuntimeException e) {
            discardStatements();
            throw e;
        }
    }

    /** Whether a row failed because the decision log holds its request id already. */
    private boolean storedBefore(Row row, Exception failure) {
        if (row.barrier() || !(failure instanceof SQLException sql) || sql.getErrorCode() != ErrorCode.DUPLICATE_KEY_1) {
            return false;
        }
        try {
            return stored(row.requestId());
        } catch (SQLException e) {
            LOG.warn("cannot tell whether request {} was stored before: {}", row.requestId(), e.toString());
            return false;
        }
    }

    /** Whether the decision log holds a request id: committed, or in the writer's open transaction. */
    private boolean stored(String requestId) throws SQLException {
        PreparedStatement lookup = statements().storedBefore();
        lookup.setString(1, requestId);
        try (ResultSet found = lookup.executeQuery()) {
            return found.next();
        }
    }

    /**
     * Inserts the rows (and their cases) into the open transaction, which it rolls back when it
     * fails. A request id stored before makes the primary key refuse its row, failing the whole batch.
     */
    private void insert(List<Row> rows) throws SQLException {
        try {
            PreparedStatement decisions = statements().insertDecision();
            PreparedStatement cases = null;
            for (Row row : rows) {
                if (row.barrier()) {
                    continue;
                }
                bindDecision(decisions, row.entry);
                decisions.addBatch();
                if (row.entry.opensCase()) {
                    cases = statements().insertCase();
                    bindCase(cases, row.entry);
                    cases.addBatch();
                }
            }
            decisions.executeBatch();
            if (cases != null) {
                cases.executeBatch();
            }
        } catch (SQLException | RuntimeException e) {
            discardStatements(); // rolls back; the next batch starts on a fresh connection
            throw e;
        }
    }

    /**
     * The writer thread's own connection and statements, kept from batch to batch: taking a pooled
     * connection and preparing the inserts for every batch cost about a tenth of the writer's time.
     * Not thread-safe: the writer thread's alone.
     */
    private static final class Statements implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement insertDecision;
        private final PreparedStatement storedBefore;
        private PreparedStatement insertCase; // prepared when the first case opens

        Statements(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            this.insertDecision = connection.prepareStatement(INSERT_DECISION);
            this.storedBefore = connection.prepareStatement(STORED_BEFORE);
        }

        Connection connection() {
            return connection;
        }

        PreparedStatement insertDecision() {
            return insertDecision;
        }

        PreparedStatement storedBefore() {
            return storedBefore;
        }

        PreparedStatement insertCase() throws SQLException {
            if (insertCase == null) {
                insertCase = connection.prepareStatement(INSERT_CASE);
            }
            return insertCase;
        }

        /** Rolls back what was not committed and gives the connection back to the pool. */
        @Override
        public void close() {
            try (connection; insertDecision; storedBefore; PreparedStatement cases = insertCase) {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.debug("closing the decision writer's connection: {}", e.toString());
            }
        }
    }

    private Statements statements() throws SQLException {
        if (statements == null) {
            Connection connection = database.connection();
            try {
                if (compaction == null) {
                    compaction = FileCompaction.of(connection);
                }
                statements = new Statements(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return statements;
    }

    private void discardStatements() {
        if (statements != null) {
            statements.close();
            statements = null;
        }
    }

    private void closeJournal() {
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("cannot close the decision journal {}: {}", journal.file(), e.toString());
        }
    }

    /** The columns of a verdict's row (and case, when {@code snapshotJson} is not null), as journaled. */
    static Journal.Entry entryOf(ChargeRequest request, String fingerprint, RiskVerdict verdict, String snapshotJson) {
        return new Journal.Entry(request.requestId(), fingerprint, verdict.decidedAt(), request.msisdn().digits(),
                request.merchantId(), request.productId(), request.amountFen(), request.billingType().name(),
                request.chargeKind().name(), request.payMode().name(), request.deviceId(), request.ip(),
                verdict.decision().name(), verdict.score(), verdict.ruleCodes(), verdict.rulesetVersion(),
                Json.write(verdict.hits()), snapshotJson);
    }

    private static void bindDecision(PreparedStatement statement, Journal.Entry row) throws SQLException {
        statement.setString(1, row.requestId());
        statement.setString(2, row.fingerprint());
        statement.setObject(3, Times.utc(row.decidedAt()));
        statement.setString(4, row.msisdn());
        statement.setString(5, row.merchantId());
        statement.setString(6, row.productId());
        statement.setLong(7, row.amountFen());
        statement.setString(8, row.billingType());
        statement.setString(9, row.chargeKind());
        statement.setString(10, row.payMode());
        setNullable(statement, 11, row.deviceId());
        setNullable(statement, 12, row.ip());
        statement.setString(13, row.decision());
        statement.setInt(14, row.score());
        statement.setString(15, row.ruleCodes());
        statement.setString(16, row.rulesetVersion());
        statement.setString(17, row.hitsJson());
    }

    /** A case's columns are its decision's, but for its snapshot. */
    private static void bindCase(PreparedStatement statement, Journal.Entry row) throws SQLException {
        statement.setString(1, row.requestId());
        statement.setObject(2, Times.utc(row.decidedAt()));
        statement.setString(3, row.decision());
        statement.setInt(4, row.score());
        statement.setString(5, row.msisdn());
        setNullable(statement, 6, row.deviceId());
        statement.setString(7, row.merchantId());
        statement.setString(8, row.rulesetVersion());
        statement.setString(9, row.hitsJson());
        statement.setString(10, row.snapshotJson());
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /**
     * Writes everything queued, commits it to the database and empties the journal, then stops the
     * writer thread. Submitting afterwards is refused.
     */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("decision writer still busy after 30 s; {} verdicts may be unwritten", queue.size());
        }
    }
}
