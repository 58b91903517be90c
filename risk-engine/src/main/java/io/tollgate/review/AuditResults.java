package io.tollgate.review;

import java.util.List;

/**
 * One page of an audit trail search. Immutable.
 *
 * @param entries the entries of the page, newest first
 * @param total how many entries match the search in all
 */
public record AuditResults(List<AuditEntry> entries, long total) {
    /** Copies the entries. */
    public AuditResults {
        entries = List.copyOf(entries);
    }
}
