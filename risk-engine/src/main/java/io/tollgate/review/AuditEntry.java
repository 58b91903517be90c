package io.tollgate.review;

import java.time.Instant;

/**
 * One entry of the audit trail: who did what, when, to which case. Immutable.
 *
 * @param id the entry's id, increasing
 * @param at when it was done
 * @param actor the user who did it
 * @param caseId the case it concerns, or {@code null}
 * @param action what was done, e.g. {@code DECIDE}
 * @param statusBefore the case's status before, or {@code null}
 * @param statusAfter the case's status after, or {@code null}
 * @param note the actor's note, or {@code null}
 * @param detail what else happened, e.g. the list entries added (numbers masked), or {@code null}
 */
public record AuditEntry(
        long id, Instant at, String actor, Long caseId, String action, CaseStatus statusBefore,
        CaseStatus statusAfter, String note, String detail) {
}
