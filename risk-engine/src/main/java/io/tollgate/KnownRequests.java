package io.tollgate;

/**
 * The request ids stored in the decision log recently, as 64-bit hashes: lets {@code check} know a
 * new request id is new without a database read, while rows still wait for the group commit. A
 * hash match is only a hint (the caller then reads the log); a miss is certain for every id added
 * within the last {@code generation} (two generations are kept, so coverage is one to two
 * generations). Thread-safe: striped locks.
 */
final class KnownRequests {
    private static final int STRIPES = 64;
    private static final long EMPTY = 0L;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final long generationMs;
    private volatile long generationStart = Long.MIN_VALUE;

    /** @param generationMs how long ids stay in the current generation before it becomes the previous one */
    KnownRequests(long generationMs) {
        this.generationMs = generationMs;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    private static final class Stripe {
        private long[] current = empty(16);
        private int currentSize;
        private long[] previous = empty(4);

        synchronized boolean contains(long hash) {
            return find(current, hash) || find(previous, hash);
        }

        synchronized void add(long hash) {
            if ((currentSize + 1) * 2 > current.length) {
                long[] old = current;
                current = empty(old.length * 2);
                for (long value : old) {
                    if (value != EMPTY) {
                        put(current, value);
                    }
                }
            }
            if (put(current, hash)) {
                currentSize++;
            }
        }

        synchronized void rotate() {
            previous = current;
            current = empty(16);
            currentSize = 0;
        }
    }

    boolean mightContain(String requestId) {
        long hash = hash(requestId);
        return stripes[stripe(hash)].contains(hash);
    }

    /**
     * @param requestId a request id now stored (or about to be)
     * @param nowMs the engine's clock, epoch ms; starts a new generation when the current one is old
     */
    void add(String requestId, long nowMs) {
        if (generationStart == Long.MIN_VALUE) {
            generationStart = nowMs;
        }
        long hash = hash(requestId);
        stripes[stripe(hash)].add(hash);
    }

    /** Drops the previous generation when the current one is older than the generation length. */
    void rotateIfDue(long nowMs) {
        if (generationStart != Long.MIN_VALUE && nowMs - generationStart >= generationMs) {
            generationStart = nowMs;
            for (Stripe stripe : stripes) {
                stripe.rotate();
            }
        }
    }

    private static int stripe(long hash) {
        return (int) (hash >>> 58) & (STRIPES - 1);
    }

    private static long hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash == EMPTY ? 1 : hash;
    }

    private static long[] empty(int capacity) {
        return new long[capacity];
    }

    private static boolean find(long[] table, long hash) {
        int mask = table.length - 1;
        for (int index = mix(hash) & mask; table[index] != EMPTY; index = (index + 1) & mask) {
            if (table[index] == hash) {
                return true;
            }
        }
        return false;
    }

    private static boolean put(long[] table, long hash) {
        int mask = table.length - 1;
        int index = mix(hash) & mask;
        while (table[index] != EMPTY) {
            if (table[index] == hash) {
                return false;
            }
            index = (index + 1) & mask;
        }
        table[index] = hash;
        return true;
    }

    private static int mix(long hash) {
        long h = hash * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
