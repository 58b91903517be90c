package io.tollgate.signals.velocity;

/**
 * Additions that stop at the type's bound instead of wrapping around, for velocity's counts and
 * sums: a wrapped spend turns negative and no cap fires, while a saturated one still exceeds every
 * cap. Branch-light, allocation-free, for the hot path. Thread-safe (stateless).
 */
final class Saturating {
    private Saturating() {
    }

    /** @return {@code a + b}, or {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE} where it overflows */
    static long add(long a, long b) {
        long sum = a + b;
        // Math.addExact's test: overflow iff both operands' signs differ from the sum's
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** @return {@code count + 1}, or {@link Integer#MAX_VALUE} when {@code count} is that already */
    static int increment(int count) {
        return count == Integer.MAX_VALUE ? count : count + 1;
    }
}
