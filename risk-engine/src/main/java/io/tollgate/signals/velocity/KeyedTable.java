package io.tollgate.signals.velocity;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A hash table of values that carry their own {@code long} key, by open addressing with linear
 * probing: one reference per slot, no entry objects, no boxed keys. A value is a {@code long[]}
 * whose first element is its key, an {@code int[]} whose first element is, or an {@code Object[]}
 * of such {@code int[]} sharing one key. It is split in {@value #STRIPES} stripes, each a table of its own with
 * its own lock, so that threads working on different keys rarely wait for each other.
 *
 * <p>Thread-safe when used as documented: every call on a {@link Stripe} is made while holding that
 * stripe's monitor, {@code synchronized (stripe) { ... }}, and a value read from a stripe is read or
 * changed only under the same monitor. One thread may hold a second stripe's monitor inside the
 * first only in an order every caller follows (the tracker takes a device or IP stripe, then number
 * stripes), so that no two threads wait for each other.
 */
final class KeyedTable {
    private static final int STRIPES = 64;

    private final Stripe[] stripes = new Stripe[STRIPES];

    KeyedTable() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** @return the key a value carries */
    static long keyOf(Object value) {
        if (value instanceof long[] longs) {
            return longs[0];
        }
        if (value instanceof int[] ints) {
            return ints[0];
        }
        return ((int[]) ((Object[]) value)[0])[0];
    }

    /** @return the stripe holding {@code key}, to synchronise on before calling it */
    Stripe stripe(long key) {
        return stripes[(int) (mix(key) >>> 58)];
    }

    /** Calls {@code action} for every value, one stripe at a time under its lock. */
    void forEach(Consumer<Object> action) {
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                stripe.forEach(action);
            }
        }
    }

    /**
     * Replaces every value with what {@code update} returns for it, one stripe at a time under its
     * lock; a null return removes the value.
     *
     * @return how many values were removed
     */
    int replaceAll(UnaryOperator<Object> update) {
        int removed = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                removed += stripe.replaceAll(update);
            }
        }
        return removed;
    }

    /** @return how many values the table holds */
    int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                size += stripe.size;
            }
        }
        return size;
    }

    /** A 64-bit finaliser (MurmurHash3's): consecutive keys land far apart, in every bit. */
    static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** One stripe: an open-addressing table kept at most two thirds full. Not thread-safe on its own. */
    static final class Stripe {
        private static final int MIN_CAPACITY = 16;

        private Object[] slots = new Object[MIN_CAPACITY];
        private int size;

        /** @return the value of {@code key}, or null */
        Object get(long key) {
            Object[] table = slots;
            int mask = table.length - 1;
            for (int i = (int) mix(key) & mask;; i = (i + 1) & mask) {
                Object value = table[i];
                if (value == null || keyOf(value) == key) {
                    return value;
                }
            }
        }

        /** Stores {@code value} (which carries {@code key}), replacing the value of that key if any. */
        void put(long key, Object value) {
            int mask = slots.length - 1;
            int i = (int) mix(key) & mask;
            while (slots[i] != null) {
                if (keyOf(slots[i]) == key) {
                    slots[i] = value;
                    return;
                }
                i = (i + 1) & mask;
            }
            slots[i] = value;
            size++;
            if (size * 3L > slots.length * 2L) {
                resize(slots.length * 2);
            }
        }

        /** Removes the value of {@code key}, if any, moving back the values that probed past it. */
        void remove(long key) {
            int mask = slots.length - 1;
            int hole = (int) mix(key) & mask;
            while (true) {
                Object value = slots[hole];
                if (value == null) {
                    return;
                }
                if (keyOf(value) == key) {
                    break;
                }
                hole = (hole + 1) & mask;
            }
            for (int i = (hole + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
                int home = (int) mix(keyOf(slots[i])) & mask;
                if (((i - home) & mask) >= ((i - hole) & mask)) { // its home is not between the hole and it
                    slots[hole] = slots[i];
                    hole = i;
                }
            }
            slots[hole] = null;
            size--;
        }

        private void forEach(Consumer<Object> action) {
            for (Object value : slots) {
                if (value != null) {
                    action.accept(value);
                }
            }
        }

        private int replaceAll(UnaryOperator<Object> update) {
            Object[] old = slots;
            int kept = 0;
            for (int i = 0; i < old.length; i++) {
                if (old[i] != null) {
                    old[i] = update.apply(old[i]);
                    if (old[i] != null) {
                        kept++;
                    }
                }
            }
            int removed = size - kept;
            int capacity = MIN_CAPACITY;
            while (kept * 3L > capacity * 2L) {
                capacity *= 2;
            }
            slots = new Object[capacity];
            size = 0;
            for (Object value : old) {
                if (value != null) {
                    put(keyOf(value), value);
                }
            }
            return removed;
        }

        private void resize(int capacity) {
            Object[] old = slots;
            slots = new Object[capacity];
            size = 0;
            for (Object value : old) {
                if (value != null) {
                    put(keyOf(value), value);
                }
            }
        }
    }
}
