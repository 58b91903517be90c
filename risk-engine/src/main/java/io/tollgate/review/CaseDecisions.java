package io.tollgate.review;

import io.tollgate.charge.Msisdn;
import io.tollgate.signals.lists.ListEntry;
import io.tollgate.signals.lists.ListKind;
import io.tollgate.signals.lists.ListSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Decides review cases: confirm fraud, mark a false positive, escalate. Each decision names its
 * user, needs a note, and writes the case's new status and its audit entry in one transaction; a
 * case that changed meanwhile is refused rather than overwritten. Thread-safe.
 *
 * <p>Confirming fraud can also blacklist the case's number and/or device ({@link ListSource#COMPLIANCE})
 * through the engine's outcome API, so the very next check sees it. The list entries are added right
 * after the decision commits: a crash in between leaves the decision (and its audit entry, which
 * names the entries asked for) without them, never a list entry without its decision.
 *
 * <p>Marking a false positive can, the same way, take the case's number off the blacklist (every
 * active {@code MSISDN} entry of it, whatever its source), e.g. when a contested block came from a
 * list hit: otherwise the number's next charge would be blocked again.
 */
public final class CaseDecisions {
    /** What a decision can set. */
    private static final List<CaseStatus> DECISIONS =
            List.of(CaseStatus.CONFIRMED_FRAUD, CaseStatus.FALSE_POSITIVE, CaseStatus.ESCALATED);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Users users;
    private final Consumer<ListEntry> blacklist;
    private final BiFunction<ListKind, String, Integer> unlist;

