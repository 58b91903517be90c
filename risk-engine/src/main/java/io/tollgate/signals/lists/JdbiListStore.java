package io.tollgate.signals.lists;

import io.tollgate.store.Times;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** {@link ListStore} on SQL through Jdbi. Thread-safe. */
public final class JdbiListStore implements ListStore {
    private final Jdbi jdbi;

    /** @param jdbi the database */
    public JdbiListStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static final String COLUMNS = "kind, entry_value, source, reason, added_at, expires_at, removed_at";

    @Override
    public List<ListEntry> find(ListKind kind, String value) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM list_entry WHERE kind = :kind AND entry_value = :value")
                .bind("kind", kind.name())
                .bind("value", value)
                .map(JdbiListStore::entryOf)
                .list());
    }

    @Override
    public List<ListEntry> all() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM list_entry ORDER BY id")
                .map(JdbiListStore::entryOf)
                .list());
    }

    private static ListEntry entryOf(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new ListEntry(
                        ListKind.valueOf(rs.getString("kind")),
                        rs.getString("entry_value"),
                        ListSource.valueOf(rs.getString("source")),
                        rs.getString("reason"),
                        Times.instant(rs.getObject("added_at", OffsetDateTime.class)),
                        Times.instant(rs.getObject("expires_at", OffsetDateTime.class)),
                        Times.instant(rs.getObject("removed_at", OffsetDateTime.class)));
    }

    @Override
    public void addAll(Collection<ListEntry> entries) {
        jdbi.useTransaction(handle -> {
            // The same entry imported twice is stored once.
            var delete = handle.prepareBatch("""
                    DELETE FROM list_entry
                    WHERE kind = :kind AND entry_value = :value AND source = :source AND added_at = :addedAt""");
            var batch = handle.prepareBatch("""
                    INSERT INTO list_entry (kind, entry_value, source, reason, added_at, expires_at, removed_at)
                    VALUES (:kind, :value, :source, :reason, :addedAt, :expiresAt, :removedAt)""");
            for (ListEntry entry : entries) {
                delete.bind("kind", entry.kind().name()).bind("value", entry.value())
                        .bind("source", entry.source().name()).bind("addedAt", Times.utc(entry.addedAt())).add();
                batch.bind("kind", entry.kind().name())
                        .bind("value", entry.value())
                        .bind("source", entry.source().name())
                        .bind("reason", entry.reason())
                        .bind("addedAt", Times.utc(entry.addedAt()))
                        .bind("expiresAt", Times.utc(entry.expiresAt()))
                        .bind("removedAt", Times.utc(entry.removedAt()))
                        .add();
            }
            if (!entries.isEmpty()) {
                delete.execute();
                batch.execute();
            }
        });
    }

    @Override
    public int remove(ListKind kind, String value, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE list_entry SET removed_at = :at
                        WHERE kind = :kind AND entry_value = :value AND removed_at IS NULL
                          AND added_at <= :at AND (expires_at IS NULL OR expires_at > :at)""")
                .bind("kind", kind.name())
                .bind("value", value)
                .bind("at", Times.utc(at))
                .execute());
    }
}
