package io.tollgate.rules;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Where {@link RuleSet} keeps its idle sessions between evaluations: a fixed row of slots, each
 * taken or filled with one compare-and-set, so handing a session over allocates nothing. Slots are
 * searched from the first, so with few threads the same few sessions (warm in the cache) serve
 * every evaluation. Thread-safe (lock-free).
 *
 * @param <T> what is kept
 */
final class SessionShelf<T> {
    private final AtomicReferenceArray<T> slots;

    /** @param capacity how many may be kept at once */
    SessionShelf(int capacity) {
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /** @return a kept one, no longer kept; null when none is */
    T take() {
        for (int i = 0; i < slots.length(); i++) {
            T kept = slots.getPlain(i);
            if (kept != null && slots.compareAndSet(i, kept, null)) {
                return kept;
            }
        }
        return null;
    }

    /**
     * Keeps one for a later {@link #take}.
     *
     * @return false when every slot is full: the caller keeps it (disposes of it)
     */
    boolean put(T value) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.getPlain(i) == null && slots.compareAndSet(i, null, value)) {
                return true;
            }
        }
        return false;
    }
}
