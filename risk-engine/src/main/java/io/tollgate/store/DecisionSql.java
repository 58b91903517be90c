package io.tollgate.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** The decision writer's SQL and how a journaled row binds to it. Stateless: thread-safe. */
final class DecisionSql {
    static final String INSERT_DECISION = """
            INSERT INTO decision (request_id, fingerprint, decided_at, msisdn, merchant_id, product_id,
                amount_fen, billing_type, charge_kind, pay_mode, device_id, ip, decision, score,
                rule_codes, ruleset_version, hits_json, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    static final String STORED_BEFORE = "SELECT 1 FROM decision WHERE request_id = ?";
    static final String INSERT_CASE = """
            INSERT INTO review_case (request_id, opened_at, status, decision, score, msisdn, device_id,
                merchant_id, ruleset_version, hits_json, snapshot_json)
            VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?)""";

    private DecisionSql() {
    }

    /** Whether the decision log holds a request id, as the statement's connection sees it. */
    static boolean stored(PreparedStatement lookup, String requestId) throws SQLException {
        lookup.setString(1, requestId);
        try (ResultSet found = lookup.executeQuery()) {
            return found.next();
        }
    }

    /** Binds a row and the {@code seq} it is stored under. */
    static void bindDecision(PreparedStatement statement, Journal.Entry row, long seq) throws SQLException {
        statement.setString(1, row.requestId());
        statement.setString(2, row.fingerprint());
        statement.setObject(3, Times.utc(row.decidedAt()));
        statement.setString(4, row.msisdn());
        statement.setString(5, row.merchantId());
        statement.setString(6, row.productId());
        statement.setLong(7, row.amountFen());
        statement.setString(8, row.billingType());
        statement.setString(9, row.chargeKind());
        statement.setString(10, row.payMode());
        setNullable(statement, 11, row.deviceId());
        setNullable(statement, 12, row.ip());
        statement.setString(13, row.decision());
        statement.setInt(14, row.score());
        statement.setString(15, row.ruleCodes());
        statement.setString(16, row.rulesetVersion());
        statement.setString(17, row.hitsJson());
        statement.setLong(18, seq);
    }

    /** A case's columns are its decision's, but for its snapshot. */
    static void bindCase(PreparedStatement statement, Journal.Entry row) throws SQLException {
        statement.setString(1, row.requestId());
        statement.setObject(2, Times.utc(row.decidedAt()));
        statement.setString(3, row.decision());
        statement.setInt(4, row.score());
        statement.setString(5, row.msisdn());
        setNullable(statement, 6, row.deviceId());
        statement.setString(7, row.merchantId());
        statement.setString(8, row.rulesetVersion());
        statement.setString(9, row.hitsJson());
        statement.setString(10, row.snapshotJson());
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
