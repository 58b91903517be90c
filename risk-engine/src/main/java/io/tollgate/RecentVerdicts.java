package io.tollgate;

import io.tollgate.store.DecisionLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The verdicts of recent request ids, and the checks deciding one now: a retry is answered with the
 * first verdict without a database read, and concurrent checks of one request id decide it once
 * (the others wait for the first and take its verdict). Bounded: at most about {@code capacity}
 * verdicts are kept, the oldest forgotten first, and none is answered from once older than
 * {@code ttlNanos}.
 *
 * <p>Thread-safe. Request ids are spread over {@value #STRIPES} stripes, each an insertion-ordered
 * map under its own lock, held only to look an id up or to store a verdict, never while a check
 * decides: checks of different request ids never wait for each other's decisions.
 */
final class RecentVerdicts {
    private static final int STRIPE_BITS = 6;
    private static final int STRIPES = 1 << STRIPE_BITS;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final long ttlNanos;

    /**
     * @param capacity how many verdicts to keep (spread evenly over the stripes)
     * @param ttlNanos how long after it was decided a verdict may answer a retry
     */
    RecentVerdicts(long capacity, long ttlNanos) {
        int perStripe = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (capacity + STRIPES - 1) / STRIPES));
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe);
        }
        this.ttlNanos = ttlNanos;
    }

    /**
     * A request id's verdict: the one kept, or the one a check deciding it now returns, or else the
     * one {@code decide} returns, which is then kept. When {@code decide} throws, nothing is kept
     * and a check waiting for it decides in its turn.
     *
     * @param requestId the request id
     * @param decide decides the request; called at most once at a time per request id
     * @return the verdict, and whether this call decided it
     */
    Answer get(String requestId, Function<String, DecisionLog.Stored> decide) {
        Stripe stripe = stripes[stripe(requestId)];
        while (true) {
            Slot found;
            Slot mine = null;
            synchronized (stripe) {
                long now = System.nanoTime();
                found = stripe.get(requestId);
                if (found != null && stripe.expired(found, now)) {
                    stripe.remove(requestId);
                    found = null;
                }
                if (found == null) {
                    mine = new Slot(now);
                    stripe.now = now;
                    stripe.put(requestId, mine);
                }
            }
            if (mine == null) {
                DecisionLog.Stored stored = found.await();
                if (stored != null) {
                    return new Answer(stored, false);
                }
                continue; // its decision failed: decide in turn
            }
            DecisionLog.Stored stored = null;
            try {
                stored = decide.apply(requestId);
                return new Answer(stored, true);
            } finally {
                synchronized (stripe) {
                    if (stored == null && stripe.get(requestId) == mine) {
                        stripe.remove(requestId);
                    }
                }
                mine.settle(stored);
            }
        }
    }

    /** Forgets the verdict of a request id if it is {@code stored}. */
    void remove(String requestId, DecisionLog.Stored stored) {
        Stripe stripe = stripes[stripe(requestId)];
        synchronized (stripe) {
            Slot slot = stripe.get(requestId);
            if (slot != null && slot.storedIfSettled() == stored) {
                stripe.remove(requestId);
            }
        }
    }

    private static int stripe(String requestId) {
        return (requestId.hashCode() * 0x9E3779B9) >>> (32 - STRIPE_BITS); // top bits: R0001, R0002... spread evenly
    }

    /**
     * What {@link #get} found or decided.
     *
     * @param stored the verdict and the fingerprint of its request
     * @param decidedNow whether this call decided it
     */
    record Answer(DecisionLog.Stored stored, boolean decidedNow) {
    }

    /**
     * A request id's place: a check deciding it until it is settled, then its verdict. Settled once,
     * by the deciding check; read by waiting checks and under the stripe's lock.
     */
    private static final class Slot {
        /** When the check claimed it (System.nanoTime): the verdict's age counts from there. */
        private final long claimedAt;
        private DecisionLog.Stored stored;
        private volatile boolean settled;

        Slot(long claimedAt) {
            this.claimedAt = claimedAt;
        }

        synchronized void settle(DecisionLog.Stored verdict) {
            stored = verdict;
            settled = true;
            notifyAll();
        }

        /** @return the verdict once settled; null when its decision failed */
        synchronized DecisionLog.Stored await() {
            boolean interrupted = false;
            while (!settled) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // a duplicate waits for the first check, as it did on the cache's lock
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return stored;
        }

        /** @return the verdict when settled (null when its decision failed), else null */
        DecisionLog.Stored storedIfSettled() {
            return settled ? stored : null;
        }
    }

    /**
     * One stripe: slots in the order they were claimed; past capacity or the time to live, the
     * eldest is dropped unless a check still decides it. Guarded by its own monitor.
     */
    private final class Stripe extends LinkedHashMap<String, Slot> {
        private final int capacity;
        /** System.nanoTime of the claim being put. */
        private long now;

        Stripe(int capacity) {
            super(16, 0.75f, false);
            this.capacity = capacity;
        }

        boolean expired(Slot slot, long nowNanos) {
            return slot.settled && nowNanos - slot.claimedAt > ttlNanos;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Slot> eldest) {
            Slot slot = eldest.getValue();
            return slot.settled && (size() > capacity || expired(slot, now));
        }
    }
}
