package io.tollgate.store;

import io.tollgate.charge.Msisdn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema version 13: masks every phone number in the free text stored before Tollgate masked it on
 * the way in — audit notes and details, and contest statements. Every role reads and searches the
 * audit trail, and a search for a few digits at a time could recover a number a reviewer had typed
 * into a note; the case itself keeps its full number, shown only through an audited reveal. The
 * trail is append-only: its trigger is dropped for the rewrite and created again, so the rewrite is
 * the one change of it Tollgate ever makes. In Java rather than SQL so that it masks exactly as
 * {@link Msisdn#maskAll} does. Stateless.
 */
final class MaskNumbersMigration implements JavaMigration {
    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("13");
    }

    @Override
    public String getDescription() {
        return "mask numbers in free text";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER IF EXISTS audit_entry_append_only");
        }
        mask(connection, "audit_entry", "id", "note");
        mask(connection, "audit_entry", "id", "detail");
        mask(connection, "review_case", "case_id", "contest_statement");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER IF NOT EXISTS audit_entry_append_only"
                    + " BEFORE UPDATE, DELETE ON audit_entry FOR EACH ROW CALL 'io.tollgate.review.AppendOnlyTrigger'");
        }
    }

    /** Rewrites the rows whose text holds a number, one at a time; the rest are left as they are. */
    private static void mask(Connection connection, String table, String key, String column) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(
                        "SELECT " + key + ", " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + table + " SET " + column + " = ? WHERE " + key + " = ?")) {
            while (rows.next()) {
                String text = rows.getString(2);
                String masked = Msisdn.maskAll(text);
                if (!masked.equals(text)) {
                    update.setString(1, masked);
                    update.setLong(2, rows.getLong(1));
                    update.executeUpdate();
                }
            }
        }
    }
}
