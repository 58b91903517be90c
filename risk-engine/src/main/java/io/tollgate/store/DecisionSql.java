package io.tollgate.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;

/** The decision writer's SQL and how a journaled row binds to it. Stateless: thread-safe. */
final class DecisionSql {
    /** How many parameters a decision row binds. */
    private static final int DECISION_PARAMETERS = 18;
    /**
     * How many decision rows each of the writer's insert statements ({@link #insertDecisions})
     * inserts, most first. H2 starts, checks and ends a statement once for all its rows, so a batch
     * is inserted by as many of the largest as it fills, then of the next, and its last rows one by one.
     */
    static final int[] ROWS_PER_INSERT = {128, 16, 1};
    static final String STORED_BEFORE = "SELECT 1 FROM decision WHERE request_id = ?";
    static final String INSERT_CASE = """
            INSERT INTO review_case (request_id, opened_at, status, decision, score, msisdn, device_id,
                merchant_id, ruleset_version, hits_json, snapshot_json)
            VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?)""";

    private DecisionSql() {
    }

    /** @return the statement that inserts that many decision rows */
    static String insertDecisions(int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(DECISION_PARAMETERS, "?")) + ")";
        return """
                INSERT INTO decision (request_id, fingerprint, decided_at, msisdn, merchant_id, product_id,
                    amount_fen, billing_type, charge_kind, pay_mode, device_id, ip, decision, score,
                    rule_codes, ruleset_version, hits_json, seq)
                VALUES """ + String.join(", ", Collections.nCopies(rows, row));
    }

    /** Whether the decision log holds a request id, as the statement's connection sees it. */
    static boolean stored(PreparedStatement lookup, String requestId) throws SQLException {
        lookup.setString(1, requestId);
        try (ResultSet found = lookup.executeQuery()) {
            return found.next();
        }
    }

    /**
     * Binds a row and the {@code seq} it is stored under as the {@code place}-th row (from 0) of an
     * {@link #insertDecisions} statement.
     */
    static void bindDecision(PreparedStatement statement, int place, Journal.Entry row, long seq) throws SQLException {
        int at = place * DECISION_PARAMETERS;
        statement.setString(at + 1, row.requestId());
        statement.setString(at + 2, row.fingerprint());
        statement.setObject(at + 3, Times.utc(row.decidedAt()));
        statement.setString(at + 4, row.msisdn());
        statement.setString(at + 5, row.merchantId());
        statement.setString(at + 6, row.productId());
        statement.setLong(at + 7, row.amountFen());
        statement.setString(at + 8, row.billingType());
        statement.setString(at + 9, row.chargeKind());
        statement.setString(at + 10, row.payMode());
        setNullable(statement, at + 11, row.deviceId());
        setNullable(statement, at + 12, row.ip());
        statement.setString(at + 13, row.decision());
        statement.setInt(at + 14, row.score());
        statement.setString(at + 15, row.ruleCodes());
        statement.setString(at + 16, row.rulesetVersion());
        statement.setString(at + 17, row.hitsJson());
        statement.setLong(at + 18, seq);
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
