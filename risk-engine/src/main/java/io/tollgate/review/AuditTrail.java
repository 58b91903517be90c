package io.tollgate.review;

import io.tollgate.charge.Msisdn;
import io.tollgate.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the append-only audit trail. Entries are written only by the actions that make them
 * ({@link CaseDecisions}, {@link ApiTokens}, {@link Users}), inside their own transaction; there is
 * no way here to change or delete one, and the database refuses it too. Notes and details are stored
 * with every phone number masked, so neither reading nor searching the trail can tell a hidden digit.
 * Thread-safe.
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

    /**
     * Searches the trail, newest entry first (by id: the order they were written in).
     *
     * @param query the filters and the page
     * @return the page of entries and how many match in all
     */
    public AuditResults search(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        if (query.actor() != null) {
            conditions.add("actor = :actor");
            binds.put("actor", query.actor());
        }
        if (query.action() != null) {
            conditions.add("action = :action");
            binds.put("action", query.action());
        }
        if (query.caseId() != null) {
            conditions.add("case_id = :caseId");
            binds.put("caseId", query.caseId());
        }
        if (query.from() != null) {
            conditions.add("at >= :from");
            binds.put("from", Times.utc(query.from()));
        }
        if (query.until() != null) {
            conditions.add("at < :until");
            binds.put("until", Times.utc(query.until()));
        }
        if (query.text() != null) {
            conditions.add("(LOWER(note) LIKE :text ESCAPE '!' OR LOWER(detail) LIKE :text ESCAPE '!')");
            binds.put("text", "%" + query.text().toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbi.withHandle(handle -> {
            long total = handle.createQuery("SELECT COUNT(*) FROM audit_entry" + where)
                    .bindMap(binds).mapTo(Long.class).one();
            List<AuditEntry> entries = handle.createQuery(
                            "SELECT * FROM audit_entry" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                    .bindMap(binds).bind("limit", query.limit()).bind("offset", query.offset())
                    .map((rs, ctx) -> entryOf(rs))
                    .list();
            return new AuditResults(entries, total);
        });
    }

    /** @return every action the trail holds an entry of, sorted, e.g. for a search form's choices */
    public List<String> actions() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT DISTINCT action FROM audit_entry ORDER BY action")
                .mapTo(String.class).list());
    }

    /**
     * Writes an entry. Every phone number in the note and the detail is masked before it is stored
     * ({@link #masked}): the trail is read and searched by every role, and a case keeps its full
     * number, shown only through an audited reveal.
     */
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
                .bind("note", masked(note))
                .bind("detail", masked(detail))
                .execute();
    }

    /**
     * @param text free text a person or the system wrote, or {@code null}
     * @return the text as the trail stores it: every phone number masked, in any way it was written
     */
    static String masked(String text) {
        return text == null ? null : Msisdn.maskAll(text);
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
