package io.tollgate.review;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * The H2 trigger that makes {@code audit_entry} append-only: it refuses every UPDATE and DELETE,
 * whoever runs them (see {@code V2__review_console.sql}). Public only because H2 instantiates it by
 * name; not API. Stateless and thread-safe.
 */
public final class AppendOnlyTrigger implements Trigger {
    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit_entry is append-only: entries cannot be changed or deleted", "42000");
    }
}
