package io.tollgate.signals.velocity;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small int ids for merchant ids and subscription products, so that an attempt stores a few bits
 * rather than text. Ids are kept for the life of the tracker: merchants and their subscription
 * products are a catalogue, bounded by the business rather than by traffic. Past {@code limit}
 * distinct values every new one shares the last id. Thread-safe.
 */
final class Ids {
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final int last;

    /** @param limit how many ids there are, the last one shared by every value past it */
    Ids(int limit) {
        this.last = limit - 1;
    }

    /** @return the id of {@code value}, assigning the next one when it has none */
    int intern(String value) {
        Integer id = ids.get(value);
        if (id != null) {
            return id;
        }
        // stops at the last id rather than counting on: past Integer.MAX_VALUE it would wrap negative
        return ids.computeIfAbsent(value, v -> next.getAndUpdate(n -> n < last ? n + 1 : n));
    }

    /** @return the id of {@code value}, or -1 when it was never interned */
    int find(String value) {
        Integer id = ids.get(value);
        return id == null ? -1 : id;
    }
}
