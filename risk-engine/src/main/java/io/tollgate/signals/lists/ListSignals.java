package io.tollgate.signals.lists;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.facts.ListHits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@link ListHits} for a charge as of an instant. The whole list lives in memory as an
 * immutable index, reloaded from the store after every write through this class: lists are small
 * and written rarely, and a check must not wait for a database read. Thread-safe: checks read the
 * current index without locking; writes are serialised.
 */
public final class ListSignals {
    private static final int SHORTEST_PREFIX = 3;
    private static final int LONGEST_PREFIX = 10;

    private final ListStore store;
    private volatile Index index;

    private record Key(ListKind kind, String value) {
    }

    /**
     * The entries by kind and value, and the lengths of the listed prefixes as bits: a check looks
     * up only the prefix lengths some entry has (eight lookups when every length is listed, none
     * when no prefix is).
     */
    private record Index(Map<Key, List<ListEntry>> entries, int prefixLengths) {
        boolean hasPrefixOfLength(int length) {
            return (prefixLengths & (1 << length)) != 0;
        }
    }

    /** @param store where entries are kept; read in full now */
    public ListSignals(ListStore store) {
        this.store = store;
        this.index = load(store);
    }

    /**
     * @param charge the charge being checked
     * @param now the instant the lists are read as of
     * @return which of its number, segment, device and IP are listed then
     */
    public ListHits lookUp(ChargeRequest charge, Instant now) {
        Index listed = index;
        Map<Key, List<ListEntry>> current = listed.entries();
        if (current.isEmpty()) {
            return ListHits.NONE;
        }
        List<String> matched = new ArrayList<>(0);
        String digits = charge.msisdn().digits();
        boolean msisdn = matches(current, ListKind.MSISDN, digits, now, matched);
        boolean prefix = false;
        for (int length = SHORTEST_PREFIX; length <= LONGEST_PREFIX; length++) {
            prefix |= listed.hasPrefixOfLength(length)
                    && matches(current, ListKind.MSISDN_PREFIX, digits.substring(0, length), now, matched);
        }
        boolean device = charge.deviceId() != null && matches(current, ListKind.DEVICE, charge.deviceId(), now, matched);
        boolean ip = charge.ip() != null && matches(current, ListKind.IP, charge.ip(), now, matched);
        if (matched.isEmpty()) {
            return ListHits.NONE;
        }
        return new ListHits(msisdn, prefix, device, ip, matched);
    }

    /** Adds entries, visible to the very next check. */
    public synchronized void addAll(Collection<ListEntry> entries) {
        try {
            store.addAll(entries);
        } finally {
            index = load(store);
        }
    }

    /**
     * Takes a value off the list from an instant on.
     *
     * @return how many active entries were removed
     */
    public synchronized int remove(ListKind kind, String value, Instant at) {
        try {
            return store.remove(kind, ListEntry.normalise(kind, value), at);
        } finally {
            index = load(store);
        }
    }

    private static Index load(ListStore store) {
        Map<Key, List<ListEntry>> byKey = new HashMap<>();
        int prefixLengths = 0;
        for (ListEntry entry : store.all()) {
            byKey.computeIfAbsent(new Key(entry.kind(), entry.value()), key -> new ArrayList<>(1)).add(entry);
            if (entry.kind() == ListKind.MSISDN_PREFIX && entry.value().length() < Integer.SIZE) {
                prefixLengths |= 1 << entry.value().length();
            }
        }
        byKey.replaceAll((key, entries) -> List.copyOf(entries));
        return new Index(Map.copyOf(byKey), prefixLengths);
    }

    private static boolean matches(Map<Key, List<ListEntry>> index, ListKind kind, String value, Instant now,
            List<String> matched) {
        List<ListEntry> entries = index.get(new Key(kind, value));
        if (entries == null) {
            return false;
        }
        boolean any = false;
        for (ListEntry entry : entries) {
            if (entry.activeAt(now)) {
                matched.add(entry.describe());
                any = true;
            }
        }
        return any;
    }
}
