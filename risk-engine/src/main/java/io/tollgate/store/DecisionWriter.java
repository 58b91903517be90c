package io.tollgate.store;

import io.tollgate.EngineHealth;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the decision log through a journal. Whoever journals takes every verdict queued so far, in
 * order, appends the whole batch (each row, and the review case it opens) to the {@link Journal}
 * with one write, and only then acknowledges it — {@link Receipt#journaled()} — and hands it to the
 * database thread. That one inserts the rows into one open transaction, which it commits in large
 * batches: once it holds {@value DatabaseCommitter#COMMIT_ROWS} rows, is
 * {@link DatabaseCommitter#COMMIT_NANOS 50 ms} old, or a {@link #flush()} asks for it — {@link Receipt#committed()}.
 *
 * <p>Who journals: a verdict that must be on disk before its check returns (a case opener,
 * {@link #submitAndJournal}) or a {@link #flush()} journals the queue itself, on its own thread;
 * any other verdict ({@link #submit}) waits in the queue for the journal thread, which lingers up
 * to {@link #LINGER_NANOS 1 ms} for more rows so that one write and one wake-up serve many
 * verdicts. One journals at a time, under a lock, so the journal keeps the order verdicts were
 * queued in: a case opener's row is journaled with every row queued before it. A case opener
 * thus waits for one append to a file — never for a database commit, nor for another thread to
 * be scheduled (unless the journal thread is writing a batch at that moment) — and a commit
 * writes thousands of rows instead of dozens.
 *
 * <p>The journal is two files, {@code <database file>.journal.0} and {@code .journal.1}: the
 * writer appends to one, and once every row of the other is committed (and the one it appends
 * to holds some) it empties the other and appends there instead — so every row
 * acknowledged and not yet committed is in one of the two, and neither grows with the traffic
 * ({@link JournalPair}).
 *
 * <p>Opening the writer recovers what a crash left in the journal: every whole frame's row (and
 * case) is inserted unless its request id is stored already, then the journal is emptied. A row
 * the database refuses for another reason than a duplicate request id is logged at ERROR and kept:
 * the journal is not emptied until the database thread, trying again every second, has stored it,
 * or the next open does ({@link JournalRecovery}).
 *
 * <p>This class owns the queues, the two threads and the futures; the journal thread's work is
 * {@link JournalAppender}'s, the database thread's {@link DatabaseCommitter}'s.
 *
 * <p>An in-memory database gets a journal that keeps nothing, through the same code. Thread-safe:
 * any number of threads submit. At most {@code capacity} verdicts are on their way — submitted and
 * not yet inserted into the database's open transaction — and a submitter beyond that blocks until
 * the database thread catches up. The bound is taken at submission only: journaling never waits for
 * the database thread, so a case opener is journaled promptly however far the database lags, and
 * fewer verdicts are held in memory than with a bound for each queue.
 */
public final class DecisionWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWriter.class);
    /**
     * Longest a submitter waits for room among the verdicts on their way, or for the journal another
     * thread is writing, before its verdict is refused with {@link UnableToRecordException}: a
     * stalled disk or database must not hang the gateway's threads.
     */
    public static final Duration STORAGE_WAIT = Duration.ofSeconds(5);
    private static final int MAX_BATCH = 2_048;
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * How long the journal thread waits for more rows (nobody waits for them: a case opener or a
     * flush journals the queue itself): one write and one wake-up for many verdicts instead of one
     * each, and fewer hand-overs that wake the database thread. It bounds how long a returned
     * verdict that opens no case may stay unjournaled (what a crash can lose). 1 ms instead of
     * 0.2 ms took the journal thread from ~13 % to ~7 % of a core under full load on 2 cores, and
     * left the database thread more of it.
     */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The journal thread does not linger once this many rows are queued. */
    private static final int LINGER_ROWS = 256;

    /** Submitted rows (and barriers) waiting to be journaled. */
    private final BlockingQueue<PendingRow> queue = new LinkedBlockingQueue<>();
    /** Journaled rows (and barriers) on their way to the database thread. */
    private final BlockingQueue<PendingRow> toDatabase = new LinkedBlockingQueue<>();
    /** A permit per verdict that may be on its way: a submitter takes one, it is given back once its row is inserted or has failed. */
    private final Semaphore room;
    private final int capacity;
    private final JournalProgress progress = new JournalProgress();
    private final Thread journalThread;
    private final Thread databaseThread;
    private volatile boolean closing;
    /** Whether the journal thread waits for a row: the next submitter wakes it. */
    private volatile boolean journalIdle;
    /** Held by whoever journals: the journal thread, a case opener or a flush. */
    private final ReentrantLock journalLock = new ReentrantLock();
    /** Set, under {@link #journalLock}, once the journal thread has handed over its last row. */
    private volatile boolean journalDone;

    /** The two journal files; used under {@link #journalLock} (the database thread's once the journal thread is done). */
    private final JournalPair journals;
    /** Used under {@link #journalLock}. */
    private final JournalAppender appender;
    /** The database thread's (and the constructor's, before it starts). */
    private final DatabaseCommitter committer;
    /** {@link #STORAGE_WAIT} in nanoseconds; tests shorten it. */
    private final long storageWaitNanos;

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
     * @param journalKeeps whether the journal is a file that outlives the process (not so for an
     *     in-memory database's)
     */
    public record Receipt(CompletableFuture<Boolean> journaled, CompletableFuture<Boolean> committed,
            boolean journalKeeps) {
        /**
         * @return whether the row is in a journal file: the next open stores it even when the
         *     database refused it now. Read once {@link #committed()} has completed.
         */
        public boolean inJournal() {
            return journalKeeps && journaled.isDone() && !journaled.isCompletedExceptionally()
                    && journaled.join();
        }
    }

    /**
     * Opens the journal next to the database file, recovers what it holds, and starts the threads.
     *
     * @param database where the decision log is
     * @param capacity how many verdicts may be on their way (not yet inserted) before submitters block
     * @throws UnableToOpenDatabaseException when the journal cannot be opened or read
     */
    public DecisionWriter(Database database, int capacity) {
        this(database, capacity, Journal::channel, STORAGE_WAIT);
    }

    /**
     * A writer whose journal files are opened by {@code channels} (tests: a disk that fills up or
     * stalls) and whose submitters wait at most {@code storageWait}.
     */
    DecisionWriter(Database database, int capacity, Journal.Channels channels, Duration storageWait) {
        this.storageWaitNanos = storageWait.toNanos();
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.journals = JournalPair.open(database, channels);
        this.appender = new JournalAppender(database, journals, progress);
        this.committer = new DatabaseCommitter(database, journals, progress, MAX_BATCH);
        try {
            JournalRecovery.recover(journals, committer, progress);
        } catch (RuntimeException e) {
            committer.discardStatements();
            journals.close();
            throw e;
        }
        this.room = new Semaphore(capacity);
        this.capacity = capacity;
        this.journalThread = new Thread(this::journalLoop, "tollgate-decision-journal");
        this.databaseThread = new Thread(this::databaseLoop, "tollgate-decision-writer");
        journalThread.setDaemon(true);
        databaseThread.setDaemon(true);
        journalThread.start();
        databaseThread.start();
    }

    /**
     * Queues a verdict (and its review case when {@code snapshot} is not null) for the journal
     * thread's next batch.
     *
     * @param request the charge
     * @param fingerprint the hash of its fields
     * @param verdict the verdict
     * @param snapshot the facts at decision time as JSON, computed by whoever journals the row; {@code null} opens no case
     * @return when it is journaled, and when committed to the database
     */
    public Receipt submit(ChargeRequest request, String fingerprint, RiskVerdict verdict, Supplier<String> snapshot) {
        PendingRow row = new PendingRow(request, fingerprint, verdict, snapshot);
        queue(row);
        return receiptOf(row);
    }

    /**
     * Journals a verdict and its review case before returning, on the calling thread, together with
     * every row queued before it: the journal thread is neither woken nor waited for (unless it is
     * writing a batch at that moment, which the caller then waits to end). For a check that must not
     * return before its case is stored.
     *
     * @param request the charge
     * @param fingerprint the hash of its fields
     * @param verdict the verdict, which opens a review case
     * @param snapshot the facts at decision time as JSON, computed before the journal is locked
     * @return the receipt, its {@link Receipt#journaled()} complete
     */
    public Receipt submitAndJournal(ChargeRequest request, String fingerprint, RiskVerdict verdict, Supplier<String> snapshot) {
        String snapshotJson = snapshot.get();
        PendingRow row = new PendingRow(request, fingerprint, verdict, () -> snapshotJson);
        queue(row);
        if (!journalQueued(storageWaitNanos) && queue.remove(row)) {
            // Whoever holds the journal is stuck: the row never reaches it, nothing is recorded.
            room.release();
            row.fail(new UnableToRecordException("the decision journal has been busy for more than "
                    + Duration.ofNanos(storageWaitNanos).toMillis() + " ms"));
        }
        return receiptOf(row);
    }

    /** Returns once every verdict submitted before the call is committed to the database (or has failed). */
    public void flush() {
        PendingRow barrier = new PendingRow(null, null, null, null);
        enqueue(barrier);
        journalQueued();
        barrier.committed.join();
    }

    private void queue(PendingRow row) {
        try {
            if (!room.tryAcquire(storageWaitNanos, TimeUnit.NANOSECONDS)) {
                throw new UnableToRecordException("the decision log has " + capacity + " verdicts on their way "
                        + "and took none for " + Duration.ofNanos(storageWaitNanos).toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToRecordException("interrupted while queueing a verdict", e);
        }
        try {
            enqueue(row);
        } catch (RuntimeException e) {
            room.release();
            throw e;
        }
    }

    private Receipt receiptOf(PendingRow row) {
        return new Receipt(row.journaled, row.committed, journals.file() != null);
    }

    private void enqueue(PendingRow row) {
        if (closing) {
            throw new IllegalStateException("the decision writer is closed");
        }
        queue.add(row);
        if (journalIdle) {
            LockSupport.unpark(journalThread);
        }
    }

    // ----- journaling: the journal thread's, or a caller's that needs its row journaled now -----

    /**
     * Journals every queued row (and barrier), in the order queued, and hands them to the database
     * thread; empties a journal file whose rows are all committed. One caller at a time: the journal
     * thread, a case opener or a flush, whichever comes first.
     */
    private void journalQueued() {
        journalQueued(Long.MAX_VALUE);
    }

    /**
     * Journals every queued row as {@link #journalQueued()} does, waiting at most {@code waitNanos}
     * for whoever journals now.
     *
     * @return false when the journal was not free in time (nothing journaled by this call)
     */
    private boolean journalQueued(long waitNanos) {
        try {
            if (waitNanos == Long.MAX_VALUE) {
                journalLock.lock();
            } else if (!journalLock.tryLock(waitNanos, TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        List<PendingRow> batch = new ArrayList<>();
        try {
            queue.drainTo(batch);
            if (journalDone) { // closed: nothing takes the rows to the database any more
                IllegalStateException closed = new IllegalStateException("the decision writer is closed");
                batch.forEach(row -> row.fail(new UnableToRecordException("cannot record verdicts: " + closed, closed)));
                room.release(PendingRow.verdicts(batch));
                return true;
            }
            int handedOver = 0; // verdicts the database thread now gives the permits of back
            try {
                if (!batch.isEmpty()) {
                    List<PendingRow> journaled = appender.journal(batch);
                    toDatabase.addAll(journaled);
                    handedOver = PendingRow.verdicts(journaled);
                }
                journals.rotateIfDue(progress);
            } catch (RuntimeException | Error e) { // never leave futures waiting
                LOG.error("decision journal failed", e);
                progress.journalHoldsFailures = true;
                progress.journalFailure = JournalProgress.describe(e);
                UnableToRecordException failure = new UnableToRecordException("cannot record verdicts: " + e, e);
                batch.forEach(row -> row.fail(failure));
            } finally {
                room.release(PendingRow.verdicts(batch) - handedOver); // failed, or stored before: done
            }
        } finally {
            journalLock.unlock();
        }
        return true;
    }

    private void journalLoop() {
        try {
            while (!closing || !queue.isEmpty()) {
                awaitRows();
                journalQueued();
            }
        } finally {
            journalLock.lock();
            try {
                appender.close();
                journalDone = true;
            } finally {
                journalLock.unlock();
            }
        }
    }

    /**
     * Waits until rows are queued (a submitter wakes the thread), then lingers while fewer than
     * {@link #LINGER_ROWS} are, up to {@link #LINGER_NANOS}: one write and one wake-up for many verdicts.
     */
    private void awaitRows() {
        if (queue.isEmpty()) {
            journalIdle = true;
            if (queue.isEmpty() && !closing) {
                LockSupport.parkNanos(this, IDLE_POLL_NANOS);
            }
            journalIdle = false;
        }
        if (!queue.isEmpty() && queue.size() < LINGER_ROWS && !closing) {
            LockSupport.parkNanos(this, LINGER_NANOS);
        }
        if (Thread.interrupted()) { // nobody should; it would not park again: the writer closes instead
            closing = true;
        }
    }

    // ----- the database thread -----

    private void databaseLoop() {
        List<PendingRow> batch = new ArrayList<>(MAX_BATCH);
        while (!journalDone || !toDatabase.isEmpty()) {
            try {
                PendingRow first = toDatabase.poll(committer.idle() ? IDLE_POLL_NANOS : committer.nanosToCommit(),
                        TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    toDatabase.drainTo(batch, MAX_BATCH - 1);
                    committer.write(batch);
                }
                committer.commitIfDue();
                committer.retryRefused();
            } catch (InterruptedException e) {
                LOG.debug("decision writer interrupted; it stops once the journal thread has"); // nobody does
            } catch (RuntimeException | Error e) { // never let the thread die with futures waiting
                LOG.error("decision writer failed", e);
                committer.abandon(batch, e);
            } finally {
                room.release(PendingRow.verdicts(batch));
                batch.clear();
            }
        }
        committer.finish();
        if (!progress.journalMustBeKept()) {
            journals.clear();
        }
        journals.close(); // the journal thread is done with them
    }

    /**
     * @return refusing while the journal cannot be written; degraded while the database refuses
     *     rows (or the journal holds rows it refused), or the backlog is nine tenths of the capacity;
     *     else recording
     */
    public EngineHealth health() {
        int backlog = capacity - room.availablePermits();
        String journalFailure = progress.journalFailure;
        if (journalFailure != null) {
            return new EngineHealth(EngineHealth.Status.REFUSING, "the decision journal cannot be written: "
                    + journalFailure, backlog);
        }
        String databaseFailure = progress.databaseFailure;
        if (databaseFailure != null) {
            return new EngineHealth(EngineHealth.Status.DEGRADED, "the database refuses verdicts, which the "
                    + "journal keeps: " + databaseFailure, backlog);
        }
        if (progress.journalMustBeKept()) {
            return new EngineHealth(EngineHealth.Status.DEGRADED, "the journal holds verdicts the database "
                    + "refused, or a batch that failed part-way; it is kept until they are stored", backlog);
        }
        if (backlog >= capacity - capacity / 10) {
            return new EngineHealth(EngineHealth.Status.DEGRADED, backlog + " verdicts wait for the database",
                    backlog);
        }
        return EngineHealth.recording(backlog);
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
