package io.tollgate.generate;

/**
 * A keyed bijection on {@code [0, half²)}: a balanced Feistel network over two halves in
 * {@code [0, half)}. It turns a counter into an identifier that looks random yet is unique by
 * construction (numbers, device ids, addresses), and can be inverted to tell whether an identifier
 * was already handed out. Immutable and thread-safe.
 */
final class Feistel {
    private static final int ROUNDS = 4;
    private final long key;
    private final long half;

    /**
     * @param key the key (from the run's seed)
     * @param half the size of one half; the domain is {@code half * half}
     */
    Feistel(long key, long half) {
        this.key = key;
        this.half = half;
    }

    /** @return the image of {@code value}, in {@code [0, half²)} */
    long apply(long value) {
        long left = value / half;
        long right = value % half;
        for (int round = 0; round < ROUNDS; round++) {
            long next = Math.floorMod(left + round(round, right), half);
            left = right;
            right = next;
        }
        return left * half + right;
    }

    /** @return the value whose image is {@code image} */
    long invert(long image) {
        long left = image / half;
        long right = image % half;
        for (int round = ROUNDS - 1; round >= 0; round--) {
            long previous = Math.floorMod(right - round(round, left), half);
            right = left;
            left = previous;
        }
        return left * half + right;
    }

    private long round(int round, long value) {
        return Math.floorMod(mix(key + round * 0x9E3779B97F4A7C15L + value), half);
    }

    /** @return a well-mixed 64-bit hash of {@code value} (SplitMix64's finaliser) */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
