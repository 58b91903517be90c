package io.tollgate.signals.lists;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.facts.ListHits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Computes {@link ListHits} for a charge as of an instant. Entries are cached per kind and value
 * (also when there are none) and the cache is invalidated on every write through this class.
 * Thread-safe.
 */
public final class ListSignals {
    private static final int SHORTEST_PREFIX = 3;
    private static final int LONGEST_PREFIX = 10;

    private final ListStore store;
    private final LoadingCache<Key, List<ListEntry>> cache;

    private record Key(ListKind kind, String value) {
    }

    /**
     * @param store where entries are kept
     * @param cacheSize how many kind/value pairs to keep in memory
     */
    public ListSignals(ListStore store, long cacheSize) {
        this.store = store;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize)
                .build(key -> List.copyOf(store.find(key.kind(), key.value())));
    }

    /**
     * @param charge the charge being checked
     * @param now the instant the lists are read as of
     * @return which of its number, segment, device and IP are listed then
     */
    public ListHits lookUp(ChargeRequest charge, Instant now) {
        List<String> matched = new ArrayList<>(0);
        String digits = charge.msisdn().digits();
        boolean msisdn = matches(ListKind.MSISDN, digits, now, matched);
        boolean prefix = false;
        for (int length = SHORTEST_PREFIX; length <= LONGEST_PREFIX; length++) {
            prefix |= matches(ListKind.MSISDN_PREFIX, digits.substring(0, length), now, matched);
        }
        boolean device = charge.deviceId() != null && matches(ListKind.DEVICE, charge.deviceId(), now, matched);
        boolean ip = charge.ip() != null && matches(ListKind.IP, charge.ip(), now, matched);
        if (matched.isEmpty()) {
            return ListHits.NONE;
        }
        return new ListHits(msisdn, prefix, device, ip, matched);
    }

    /** Adds entries, visible to the very next check. */
    public void addAll(Collection<ListEntry> entries) {
        try {
            store.addAll(entries);
        } finally {
            entries.forEach(entry -> cache.invalidate(new Key(entry.kind(), entry.value())));
        }
    }

    /**
     * Takes a value off the list from an instant on.
     *
     * @return how many active entries were removed
     */
    public int remove(ListKind kind, String value, Instant at) {
        String normalised = ListEntry.normalise(kind, value);
        try {
            return store.remove(kind, normalised, at);
        } finally {
            cache.invalidate(new Key(kind, normalised));
        }
    }

    private boolean matches(ListKind kind, String value, Instant now, List<String> matched) {
        boolean any = false;
        for (ListEntry entry : cache.get(new Key(kind, value))) {
            if (entry.activeAt(now)) {
                matched.add(entry.describe());
                any = true;
            }
        }
        return any;
    }
}
