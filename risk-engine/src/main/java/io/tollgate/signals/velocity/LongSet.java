package io.tollgate.signals.velocity;

/**
 * A set of longs by open addressing, for counting distinct values without boxing. Not thread-safe;
 * used inside one synchronized call.
 */
final class LongSet {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] slots;
    private int size;
    private boolean containsEmpty;

    LongSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2) - 1) << 1;
        slots = new long[capacity];
        java.util.Arrays.fill(slots, EMPTY);
    }

    void add(long value) {
        if (value == EMPTY) {
            if (!containsEmpty) {
                containsEmpty = true;
                size++;
            }
            return;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int index = (int) mix(value) & mask;
        while (slots[index] != EMPTY) {
            if (slots[index] == value) {
                return;
            }
            index = (index + 1) & mask;
        }
        slots[index] = value;
        size++;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        java.util.Arrays.fill(slots, EMPTY);
        size = containsEmpty ? 1 : 0;
        for (long value : old) {
            if (value != EMPTY) {
                add(value);
            }
        }
    }

    private static long mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
