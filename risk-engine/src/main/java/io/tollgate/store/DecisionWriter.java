package io.tollgate.store;

import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the decision log: one writer thread takes every verdict queued since its last
 * batch and inserts them (and the review cases they open) with batched plain-JDBC statements into
 * one open transaction. The transaction is committed — written to the file — as soon as a batch
 * holds a row someone waits for (a case-opening verdict, a {@link #flush()}), otherwise within
 * 10 ms: so a thousand checks cost one write to the file instead of a thousand, and verdicts nobody
 * waits for cost no write of their own. Each submitted verdict gets a future completed when its
 * transaction is committed — a caller that must not return before its row is on disk waits on it.
 *
 * <p>A failed transaction is retried row by row, each in its own transaction, so one bad row cannot
 * fail the others; a row that still fails completes its future with {@link UnableToRecordException},
 * and a row whose request id is stored already completes with {@code false}. Thread-safe: any
 * number of threads submit; one thread writes. At most {@code capacity} verdicts wait; a submitter
 * beyond that blocks until the writer catches up.
 */
public final class DecisionWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWriter.class);
    private static final int MAX_BATCH = 2_048;
    /** How long a row nobody waits for may stay uncommitted. */
    private static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
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
    private final Thread thread;
    private volatile boolean closing;
    /** Touched by the writer thread only. */
    private Statements statements;
    /** Set with the first statements; the writer thread's only. */
    private FileCompaction compaction;
    /** Rows inserted into the open transaction, in order; the writer thread's only. */
    private final List<Row> uncommitted = new ArrayList<>(MAX_BATCH);
    /** Whether a row of the open transaction is waited for; the writer thread's only. */
    private boolean commitNow;
    /** {@link System#nanoTime()} by which the open transaction is committed; the writer thread's only. */
    private long commitBy;

    /** One verdict to store; a row without a request is a flush barrier. */
    private record Row(ChargeRequest request, String fingerprint, RiskVerdict verdict, Supplier<String> snapshot,
            CompletableFuture<Boolean> committed) {
        boolean barrier() {
            return request == null;
        }
    }

    /**
     * Starts the writer thread.
     *
     * @param database where the decision log is
     * @param capacity how many verdicts may wait for the writer before submitters block
     */
    public DecisionWriter(Database database, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.database = database;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "tollgate-decision-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues a verdict (and its review case when {@code snapshot} is not null) for the next commit.
     *
     * @param request the charge
     * @param fingerprint the hash of its fields
     * @param verdict the verdict
     * @param snapshot the facts at decision time as JSON, computed on the writer thread; {@code null} opens no case
     * @return completed with {@code true} once committed, {@code false} when the request id was stored
     *     before (nothing written), or exceptionally with {@link UnableToRecordException}
     */
    public CompletableFuture<Boolean> submit(ChargeRequest request, String fingerprint, RiskVerdict verdict,
            Supplier<String> snapshot) {
        CompletableFuture<Boolean> committed = new CompletableFuture<>();
        enqueue(new Row(request, fingerprint, verdict, snapshot, committed));
        return committed;
    }

    /** Returns once every verdict submitted before the call is committed (or has failed). */
    public void flush() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        enqueue(new Row(null, null, null, null, done));
        done.join();
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
                if (!uncommitted.isEmpty() && (commitNow || uncommitted.size() >= MAX_BATCH
                        || System.nanoTime() - commitBy >= 0)) {
                    commit();
                }
            } catch (InterruptedException e) {
                closing = true;
            } catch (RuntimeException | Error e) { // never let the writer die with futures waiting
                LOG.error("decision writer failed", e);
                discardStatements();
                UnableToRecordException failure = new UnableToRecordException("cannot record verdicts: " + e, e);
                uncommitted.forEach(row -> row.committed().completeExceptionally(failure));
                uncommitted.clear();
                batch.forEach(row -> row.committed().completeExceptionally(failure));
            } finally {
                batch.clear();
            }
        }
        if (!uncommitted.isEmpty()) {
            commit();
        }
        discardStatements();
    }

    /**
     * Inserts a batch into the open transaction. It is committed at once when someone waits for a
     * row of it (a case-opening verdict, a flush); otherwise with the next such batch, or
     * {@link #HOLD_NANOS} after the transaction's first batch at the latest. When the insert fails,
     * every row of the open transaction is written again, one by one.
     */
    private void write(List<Row> batch) {
        if (uncommitted.isEmpty()) {
            commitBy = System.nanoTime() + HOLD_NANOS;
        }
        try {
            insert(batch);
        } catch (SQLException | RuntimeException batchFailure) {
            List<Row> rows = new ArrayList<>(uncommitted);
            rows.addAll(batch);
            uncommitted.clear();
            writeOneByOne(rows, batchFailure);
            return;
        }
        uncommitted.addAll(batch);
        for (Row row : batch) {
            commitNow |= row.barrier() || row.snapshot() != null;
        }
    }

    /** Commits the open transaction: the file is written, and its rows' futures complete. */
    private void commit() {
        List<Row> rows = new ArrayList<>(uncommitted);
        uncommitted.clear();
        commitNow = false;
        try {
            statements.connection().commit();
        } catch (SQLException | RuntimeException e) {
            discardStatements();
            writeOneByOne(rows, e);
            return;
        }
        for (Row row : rows) {
            row.committed().complete(true);
        }
        compact();
    }

    /** Keeps the file compact; a failure to is logged, the rows are committed already. */
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
     * request id was stored before (the primary key refused it), or with {@link UnableToRecordException}.
     */
    private void writeAlone(Row row) {
        try {
            insert(List.of(row));
            commitAlone();
            row.committed().complete(true);
        } catch (SQLException | RuntimeException e) {
            if (storedBefore(row, e)) {
                row.committed().complete(false);
            } else {
                row.committed().completeExceptionally(new UnableToRecordException(
                        "cannot record the verdict of request " + row.request().requestId(), e));
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
        try (PreparedStatement lookup = statements().connection().prepareStatement(STORED_BEFORE)) {
            lookup.setString(1, row.request().requestId());
            try (ResultSet found = lookup.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            LOG.warn("cannot tell whether request {} was stored before: {}", row.request().requestId(), e.toString());
            return false;
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
                String hitsJson = Json.write(row.verdict().hits());
                bindDecision(decisions, row, hitsJson);
                decisions.addBatch();
                if (row.snapshot() != null) {
                    cases = statements().insertCase();
                    bindCase(cases, row, hitsJson);
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
        private PreparedStatement insertCase; // prepared when the first case opens

        Statements(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            this.insertDecision = connection.prepareStatement(INSERT_DECISION);
        }

        Connection connection() {
            return connection;
        }

        PreparedStatement insertDecision() {
            return insertDecision;
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
            try (connection; insertDecision; PreparedStatement cases = insertCase) {
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

    private static void bindDecision(PreparedStatement statement, Row row, String hitsJson) throws SQLException {
        ChargeRequest request = row.request();
        RiskVerdict verdict = row.verdict();
        statement.setString(1, request.requestId());
        statement.setString(2, row.fingerprint());
        statement.setObject(3, Times.utc(verdict.decidedAt()));
        statement.setString(4, request.msisdn().digits());
        statement.setString(5, request.merchantId());
        statement.setString(6, request.productId());
        statement.setLong(7, request.amountFen());
        statement.setString(8, request.billingType().name());
        statement.setString(9, request.chargeKind().name());
        statement.setString(10, request.payMode().name());
        setNullable(statement, 11, request.deviceId());
        setNullable(statement, 12, request.ip());
        statement.setString(13, verdict.decision().name());
        statement.setInt(14, verdict.score());
        statement.setString(15, verdict.ruleCodes());
        statement.setString(16, verdict.rulesetVersion());
        statement.setString(17, hitsJson);
    }

    private static void bindCase(PreparedStatement statement, Row row, String hitsJson) throws SQLException {
        ChargeRequest request = row.request();
        RiskVerdict verdict = row.verdict();
        statement.setString(1, request.requestId());
        statement.setObject(2, Times.utc(verdict.decidedAt()));
        statement.setString(3, verdict.decision().name());
        statement.setInt(4, verdict.score());
        statement.setString(5, request.msisdn().digits());
        setNullable(statement, 6, request.deviceId());
        statement.setString(7, request.merchantId());
        statement.setString(8, verdict.rulesetVersion());
        statement.setString(9, hitsJson);
        statement.setString(10, row.snapshot().get());
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** Writes everything queued, then stops the writer thread. Submitting afterwards is refused. */
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
