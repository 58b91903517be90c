package io.tollgate.review;

import io.tollgate.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the append-only audit trail. Entries are written only by the actions that make them
 * ({@link CaseDecisions}), inside their own transaction; there is no way here to change or delete
 * one, and the database refuses it too. Thread-safe.
 */
public final class AuditTrail {
    private final Jdbi jdbi;

    /** @param jdbi the database */
    public AuditTrail(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param caseId a case
     * @return every entry about the case, oldest first
     */
    public List<AuditEntry> ofCase(long caseId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM audit_entry WHERE case_id = :caseId ORDER BY id")
                .bind("caseId", caseId)
                .map((rs, ctx) -> entryOf(rs))
                .list());
    }

    static void append(Handle handle, Instant at, String actor, Long caseId, String action,
            CaseStatus before, CaseStatus after, String note, String detail) {
        handle.createUpdate("""
                        INSERT INTO audit_entry (at, actor, case_id, action, status_before, status_after, note, detail)
                        VALUES (:at, :actor, :caseId, :action, :before, :after, :note, :detail)""")
                .bind("at", Times.utc(at))
                .bind("actor", actor)
                .bind("caseId", caseId)
                .bind("action", action)
                .bind("before", before == null ? null : before.name())
                .bind("after", after == null ? null : after.name())
                .bind("note", note)
                .bind("detail", detail)
                .execute();
    }

    private static AuditEntry entryOf(ResultSet rs) throws SQLException {
        long caseId = rs.getLong("case_id");
        Long nullableCase = rs.wasNull() ? null : caseId;
        String before = rs.getString("status_before");
        String after = rs.getString("status_after");
        return new AuditEntry(rs.getLong("id"), Times.instant(rs.getObject("at", OffsetDateTime.class)),
                rs.getString("actor"), nullableCase, rs.getString("action"),
                before == null ? null : CaseStatus.valueOf(before), after == null ? null : CaseStatus.valueOf(after),
                rs.getString("note"), rs.getString("detail"));
    }
}
