package io.tollgate.signals.lists;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Where list entries are kept. Implementations are thread-safe. */
public interface ListStore {
    /** @return every entry, active or not, for one kind and value */
    List<ListEntry> find(ListKind kind, String value);

    /** @return every entry, active or not */
    List<ListEntry> all();

    /** Adds entries in one transaction; an entry equal in kind, value, source and added_at replaces the stored one. */
    void addAll(Collection<ListEntry> entries);

    /**
     * Marks the entries for a kind and value as removed at an instant.
     *
     * @return how many entries were active and are now removed
     */
    int remove(ListKind kind, String value, Instant at);
}
