package io.tollgate.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The only source of randomness of the generator: a {@link SplittableRandom} seeded from the run's
 * seed, with the draws traffic needs (log-normal times, Poisson counts, weighted choices). Each
 * pattern gets its own stream by {@link #split()}, so a change to one pattern's draws leaves the
 * others' traffic as it was. Never {@code Math.random} or the clock. Not thread-safe.
 */
final class RandomSource {
    private final SplittableRandom random;

    /** @param seed the run's seed; the same seed gives the same draws */
    RandomSource(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private RandomSource(SplittableRandom random) {
        this.random = random;
    }

    /** @return an independent stream, itself a function of this one's state */
    RandomSource split() {
        return new RandomSource(random.split());
    }

    /** @return a draw in [0, 1) */
    double nextDouble() {
        return random.nextDouble();
    }

    /** @return a draw in [0, bound) */
    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** @return a whole number in [low, high], both included */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    /** @return a whole number in [low, high], both included */
    long between(long low, long high) {
        return low + random.nextLong(high - low + 1);
    }

    /** @return true with probability {@code p} */
    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** @return a standard normal draw (Box-Muller, one value per call) */
    double gaussian() {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * @param median the median of the distribution
     * @param sigma the spread of its logarithm
     * @return a log-normal draw: most values near the median, a long tail above it
     */
    double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    /** @return a log-normal draw redrawn until it falls in [low, high] (clamped after 8 tries) */
    long logNormal(double median, double sigma, long low, long high) {
        for (int i = 0; i < 8; i++) {
            long value = Math.round(logNormal(median, sigma));
            if (value >= low && value <= high) {
                return value;
            }
        }
        return Math.max(low, Math.min(high, Math.round(median)));
    }

    /** @return a Poisson draw with this mean (inversion; meant for small means) */
    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    /** @return one of the values, uniformly */
    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** @return one of the values, uniformly */
    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * @param weights relative weights, not all zero
     * @return an index chosen with probability proportional to its weight
     */
    int weighted(double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double target = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            target -= weights[i];
            if (target < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
