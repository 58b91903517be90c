package io.tollgate.signals.velocity;

import java.util.Arrays;

/**
 * The numbers one device or IP charged, packed in a {@code long[]}: the key (the hash of the device
 * id or IP) first, then one long per number, its 11 digits above the minute (since 1970, rounded
 * up) it was last charged from the key, then zeros (room to grow). The number's own
 * {@link NumberRecord} holds the attempts themselves. Static methods only; not thread-safe: the
 * tracker reads and replaces these arrays under their stripe's lock.
 */
final class SeenNumbers {
    private static final int MINUTE_BITS = 27;
    private static final long MINUTE_MASK = (1L << MINUTE_BITS) - 1;
    private static final long MINUTE_MS = 60_000;

    private SeenNumbers() {
    }

    static long number(long entry) {
        return entry >>> MINUTE_BITS;
    }

    /** @return epoch ms at or after the number's last attempt from the key */
    static long lastSeenMs(long entry) {
        return (entry & MINUTE_MASK) * MINUTE_MS;
    }

    /**
     * Notes that {@code msisdn} was charged from the key at {@code time}.
     *
     * @param seen the key's array, or null when it has none
     * @return the array to store: {@code seen} itself when it had room
     */
    static long[] add(long[] seen, long key, long msisdn, long time) {
        long minute = Math.min(MINUTE_MASK, Math.max(0, Math.floorDiv(time + MINUTE_MS - 1, MINUTE_MS)));
        long entry = msisdn << MINUTE_BITS | minute;
        if (seen == null) {
            return new long[] {key, entry};
        }
        int i = 1;
        for (; i < seen.length && seen[i] != 0; i++) {
            if (number(seen[i]) == msisdn) {
                if ((seen[i] & MINUTE_MASK) < minute) {
                    seen[i] = entry;
                }
                return seen;
            }
        }
        long[] target = i < seen.length ? seen : Arrays.copyOf(seen, seen.length + Math.max(1, seen.length >> 3));
        target[i] = entry;
        return target;
    }

    /**
     * @return the array without the numbers last seen before {@code cutoff} (epoch ms), exactly
     *     sized; {@code seen} itself when none goes; null when none is left
     */
    static long[] dropBefore(long[] seen, long cutoff) {
        int kept = 1;
        int used = 1;
        for (int i = 1; i < seen.length && seen[i] != 0; i++) {
            used++;
            if (lastSeenMs(seen[i]) >= cutoff) {
                seen[kept++] = seen[i];
            }
        }
        if (kept == 1) {
            return null;
        }
        Arrays.fill(seen, kept, used, 0);
        return kept == seen.length ? seen : Arrays.copyOf(seen, kept);
    }
}