    /**
     * @param jdbi the database
     * @param clock the clock that stamps decisions and list entries
     * @param users who may decide
     * @param blacklist adds a list entry so the next check sees it, e.g. {@code engine::addListEntry}
     * @param unlist takes a value off the list from now on, e.g. {@code engine::removeListEntry}
     */
    public CaseDecisions(Jdbi jdbi, Clock clock, Users users, Consumer<ListEntry> blacklist,
            BiFunction<ListKind, String, Integer> unlist) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.users = users;
        this.blacklist = blacklist;
        this.unlist = unlist;
    }

    /**
     * Decides a case that is {@code OPEN} or {@code ESCALATED}, with no change to the lists but the
     * blacklisting asked for. See {@link #decide(long, CaseStatus, String, String, boolean, boolean, boolean)}.
     */
    public AuditEntry decide(long caseId, CaseStatus status, String note, String actor,
            boolean blacklistNumber, boolean blacklistDevice) {
        return decide(caseId, status, note, actor, blacklistNumber, blacklistDevice, false);
    }

    /**
     * Decides a case that is {@code OPEN} or {@code ESCALATED}.
     *
     * @param caseId the case
     * @param status {@code CONFIRMED_FRAUD}, {@code FALSE_POSITIVE} or {@code ESCALATED}
     * @param note why, for the record; required; stored with every phone number in it masked
     * @param actor the deciding user, who must have a role that decides cases
     * @param blacklistNumber on {@code CONFIRMED_FRAUD}: also blacklist the case's number
     * @param blacklistDevice on {@code CONFIRMED_FRAUD}: also blacklist the case's device
     * @param unlistNumber on {@code FALSE_POSITIVE}: also take the case's number off the blacklist
     * @return the audit entry written
     * @throws UnableToDecideException for an unknown case or user, a role that may not decide, a
     *     missing note, a status that is not a decision, a case already decided, or a blacklist
     *     request that does not fit
     */
    public AuditEntry decide(long caseId, CaseStatus status, String note, String actor,
            boolean blacklistNumber, boolean blacklistDevice, boolean unlistNumber) {
        if (status == null || !DECISIONS.contains(status)) {
            throw new UnableToDecideException("status must be one of " + DECISIONS + ", got " + status);
        }
        if (note == null || note.isBlank()) {
            throw new UnableToDecideException("a note is required: say why");
        }
        Role role = users.roleOf(actor)
                .orElseThrow(() -> new UnableToDecideException("no user '" + actor + "'"));
        if (!role.decidesCases()) {
            throw new UnableToDecideException("user '" + actor + "' is " + role + " and may not decide cases");
        }
        if ((blacklistNumber || blacklistDevice) && status != CaseStatus.CONFIRMED_FRAUD) {
            throw new UnableToDecideException("only a confirmed fraud can blacklist its number or device");
        }
        if (unlistNumber && status != CaseStatus.FALSE_POSITIVE) {
            throw new UnableToDecideException("only a false positive can take its number off the blacklist");
        }
        Instant now = clock.instant();
        String trimmedNote = note.strip();
        List<ListEntry> entries = new ArrayList<>();
        String[] unlisted = new String[1];
        AuditEntry entry = jdbi.inTransaction(handle -> {
            Optional<String[]> row = handle.createQuery(
                            "SELECT status, msisdn, device_id FROM review_case WHERE case_id = :caseId")
                    .bind("caseId", caseId)
                    .map((rs, ctx) -> new String[] {rs.getString("status"), rs.getString("msisdn"),
                            rs.getString("device_id")})
                    .findOne();
            if (row.isEmpty()) {
                throw new UnableToDecideException("no case " + caseId);
            }
            CaseStatus before = CaseStatus.valueOf(row.get()[0]);
            if (before != CaseStatus.OPEN && before != CaseStatus.ESCALATED) {
                throw new UnableToDecideException("case " + caseId + " is " + before + " already");
            }
            if (before == status) {
                throw new UnableToDecideException("case " + caseId + " is " + before + " already");
            }
            String reason = "review case " + caseId + " confirmed fraud by " + actor;
            if (blacklistNumber) {
                entries.add(new ListEntry(ListKind.MSISDN, row.get()[1], ListSource.COMPLIANCE, reason, now, null, null));
            }
            if (blacklistDevice) {
                if (row.get()[2] == null) {
                    throw new UnableToDecideException("case " + caseId + " has no device to blacklist");
                }
                entries.add(new ListEntry(ListKind.DEVICE, row.get()[2], ListSource.COMPLIANCE, reason, now, null, null));
            }
            int changed = handle.createUpdate(
                            "UPDATE review_case SET status = :after WHERE case_id = :caseId AND status = :before")
                    .bind("after", status.name()).bind("caseId", caseId).bind("before", before.name())
                    .execute();
            if (changed != 1) {
                throw new UnableToDecideException("case " + caseId + " changed meanwhile; look again");
            }
            String detail = entries.isEmpty() ? null : "blacklisted: "
                    + String.join("; ", entries.stream().map(ListEntry::describe).toList());
            if (unlistNumber) {
                unlisted[0] = row.get()[1];
                detail = "taken off the blacklist: MSISDN " + Msisdn.mask(unlisted[0]);
            }
            AuditTrail.append(handle, now, actor, caseId, "DECIDE", before, status, trimmedNote, detail);
            long id = handle.createQuery("SELECT MAX(id) FROM audit_entry WHERE case_id = :caseId")
                    .bind("caseId", caseId).mapTo(Long.class).one();
            return new AuditEntry(id, now, actor, caseId, "DECIDE", before, status, AuditTrail.masked(trimmedNote),
                    AuditTrail.masked(detail));
        });
        entries.forEach(blacklist);
        if (unlisted[0] != null) {
            unlist.apply(ListKind.MSISDN, unlisted[0]);
        }
        return entry;
    }

    /**
     * Reveals a case's full number to a user allowed to see it, and writes that to the audit trail
     * first: no one sees a full number without a record of who, when and why.
     *
     * @param caseId the case
     * @param note why the full number is needed; required; stored with every phone number in it masked
     * @param actor the user, who must be a REVIEWER or an ADMIN
     * @return the full 11-digit number
     * @throws UnableToDecideException for an unknown case or user, a role that may not see numbers, or no note
     */
    public String revealNumber(long caseId, String note, String actor) {
        if (note == null || note.isBlank()) {
            throw new UnableToDecideException("a note is required: say why the full number is needed");
        }
        Role role = users.roleOf(actor)
                .orElseThrow(() -> new UnableToDecideException("no user '" + actor + "'"));
        if (!role.revealsNumbers()) {
            throw new UnableToDecideException("user '" + actor + "' is " + role + " and may not see full numbers");
        }
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            Optional<String[]> row = handle.createQuery("SELECT status, msisdn FROM review_case WHERE case_id = :caseId")
                    .bind("caseId", caseId)
                    .map((rs, ctx) -> new String[] {rs.getString("status"), rs.getString("msisdn")})
                    .findOne();
            if (row.isEmpty()) {
                throw new UnableToDecideException("no case " + caseId);
            }
            CaseStatus status = CaseStatus.valueOf(row.get()[0]);
            AuditTrail.append(handle, now, actor, caseId, "REVEAL_NUMBER", status, status, note.strip(), null);
            return row.get()[1];
        });
    }
}
