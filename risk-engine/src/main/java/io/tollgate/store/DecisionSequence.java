package io.tollgate.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the decision log's {@code seq} numbers: one source per open {@link Database}, shared by
 * everything in it that inserts decisions (the {@link DecisionWriter}'s database thread, and
 * {@link JdbiDecisionLog#record} without one), which are the only inserters while the engine holds
 * the file. Starts after the highest number stored when the database opens. A number given to a
 * row that is then rolled back is skipped, never used again. Thread-safe.
 */
final class DecisionSequence {
    private final AtomicLong last;

    /** @param lastStored the highest {@code seq} stored, 0 for none */
    DecisionSequence(long lastStored) {
        this.last = new AtomicLong(lastStored);
    }

    /** @return the next number, higher than every one stored or handed out before */
    long next() {
        return last.incrementAndGet();
    }
}
