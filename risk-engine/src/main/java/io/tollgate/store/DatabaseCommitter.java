package io.tollgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database thread's work: inserts journaled rows into one open transaction, which it commits
 * in large batches — once it holds {@value #COMMIT_ROWS} rows, is {@link #COMMIT_NANOS 50 ms} old,
 * or a flush barrier asks for it. When a batch fails, every row of the open transaction is written
 * again, one by one; a row refused for its request id being stored before completes {@code false},
 * one refused for another reason is logged at ERROR and kept in the journal for the next open.
 *
 * <p>Not thread-safe: the database thread's (and the constructor's, for recovery, before it starts).
 */
final class DatabaseCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWriter.class);
    /** Most refused rows held in memory to try again. */
    private static final int MAX_REFUSED = 100_000;
    /** How often the rows the database refused are tried again. */
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The open transaction is committed once it holds this many rows. */
    static final int COMMIT_ROWS = 4_096;
    /** How long a row may stay in the journal only. */
    static final long COMMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Database database;
    private final DecisionSequence sequence;
    private final JournalPair journals;
    private final JournalProgress progress;
    private Statements statements;
    private FileCompaction compaction;
    /** Rows inserted into the open transaction, in order. */
    private final List<PendingRow> uncommitted;
    /** The {@code decision_hour} ranges of the open transaction's rows, merged when it commits. */
    private final DecisionHours hours = new DecisionHours();
    /** Whether a flush waits for the open transaction. */
    private boolean commitNow;
    /** Rows the database refused (not as duplicates), kept in the journal: retried by {@link #retryRefused()}. */
    private final List<PendingRow> refused = new ArrayList<>();
    /** When {@link #retryRefused()} may try next, in {@link System#nanoTime()}. */
    private long retryAt;
    /** {@link System#nanoTime()} by which the open transaction is committed. */
    private long commitBy;

    DatabaseCommitter(Database database, JournalPair journals, JournalProgress progress, int maxBatch) {
        this.database = database;
        this.sequence = database.decisionSequence();
        this.journals = journals;
        this.progress = progress;
        this.uncommitted = new ArrayList<>(COMMIT_ROWS + maxBatch);
    }

    /** Whether the open transaction holds no row. */
    boolean idle() {
        return uncommitted.isEmpty();
    }

    /** How long until the open transaction is due (negative once it is). */
    long nanosToCommit() {
        return commitBy - System.nanoTime();
    }

    /** Commits the open transaction when it is full, old enough, or a flush waits for it. */
    void commitIfDue() {
        if (!uncommitted.isEmpty() && (commitNow || uncommitted.size() >= COMMIT_ROWS
                || System.nanoTime() - commitBy >= 0)) {
            commit();
        }
    }

    /**
     * The database thread failed unexpectedly: fails every row of the open transaction and of the
     * batch, and keeps the journal for the next open.
     */
    void abandon(List<PendingRow> batch, Throwable e) {
        discardStatements();
        progress.databaseRefused = true;
        progress.databaseFailure = JournalProgress.describe(e);
        UnableToRecordException failure = new UnableToRecordException("cannot record verdicts: " + e, e);
        for (List<PendingRow> rows : List.of(uncommitted, batch)) {
            for (PendingRow row : rows) {
                row.fail(failure);
                if (!row.barrier()) {
                    keepRefused(row); // journaled: retried, and kept in the journal until stored
                }
            }
        }
        uncommitted.clear();
    }

    /**
     * Keeps a refused row to try again; past {@link #MAX_REFUSED} rows (a long outage) no more are
     * held in memory, and the journal is kept for the next open to store instead.
     */
    private void keepRefused(PendingRow row) {
        if (refused.size() < MAX_REFUSED) {
            refused.add(row);
        } else {
            progress.journalHoldsFailures = true;
        }
    }

    /**
     * Stores the rows the database refused, at most once a second and only between transactions:
     * once it takes them all (the disk has room again, a lock is gone), the journal may be emptied
     * again without waiting for the next open. Their futures completed already; a retry of their
     * request ids is answered from the log once they are stored.
     */
    void retryRefused() {
        if (refused.isEmpty() || !uncommitted.isEmpty() || System.nanoTime() - retryAt < 0) {
            return;
        }
        retryAt = System.nanoTime() + RETRY_NANOS;
        List<PendingRow> rows = new ArrayList<>(refused);
        refused.clear();
        for (PendingRow row : rows) {
            try {
                insert(List.of(row));
                commitTransaction();
            } catch (SQLException | RuntimeException e) {
                discardStatements();
                if (!storedBefore(row, e)) {
                    refused.add(row);
                }
            }
        }
        if (refused.isEmpty()) {
            progress.databaseFailure = null;
            progress.databaseRefused = false;
            LOG.warn("the database took the {} verdicts it had refused; the decision journal is emptied again",
                    rows.size());
        }
    }

    /** Commits what is left, tries the refused rows once more, and gives back the connection: the journal thread is done. */
    void finish() {
        if (!uncommitted.isEmpty()) {
            commit();
        }
        retryAt = System.nanoTime();
        retryRefused();
        discardStatements();
    }

    /**
     * Stores rows recovered from the journal in one transaction; when that fails, one by one.
     */
    void writeRecovered(List<PendingRow> rows) {
        try {
            insert(rows);
            uncommitted.addAll(rows);
            commit();
        } catch (SQLException | RuntimeException e) {
            writeOneByOne(rows, e);
            compact();
        }
    }

    /**
     * Inserts a batch into the open transaction. When the insert fails, every row of the open
     * transaction is written again, one by one.
     */
    void write(List<PendingRow> batch) {
        if (uncommitted.isEmpty()) {
            commitBy = System.nanoTime() + COMMIT_NANOS;
        }
        try {
            insert(batch);
        } catch (SQLException | RuntimeException batchFailure) {
            List<PendingRow> all = new ArrayList<>(uncommitted);
            all.addAll(batch);
            uncommitted.clear();
            writeOneByOne(all, batchFailure);
            compact();
            return;
        }
        uncommitted.addAll(batch);
        for (PendingRow row : batch) {
            commitNow |= row.barrier();
        }
    }

    /** Commits the open transaction: its rows' futures complete. */
    private void commit() {
        List<PendingRow> rows = new ArrayList<>(uncommitted);
        uncommitted.clear();
        commitNow = false;
        try {
            commitTransaction();
        } catch (SQLException | RuntimeException e) {
            writeOneByOne(rows, e);
            compact();
            return;
        }
        for (PendingRow row : rows) {
            settled(row);
            row.committed.complete(true);
        }
        progress.databaseFailure = null;
        committedThrough(rows);
        compact();
    }

    /**
     * The row is committed, or was refused (and a retry of it may be decided again): it is no
     * longer on its way.
     */
    private void settled(PendingRow row) {
        if (!row.barrier()) {
            progress.inFlight.remove(row.requestId());
        }
    }

    /**
     * Every row is committed or refused (a refusal marked first): whoever journals next may empty the
     * journal of their batches.
     */
    private void committedThrough(List<PendingRow> rows) {
        if (!rows.isEmpty()) {
            progress.committedBatch = Math.max(progress.committedBatch, rows.get(rows.size() - 1).batch);
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

    private void writeOneByOne(List<PendingRow> rows, Exception failure) {
        commitNow = false;
        if (rows.size() > 1) {
            // The first line: H2 appends the statement, which binds up to 128 rows.
            LOG.warn("a batch of {} verdicts failed ({}); writing them one by one", rows.size(),
                    failure.toString().lines().findFirst().orElse(""));
        }
        for (PendingRow row : rows) {
            writeAlone(row);
        }
        committedThrough(rows);
    }

    /**
     * Writes one row in its own transaction: completes it {@code true}, {@code false} when its
     * request id was stored before (the unique key refused it), or with {@link UnableToRecordException}
     * — the row then stays in the journal for the next open.
     */
    private void writeAlone(PendingRow row) {
        if (row.barrier()) { // every row before it is written, or failed
            row.committed.complete(true);
            return;
        }
        try {
            insert(List.of(row));
            commitTransaction();
            settled(row);
            row.committed.complete(true);
        } catch (SQLException | RuntimeException e) {
            if (storedBefore(row, e)) {
                settled(row);
                row.committed.complete(false);
            } else {
                progress.databaseRefused = true; // before its batch counts as committed: the journal keeps it
                progress.databaseFailure = JournalProgress.describe(e);
                keepRefused(row);
                settled(row);
                LOG.error("request {}: the database refused the verdict; it stays in the decision journal {} "
                        + "and the next open retries it", row.requestId(), journals.file(), e);
                row.committed.completeExceptionally(new UnableToRecordException(
                        "cannot record the verdict of request " + row.requestId(), e));
            }
        }
    }

    /**
     * Widens the hours of the open transaction's rows in {@code decision_hour}, then commits it;
     * rolls it back when either fails. One statement per hour per commit (a commit holds up to
     * thousands of rows, usually of one hour) rather than per inserted batch, which is often a
     * handful of rows.
     */
    private void commitTransaction() throws SQLException {
        try {
            hours.widen(statements().widenHours());
            statements.connection().commit();
        } catch (SQLException | RuntimeException e) {
            discardStatements();
            throw e;
        }
    }

    /** Whether a row failed because the decision log holds its request id already. */
    private boolean storedBefore(PendingRow row, Exception failure) {
        if (!(failure instanceof SQLException sql) || sql.getErrorCode() != ErrorCode.DUPLICATE_KEY_1) {
            return false;
        }
        try {
            return stored(row.requestId());
        } catch (SQLException e) {
            LOG.warn("cannot tell whether request {} was stored before: {}", row.requestId(), e.toString());
            return false;
        }
    }

    /** Whether the decision log holds a request id, as this thread's connection sees it. */
    boolean stored(String requestId) throws SQLException {
        return DecisionSql.stored(statements().storedBefore(), requestId);
    }

    /**
     * Inserts the rows (and their cases) into the open transaction, each under the next {@code seq}
     * (many rows a statement: {@link DecisionSql#ROWS_PER_INSERT}),
     * which it notes for {@code decision_hour}; rolls the transaction back when it fails (the numbers
     * given out are skipped). A request id stored before makes the unique key refuse its row,
     * failing the whole batch.
     */
    private void insert(List<PendingRow> rows) throws SQLException {
        try {
            PreparedStatement cases = null;
            int left = PendingRow.verdicts(rows); // not yet bound
            int size = 0; // of the statement the next row is bound to
            int place = 0; // the next row's place in it
            for (PendingRow row : rows) {
                if (row.barrier()) {
                    continue;
                }
                if (place == 0) {
                    size = largestStatement(left);
                }
                long seq = sequence.next();
                PreparedStatement decisions = statements().insertDecisions(size);
                DecisionSql.bindDecision(decisions, place, row.entry, seq);
                if (++place == DecisionSql.ROWS_PER_INSERT[size]) {
                    decisions.executeUpdate();
                    left -= place;
                    place = 0;
                }
                hours.add(row.entry.decidedAt(), seq);
                if (row.entry.opensCase()) {
                    cases = statements().insertCase();
                    DecisionSql.bindCase(cases, row.entry);
                    cases.addBatch();
                }
            }
            if (cases != null) {
                cases.executeBatch();
            }
        } catch (SQLException | RuntimeException e) {
            discardStatements(); // rolls back; the next batch starts on a fresh connection
            throw e;
        }
    }

    /** @return the index in {@link DecisionSql#ROWS_PER_INSERT} of the largest statement that many rows fill */
    private static int largestStatement(int rows) {
        int size = 0;
        while (DecisionSql.ROWS_PER_INSERT[size] > rows) {
            size++;
        }
        return size;
    }

    /**
     * The writer thread's own connection (outside the pool: {@link Database#unpooledConnection()})
     * and statements, kept from batch to batch: taking a pooled connection and preparing the inserts
     * for every batch cost about a tenth of the writer's time.
     * Not thread-safe: the writer thread's alone.
     */
    private static final class Statements implements AutoCloseable {
        private final Connection connection;
        /** The statements of {@link DecisionSql#ROWS_PER_INSERT}, in its order. */
        private final PreparedStatement[] insertDecisions = new PreparedStatement[DecisionSql.ROWS_PER_INSERT.length];
        private final PreparedStatement storedBefore;
        private final PreparedStatement widenHours;
        private PreparedStatement insertCase; // prepared when the first case opens

        Statements(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            for (int i = 0; i < insertDecisions.length; i++) {
                insertDecisions[i] = connection.prepareStatement(DecisionSql.insertDecisions(DecisionSql.ROWS_PER_INSERT[i]));
            }
            this.storedBefore = connection.prepareStatement(DecisionSql.STORED_BEFORE);
            this.widenHours = connection.prepareStatement(DecisionHours.WIDEN);
        }

        Connection connection() {
            return connection;
        }

        /** @param size an index in {@link DecisionSql#ROWS_PER_INSERT} */
        PreparedStatement insertDecisions(int size) {
            return insertDecisions[size];
        }

        PreparedStatement storedBefore() {
            return storedBefore;
        }

        PreparedStatement widenHours() {
            return widenHours;
        }

        PreparedStatement insertCase() throws SQLException {
            if (insertCase == null) {
                insertCase = connection.prepareStatement(DecisionSql.INSERT_CASE);
            }
            return insertCase;
        }

        /** Rolls back what was not committed and closes the connection. */
        @Override
        public void close() {
            try (connection; storedBefore; widenHours; PreparedStatement cases = insertCase) {
                connection.rollback();
                connection.setAutoCommit(true);
                for (PreparedStatement insert : insertDecisions) {
                    insert.close();
                }
            } catch (SQLException e) {
                LOG.debug("closing the decision writer's connection: {}", e.toString());
            }
        }
    }

    private Statements statements() throws SQLException {
        if (statements == null) {
            Connection connection = database.unpooledConnection();
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

    /** Rolls back the open transaction and closes the connection; the next use opens a fresh one. */
    void discardStatements() {
        hours.clear(); // their rows are rolled back
        if (statements != null) {
            statements.close();
            statements = null;
        }
    }
}
