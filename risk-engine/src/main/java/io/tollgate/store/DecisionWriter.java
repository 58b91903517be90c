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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the decision log through a journal, on two threads. The journal thread takes every verdict
 * queued since its last batch, appends the whole batch (each row, and the review case it opens) to
 * the {@link Journal} with one write, and only then acknowledges it — {@link Receipt#journaled()} —
 * and hands it to the database thread. That one inserts the rows into one open transaction, which
 * it commits in large batches: once it holds {@value #COMMIT_ROWS} rows, is
 * {@link #COMMIT_NANOS 50 ms} old, or a {@link #flush()} asks for it — {@link Receipt#committed()}.
 * So a case-opening verdict waits for one append to a file, never for a database commit, and a
 * commit writes thousands of rows instead of dozens.
 *
 * <p>The journal is two files, {@code <database file>.journal.0} and {@code .journal.1}: the
 * journal thread appends to one, and once every row of the other is committed (and the one it
 * appends to holds some) it empties the other and appends there instead — so every row
 * acknowledged and not yet committed is in one of the two, and neither grows with the traffic.
 *
 * <p>Opening the writer recovers what a crash left in the journal: every whole frame's row (and
 * case) is inserted unless its request id is stored already, then the journal is emptied. A row
 * the database refuses for another reason than a duplicate request id is logged at ERROR and kept:
 * while this writer runs the journal is no longer emptied, and the next open retries it.
 *
 * <p>An in-memory database gets a journal that keeps nothing, through the same code. Thread-safe:
 * any number of threads submit. At most {@code capacity} verdicts wait for the journal thread; a
 * submitter beyond that blocks until it catches up.
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
    private final BlockingQueue<Row> queue;
    /** Journaled rows (and barriers) on their way to the database thread. */
    private final BlockingQueue<Row> toDatabase = new LinkedBlockingQueue<>(4 * COMMIT_ROWS);
    /** Request ids journaled and not yet committed (or refused by the database). */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Thread journalThread;
    private final Thread databaseThread;
    private volatile boolean closing;
    /** Set by the journal thread once it has handed over its last row. */
    private volatile boolean journalDone;
    /** The last journal batch whose rows are all committed (or refused); written by the database thread. */
    private volatile long committedBatch;
    /** Whether the journal holds a row the database refused: it is then kept for the next open. */
    private volatile boolean journalHoldsFailures;

    /** The two journal files; the journal thread's (the database thread's once it is done). */
    private final Journal[] journals;
    /** The journal appended to: 0 or 1; the journal thread's. */
    private int active;
    /** The last batch written to the other journal; the journal thread's. */
    private long standbyLastBatch;
    /** The number of the last batch journaled; the journal thread's. */
    private long batches;
    /** The journal thread's own connection, to tell whether a request id is stored. */
    private Lookup lookup;

    /** The database thread's (and the constructor's, before it starts). */
    private Statements statements;
    private FileCompaction compaction;
    /** Rows inserted into the open transaction, in order; the database thread's only. */
    private final List<Row> uncommitted = new ArrayList<>(COMMIT_ROWS + MAX_BATCH);
    /** Whether a flush waits for the open transaction; the database thread's only. */
    private boolean commitNow;
    /** {@link System#nanoTime()} by which the open transaction is committed; the database thread's only. */
    private long commitBy;

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
        /** Its columns, set by the journal thread before it journals the row. */
        Journal.Entry entry;
        /** The journal batch it was written with. */
        long batch;

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
     * Opens the journal next to the database file, recovers what it holds, and starts the threads.
     *
     * @param database where the decision log is
     * @param capacity how many verdicts may wait for the journal thread before submitters block
     * @throws UnableToOpenDatabaseException when the journal cannot be opened or read
     */
    public DecisionWriter(Database database, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.database = database;
        this.journals = openJournals(database);
        try {
            recover();
        } catch (RuntimeException e) {
            discardStatements();
            closeJournals();
            throw e;
        }
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.journalThread = new Thread(this::journalLoop, "tollgate-decision-journal");
        this.databaseThread = new Thread(this::databaseLoop, "tollgate-decision-writer");
        journalThread.setDaemon(true);
        databaseThread.setDaemon(true);
        journalThread.start();
        databaseThread.start();
    }

    private static Journal[] openJournals(Database database) {
        Journal[] journals = new Journal[2];
        try {
            Path file = database.file();
            for (int i = 0; i < journals.length; i++) {
                journals[i] = file == null ? Journal.none() : Journal.open(Path.of(file + ".journal." + i));
            }
            return journals;
        } catch (SQLException | IOException e) {
            for (Journal journal : journals) {
                if (journal != null) {
                    close(journal);
                }
            }
            throw new UnableToOpenDatabaseException("cannot open the decision journal of " + database.url() + ": " + e, e);
        }
    }

    /**
     * Queues a verdict (and its review case when {@code snapshot} is not null) for the next batch.
     *
     * @param request the charge
     * @param fingerprint the hash of its fields
     * @param verdict the verdict
     * @param snapshot the facts at decision time as JSON, computed on the journal thread; {@code null} opens no case
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
        List<Journal.Entry> entries = new ArrayList<>();
        long tailBytes = 0;
        for (Journal journal : journals) {
            try {
                Journal.Contents contents = journal.read();
                entries.addAll(contents.entries());
                tailBytes += contents.tailBytes();
            } catch (IOException e) {
                throw new UnableToOpenDatabaseException("cannot read the decision journal " + journal.file() + ": " + e, e);
            }
        }
        if (entries.isEmpty() && tailBytes == 0) {
            return;
        }
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int storedBefore = 0;
        for (Journal.Entry entry : entries) {
            try {
                if (!seen.add(entry.requestId()) || stored(statements().storedBefore(), entry.requestId())) {
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
            compact();
        }
        if (!journalHoldsFailures) {
            clearJournals();
        }
        long failed = rows.stream().filter(row -> row.committed.isCompletedExceptionally()).count();
        LOG.warn("recovered the decision journal {}: {} verdicts, {} stored now, {} stored before, {} refused "
                + "and kept{}", journals[0].file(), entries.size(), rows.size() - failed, storedBefore, failed,
                tailBytes > 0 ? "; dropped a torn tail of " + tailBytes + " bytes" : "");
    }

    // ----- the journal thread -----

    private void journalLoop() {
        List<Row> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (!closing || !queue.isEmpty()) {
                try {
                    Row first = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
                    if (first != null) {
                        batch.add(first);
                        queue.drainTo(batch, MAX_BATCH - 1);
                        for (Row row : journal(batch)) {
                            toDatabase.put(row);
                        }
                    }
                    rotateIfDue();
                } catch (InterruptedException e) {
                    closing = true;
                } catch (RuntimeException | Error e) { // never let the thread die with futures waiting
                    LOG.error("decision journal failed", e);
                    journalHoldsFailures = true;
                    UnableToRecordException failure = new UnableToRecordException("cannot record verdicts: " + e, e);
                    batch.forEach(row -> row.fail(failure));
                } finally {
                    batch.clear();
                }
            }
        } finally {
            if (lookup != null) {
                lookup.close();
            }
            journalDone = true;
        }
    }

    /** Appends the batch's rows to the journal and acknowledges them; returns those to insert, barriers too. */
    private List<Row> journal(List<Row> batch) {
        List<Row> rows = new ArrayList<>(batch.size());
        Journal journal = journals[active];
        for (Row row : batch) {
            if (!row.barrier()) {
                try {
                    if (row.snapshot != null && storedBefore(row.request.requestId())) {
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
            }
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
        long number = ++batches;
        for (Row row : rows) {
            row.batch = number;
            if (!row.barrier()) {
                inFlight.add(row.requestId());
                row.journaled.complete(true);
            }
        }
        return rows;
    }

    /** Whether a request id is in the decision log, or journaled on its way there. */
    private boolean storedBefore(String requestId) throws SQLException {
        if (inFlight.contains(requestId)) {
            return true;
        }
        if (lookup == null) {
            lookup = new Lookup(database.connection());
        }
        try {
            return stored(lookup.storedBefore, requestId);
        } catch (SQLException e) {
            lookup.close();
            lookup = null;
            throw e;
        }
    }

    /**
     * Empties what the database holds: both files once every row journaled is committed; else,
     * once every row of the other file is, that one, and appends there from now on (when this one
     * holds rows). Never while the journal holds a row the database refused.
     */
    private void rotateIfDue() {
        long committed = committedBatch; // read first: the database thread marks a refused row before its batch
        if (committed < standbyLastBatch || journalHoldsFailures) {
            return;
        }
        int standby = 1 - active;
        try {
            journals[standby].clear();
            if (committed >= batches) {
                journals[active].clear();
            } else if (!journals[active].isEmpty()) {
                standbyLastBatch = batches;
                active = standby;
            }
        } catch (IOException e) {
            LOG.warn("cannot empty the decision journal {}: {}", journals[0].file(), e.toString());
        }
    }

    // ----- the database thread -----

    private void databaseLoop() {
        List<Row> batch = new ArrayList<>(MAX_BATCH);
        while (!journalDone || !toDatabase.isEmpty()) {
            try {
                Row first = toDatabase.poll(uncommitted.isEmpty() ? IDLE_POLL_NANOS : commitBy - System.nanoTime(),
                        TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    toDatabase.drainTo(batch, MAX_BATCH - 1);
                    write(batch);
                }
                if (!uncommitted.isEmpty() && (commitNow || uncommitted.size() >= COMMIT_ROWS
                        || System.nanoTime() - commitBy >= 0)) {
                    commit();
                }
            } catch (InterruptedException e) {
                LOG.debug("decision writer interrupted; it stops once the journal thread has"); // nobody does
            } catch (RuntimeException | Error e) { // never let the thread die with futures waiting
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
        if (!journalHoldsFailures) {
            clearJournals();
        }
        closeJournals(); // the journal thread is done with them
    }

    /**
     * Inserts a batch into the open transaction. When the insert fails, every row of the open
     * transaction is written again, one by one.
     */
    private void write(List<Row> batch) {
        if (uncommitted.isEmpty()) {
            commitBy = System.nanoTime() + COMMIT_NANOS;
        }
        try {
            insert(batch);
        } catch (SQLException | RuntimeException batchFailure) {
            List<Row> all = new ArrayList<>(uncommitted);
            all.addAll(batch);
            uncommitted.clear();
            writeOneByOne(all, batchFailure);
            compact();
            return;
        }
        uncommitted.addAll(batch);
        for (Row row : batch) {
            commitNow |= row.barrier();
        }
    }

    /** Commits the open transaction: its rows' futures complete. */
    private void commit() {
        List<Row> rows = new ArrayList<>(uncommitted);
        uncommitted.clear();
        commitNow = false;
        try {
            statements().connection().commit();
        } catch (SQLException | RuntimeException e) {
            discardStatements();
            writeOneByOne(rows, e);
            compact();
            return;
        }
        for (Row row : rows) {
            settled(row);
            row.committed.complete(true);
        }
        committedThrough(rows);
        compact();
    }

    /**
     * The row is committed, or was refused (and a retry of it may be decided again): it is no
     * longer on its way.
     */
    private void settled(Row row) {
        if (!row.barrier()) {
            inFlight.remove(row.requestId());
        }
    }

    /**
     * Every row is committed or refused (a refusal marked first): the journal thread may empty the
     * journal of their batches.
     */
    private void committedThrough(List<Row> rows) {
        if (!rows.isEmpty()) {
            committedBatch = Math.max(committedBatch, rows.get(rows.size() - 1).batch);
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
        committedThrough(rows);
    }

    /**
     * Writes one row in its own transaction: completes it {@code true}, {@code false} when its
     * request id was stored before (the primary key refused it), or with {@link UnableToRecordException}
     * — the row then stays in the journal for the next open.
     */
    private void writeAlone(Row row) {
        if (row.barrier()) { // every row before it is written, or failed
            row.committed.complete(true);
            return;
        }
        try {
            insert(List.of(row));
            commitAlone();
            settled(row);
            row.committed.complete(true);
        } catch (SQLException | RuntimeException e) {
            if (storedBefore(row, e)) {
                settled(row);
                row.committed.complete(false);
            } else {
                journalHoldsFailures = true; // before its batch counts as committed: the journal keeps it
                settled(row);
                LOG.error("request {}: the database refused the verdict; it stays in the decision journal {} "
                        + "and the next open retries it", row.requestId(), journals[0].file(), e);
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
        if (!(failure instanceof SQLException sql) || sql.getErrorCode() != ErrorCode.DUPLICATE_KEY_1) {
            return false;
        }
        try {
            return stored(statements().storedBefore(), row.requestId());
        } catch (SQLException e) {
            LOG.warn("cannot tell whether request {} was stored before: {}", row.requestId(), e.toString());
            return false;
        }
    }

    /** Whether the decision log holds a request id, as the statement's connection sees it. */
    private static boolean stored(PreparedStatement lookup, String requestId) throws SQLException {
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

    /**
     * The journal thread's own connection (committing nothing), to tell whether a request id is
     * stored. Not thread-safe.
     */
    private static final class Lookup {
        private final Connection connection;
        private final PreparedStatement storedBefore;

        Lookup(Connection connection) throws SQLException {
            this.connection = connection;
            try {
                this.storedBefore = connection.prepareStatement(STORED_BEFORE);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        void close() {
            try (connection; storedBefore) {
                LOG.trace("closing the decision journal's connection");
            } catch (SQLException e) {
                LOG.debug("closing the decision journal's connection: {}", e.toString());
            }
        }
    }

    /** The database holds every row of the journal: empties it. A failure to is logged. */
    private void clearJournals() {
        for (Journal journal : journals) {
            try {
                journal.clear();
            } catch (IOException e) {
                LOG.warn("cannot empty the decision journal {} (the next open stores nothing twice): {}",
                        journal.file(), e.toString());
            }
        }
    }

    private void closeJournals() {
        for (Journal journal : journals) {
            close(journal);
        }
    }

    private static void close(Journal journal) {
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
     * Journals everything queued, commits it to the database and empties the journal, then stops
     * both threads. Submitting afterwards is refused.
     */
    @Override
    public void close() {
        closing = true;
        try {
            journalThread.join(TimeUnit.SECONDS.toMillis(30));
            databaseThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (journalThread.isAlive() || databaseThread.isAlive()) {
            LOG.warn("decision writer still busy after 30 s; {} verdicts may be unjournaled and {} uncommitted",
                    queue.size(), toDatabase.size());
        }
    }
}
