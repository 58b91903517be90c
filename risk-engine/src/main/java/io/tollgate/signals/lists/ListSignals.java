package io.tollgate.signals.lists;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.facts.ListHits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
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

    /**
     * The entries by kind, then by value (a lookup builds no key), and the lengths of the listed
     * prefixes as bits: a check looks up only the prefix lengths some entry has (eight lookups when
     * every length is listed, none when no prefix is).
     */
    private record Index(Map<ListKind, Map<String, List<ListEntry>>> entries, int prefixLengths) {
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
        Map<ListKind, Map<String, List<ListEntry>>> current = listed.entries();
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
        Map<ListKind, Map<String, List<ListEntry>>> byKind = new EnumMap<>(ListKind.class);
        int prefixLengths = 0;
        for (ListEntry entry : store.all()) {
            byKind.computeIfAbsent(entry.kind(), kind -> new HashMap<>())
                    .computeIfAbsent(entry.value(), value -> new ArrayList<>(1)).add(entry);
            if (entry.kind() == ListKind.MSISDN_PREFIX && entry.value().length() < Integer.SIZE) {
                prefixLengths |= 1 << entry.value().length();
            }
        }
        byKind.replaceAll((kind, byValue) -> {
            byValue.replaceAll((value, entries) -> List.copyOf(entries));
            return Map.copyOf(byValue);
        });
        return new Index(byKind, prefixLengths);
    }

    private static boolean matches(Map<ListKind, Map<String, List<ListEntry>>> index, ListKind kind, String value,
            Instant now, List<String> matched) {
        Map<String, List<ListEntry>> byValue = index.get(kind);
        List<ListEntry> entries = byValue == null ? null : byValue.get(value);
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
