package io.tollgate.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What whoever journals and the database thread of a {@link DecisionWriter} tell each other about
 * the journal: which rows are on their way to the database, how far the database has committed, and
 * whether the journal must be kept for the next open. Thread-safe.
 */
final class JournalProgress {
    /** Request ids journaled and not yet committed (or refused by the database). */
    final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** The last journal batch whose rows are all committed (or refused); written by the database thread. */
    volatile long committedBatch;
    /** Whether journaling failed part-way: the journal is then kept for the next open. */
    volatile boolean journalHoldsFailures;
    /**
     * Whether the journal holds rows the database refused: it is kept until the database thread
     * has stored them after all (it retries), or for the next open.
     */
    volatile boolean databaseRefused;

    /** @return whether the journal must not be emptied now */
    boolean journalMustBeKept() {
        return journalHoldsFailures || databaseRefused;
    }
    /** Why the last journal write failed (numbers masked), or null since one succeeded. */
    volatile String journalFailure;
    /** Why the database last refused rows (numbers masked), or null since a commit succeeded. */
    volatile String databaseFailure;

    /** @return the first line of a failure, numbers masked, short enough for a health view */
    static String describe(Throwable failure) {
        String text = failure.toString().lines().findFirst().orElse("");
        text = io.tollgate.charge.Msisdn.maskAll(text);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
