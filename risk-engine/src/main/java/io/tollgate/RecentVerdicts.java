package io.tollgate;

import io.tollgate.store.DecisionLog;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The verdicts of recent request ids, and the checks deciding one now: a retry is answered with the
 * first verdict without a database read, and concurrent checks of one request id decide it once
 * (the others wait for the first and take its verdict). Bounded: at most about {@code capacity}
 * verdicts are kept, the oldest forgotten first, and none is answered from once older than
 * {@code ttlNanos}.
 *
 * <p>Thread-safe. Request ids are spread over {@value #STRIPES} stripes, each with its own lock,
 * held only to look an id up, claim it or store its verdict, never while a check decides: checks of
 * different request ids never wait for each other's decisions. A stripe keeps its ids in a ring in
 * the order they were claimed, found through an open-addressing index of hash and position, and
 * their verdicts field by field ({@link KeptVerdicts}), so a new request id allocates nothing here
 * and reads few cache lines; a retry gets its verdict rebuilt, equal to the first.
 */
final class RecentVerdicts {
    private static final int STRIPE_BITS = 6;
    private static final int STRIPES = 1 << STRIPE_BITS;

    private final Stripe[] stripes = new Stripe[STRIPES];

    /**
     * @param capacity how many verdicts to keep (spread evenly over the stripes)
     * @param ttlNanos how long after it was claimed a verdict may answer a retry
     */
    RecentVerdicts(long capacity, long ttlNanos) {
        int perStripe = (int) Math.max(1, Math.min(1 << 28, (capacity + STRIPES - 1) / STRIPES));
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe, ttlNanos);
        }
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
        int hash = requestId.hashCode();
        Stripe stripe = stripes[(hash * 0x9E3779B9) >>> (32 - STRIPE_BITS)]; // top bits: R0001, R0002 spread
        synchronized (stripe) {
            DecisionLog.Stored kept = stripe.keptOrClaim(requestId, hash, System.nanoTime());
            if (kept != null) {
                return new Answer(kept, false);
            }
        }
        DecisionLog.Stored stored = null;
        try {
            stored = decide.apply(requestId);
            return new Answer(stored, true);
        } finally {
            synchronized (stripe) {
                stripe.settle(requestId, hash, stored);
            }
        }
    }

    /** Forgets the verdict of a request id if it is (equal to) {@code stored}. */
    void remove(String requestId, DecisionLog.Stored stored) {
        int hash = requestId.hashCode();
        Stripe stripe = stripes[(hash * 0x9E3779B9) >>> (32 - STRIPE_BITS)];
        synchronized (stripe) {
            int at = stripe.find(requestId, hash);
            if (at >= 0 && !stripe.deciding[at] && stored.equals(stripe.verdicts.get(at, requestId))) {
                stripe.delete(at);
            }
        }
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
     * One stripe: a ring of request ids in the order they were claimed (a position emptied by a
     * removal stays empty until the oldest passes it), each with its hash, claim time, kept verdict and
     * whether a check still decides it; and an index of {@code hash << 32 | position + 1} by
     * linear probing, at most half full. Past capacity, the oldest id is forgotten, unless a check
     * still decides it: then the ring grows instead. Guarded by its own monitor, which checks
     * waiting for a duplicate's decision wait on.
     */
    private static final class Stripe {
        private final int capacity;
        private final long ttlNanos;
        private String[] ids;
        private int[] hashes;
        private long[] claimedAt;
        private KeptVerdicts verdicts;
        private boolean[] deciding;
        private long[] index;
        /** The oldest position in use, and how many follow it (emptied ones included). */
        private int head;
        private int used;
        private int waiters;

        Stripe(int capacity, long ttlNanos) {
            this.capacity = capacity;
            this.ttlNanos = ttlNanos;
            allocate(Math.min(16, capacity));
        }

        /** @return the verdict kept for the id; else null, once this thread has claimed it */
        DecisionLog.Stored keptOrClaim(String id, int hash, long now) {
            while (true) {
                int at = find(id, hash);
                if (at >= 0 && !deciding[at] && now - claimedAt[at] > ttlNanos) {
                    delete(at);
                    at = -1;
                }
                if (at < 0) {
                    claim(id, hash, now);
                    return null;
                }
                if (!deciding[at]) {
                    return verdicts.get(at, id);
                }
                awaitSettlement();
                now = System.nanoTime();
            }
        }

        /** Stores this thread's verdict of a claimed id, or forgets the id when there is none (its decision failed). */
        void settle(String id, int hash, DecisionLog.Stored stored) {
            int at = find(id, hash); // still there: only its own check removes an id being decided
            if (stored == null) {
                delete(at);
            } else {
                verdicts.put(at, stored);
                deciding[at] = false;
            }
            if (waiters > 0) {
                notifyAll();
            }
        }

        private void awaitSettlement() {
            boolean interrupted = false;
            waiters++;
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // a duplicate waits for the first check, as it would on a plain lock
            } finally {
                waiters--;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** @return the position of the id, or -1 */
        int find(String id, int hash) {
            int mask = index.length - 1;
            for (int i = home(hash, mask); index[i] != 0; i = (i + 1) & mask) {
                long entry = index[i];
                int at = (int) entry - 1;
                if ((int) (entry >>> 32) == hash && id.equals(ids[at])) {
                    return at;
                }
            }
            return -1;
        }

        private void claim(String id, int hash, long now) {
            int length = ids.length;
            while (used > 0 && (ids[head] == null || !deciding[head] && now - claimedAt[head] > ttlNanos)) {
                dropOldest(); // emptied or expired
            }
            if (used == length && (length < capacity || deciding[head])) {
                grow();
            } else if (used == length) {
                dropOldest();
            }
            int at = (head + used) % ids.length;
            used++;
            ids[at] = id;
            hashes[at] = hash;
            claimedAt[at] = now;
            verdicts.clear(at);
            deciding[at] = true;
            insert(hash, at);
        }

        private void dropOldest() {
            if (ids[head] != null) {
                delete(head);
            }
            head = (head + 1) % ids.length;
            used--;
        }

        /** Empties a position: out of the index, its id and verdict let go. */
        void delete(int at) {
            int mask = index.length - 1;
            int hole = home(hashes[at], mask);
            while ((int) index[hole] - 1 != at) {
                hole = (hole + 1) & mask;
            }
            for (int i = (hole + 1) & mask; index[i] != 0; i = (i + 1) & mask) {
                int home = home((int) (index[i] >>> 32), mask);
                if (((i - home) & mask) >= ((i - hole) & mask)) { // its home is not between the hole and it
                    index[hole] = index[i];
                    hole = i;
                }
            }
            index[hole] = 0;
            ids[at] = null;
            verdicts.clear(at);
            deciding[at] = false;
        }

        private void insert(int hash, int at) {
            int mask = index.length - 1;
            int i = home(hash, mask);
            while (index[i] != 0) {
                i = (i + 1) & mask;
            }
            index[i] = (long) hash << 32 | (at + 1L);
        }

        private void allocate(int length) {
            ids = new String[length];
            hashes = new int[length];
            claimedAt = new long[length];
            verdicts = new KeptVerdicts(length);
            deciding = new boolean[length];
            index = new long[Integer.highestOneBit(4 * length - 1)]; // a power of two, at least twice the ring
        }

        /**
         * Enlarges the ring (doubled, up to the capacity; past it only while the oldest id is still
         * being decided), its positions renumbered from the oldest, and reindexes it.
         */
        private void grow() {
            int length = ids.length;
            String[] oldIds = ids;
            int[] oldHashes = hashes;
            long[] oldClaimedAt = claimedAt;
            KeptVerdicts oldVerdicts = verdicts;
            boolean[] oldDeciding = deciding;
            allocate(length < capacity ? Math.min(2 * length, capacity) : 2 * length);
            int kept = 0;
            for (int n = 0; n < used; n++) {
                int from = (head + n) % length;
                if (oldIds[from] != null) {
                    ids[kept] = oldIds[from];
                    hashes[kept] = oldHashes[from];
                    claimedAt[kept] = oldClaimedAt[from];
                    oldVerdicts.copy(from, verdicts, kept);
                    deciding[kept] = oldDeciding[from];
                    insert(hashes[kept], kept);
                    kept++;
                }
            }
            head = 0;
            used = kept;
            Arrays.fill(oldIds, null);
        }

        /** Murmur3's 32-bit finaliser: the index slot of a hash, independent of the bits that chose the stripe. */
        private static int home(int hash, int mask) {
            int h = hash;
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            h ^= h >>> 16;
            return h & mask;
        }
    }
}
