package io.tollgate.review;

import io.tollgate.charge.Msisdn;
import io.tollgate.store.Json;
import io.tollgate.store.Times;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Subscribers' contests (申诉) of automated blocks, passed on by customer service or the gateway,
 * so that a person reviews each one. A contest of a BLOCK
 * <ul>
 * <li>opens a review case if the block opened none (most blocks do not): status {@code OPEN}, the
 *     verdict's hits, score and rule-set version from the decision log; the signals the rules saw
 *     were not kept for it, and the case says so;</li>
 * <li>marks the block's existing case as contested; a case already decided {@code CONFIRMED_FRAUD}
 *     is reopened ({@code OPEN}) so a reviewer looks again; {@code OPEN}, {@code ESCALATED} and
 *     {@code FALSE_POSITIVE} (already overturned) keep their status.</li>
 * </ul>
 * The statement is stored with every phone number in it masked, on the case and in the audit trail
 * (action {@code CONTEST}), which is written in the same transaction. A second contest of the same
 * request changes nothing and answers the same case. A reviewer decides a contested case like any other; {@code FALSE_POSITIVE} overturns the
 * block. The blocked charge itself is not sent again: the merchant's next attempt is a new check.
 * One visible side effect: a case now exists for the request, so a retry of its {@code check}
 * answered from the decision log (after a restart) reports {@code caseOpened} true where the first
 * answer said false; decision, score and hits are unchanged. Thread-safe.
 */
public final class Contests {
    /** The longest statement kept. */
    public static final int MAX_STATEMENT = 2000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Consumer<String> awaitLogged;

    /**
     * @param jdbi the database
     * @param clock the clock that stamps contests
     * @param awaitLogged waits until a request id's verdict is in the decision log: a block is
     *     written by group commit, and a contest may follow its check within milliseconds
     */
    public Contests(Jdbi jdbi, Clock clock, Consumer<String> awaitLogged) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.awaitLogged = awaitLogged;
    }

    /**
     * Records a subscriber's contest of a blocked charge.
     *
     * @param requestId the blocked charge's request id
     * @param statement what the subscriber says; stored with every phone number in it masked
     * @param by who passes it on: the API token's or the user's name, for the audit trail
     * @return the case a reviewer will decide, and whether anything changed
     * @throws UnableToContestException for a missing or long statement, an unknown request id, or a
     *     charge that was not blocked
     */
    public ContestOutcome contest(String requestId, String statement, String by) {
        if (statement == null || statement.isBlank()) {
            throw new UnableToContestException(UnableToContestException.Reason.BAD_STATEMENT,
                    "statement: required: what the subscriber says about the charge");
        }
        if (statement.strip().length() > MAX_STATEMENT) {
            throw new UnableToContestException(UnableToContestException.Reason.BAD_STATEMENT,
                    "statement: at most " + MAX_STATEMENT + " characters, got " + statement.strip().length());
        }
        if (by == null || by.isBlank() || by.length() > 64) {
            throw new IllegalArgumentException("by must name who passes the contest on, got '" + by + "'");
        }
        awaitLogged.accept(requestId);
        Instant now = clock.instant();
        try {
            return jdbi.inTransaction(handle -> contest(handle, requestId, statement.strip(), by, now));
        } catch (JdbiException e) {
            // Two first contests of a block without a case: the second insert hits the unique
            // request id. Once more, it finds the case the first one opened.
            return jdbi.inTransaction(handle -> contest(handle, requestId, statement.strip(), by, now));
        }
    }

    private static ContestOutcome contest(Handle handle, String requestId, String statement, String by, Instant now) {
        Optional<Map<String, Object>> decision = handle.createQuery("""
                        SELECT decision, decided_at, msisdn, merchant_id, product_id, amount_fen, billing_type,
                               charge_kind, pay_mode, device_id, ip, score, ruleset_version, hits_json
                        FROM decision WHERE request_id = :requestId""")
                .bind("requestId", requestId)
                .map((rs, ctx) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (String column : new String[] {"decision", "msisdn", "merchant_id", "product_id",
                        "billing_type", "charge_kind", "pay_mode", "device_id", "ip", "ruleset_version", "hits_json"}) {
                        row.put(column, rs.getString(column));
                    }
                    row.put("decided_at", rs.getObject("decided_at", OffsetDateTime.class));
                    row.put("amount_fen", rs.getLong("amount_fen"));
                    row.put("score", rs.getInt("score"));
                    return row;
                })
                .findOne();
        if (decision.isEmpty()) {
            throw new UnableToContestException(UnableToContestException.Reason.UNKNOWN_REQUEST,
                    "request_id: '" + Msisdn.maskAll(requestId) + "' was never checked");
        }
        Map<String, Object> row = decision.get();
        if (!"BLOCK".equals(row.get("decision"))) {
            throw new UnableToContestException(UnableToContestException.Reason.NOT_BLOCKED,
                    "request_id: '" + Msisdn.maskAll(requestId) + "' was " + row.get("decision")
                            + ", not BLOCK: only a blocked charge can be contested");
        }
        Optional<Object[]> existing = handle.createQuery(
                        "SELECT case_id, status, contested_at FROM review_case WHERE request_id = :requestId")
                .bind("requestId", requestId)
                .map((rs, ctx) -> new Object[] {rs.getLong("case_id"), CaseStatus.valueOf(rs.getString("status")),
                        rs.getObject("contested_at")})
                .findOne();
        if (existing.isPresent() && existing.get()[2] != null) {
            return new ContestOutcome((Long) existing.get()[0], (CaseStatus) existing.get()[1], false, false);
        }
        // The statement is kept masked: the case holds the full number already, behind an audited reveal.
        String masked = Msisdn.maskAll(statement);
        if (existing.isEmpty()) {
            long caseId = handle.createUpdate("""
                            INSERT INTO review_case (request_id, opened_at, status, decision, score, msisdn, device_id,
                                merchant_id, ruleset_version, hits_json, snapshot_json, contested_at, contested_by,
                                contest_statement)
                            VALUES (:requestId, :openedAt, 'OPEN', 'BLOCK', :score, :msisdn, :deviceId, :merchantId,
                                :version, :hits, :snapshot, :at, :by, :statement)""")
                    .bind("requestId", requestId)
                    .bind("openedAt", (OffsetDateTime) row.get("decided_at"))
                    .bind("score", (Integer) row.get("score"))
                    .bind("msisdn", (String) row.get("msisdn"))
                    .bind("deviceId", (String) row.get("device_id"))
                    .bind("merchantId", (String) row.get("merchant_id"))
                    .bind("version", (String) row.get("ruleset_version"))
                    .bind("hits", (String) row.get("hits_json"))
                    .bind("snapshot", snapshotOf(requestId, row))
                    .bind("at", Times.utc(now))
                    .bind("by", by)
                    .bind("statement", masked)
                    .executeAndReturnGeneratedKeys("case_id")
                    .mapTo(Long.class)
                    .one();
            AuditTrail.append(handle, now, by, caseId, "CONTEST", null, CaseStatus.OPEN, masked,
                    "the block had no case; the contest opened this one");
            return new ContestOutcome(caseId, CaseStatus.OPEN, true, true);
        }
        long caseId = (Long) existing.get()[0];
        CaseStatus before = (CaseStatus) existing.get()[1];
        CaseStatus after = before == CaseStatus.CONFIRMED_FRAUD ? CaseStatus.OPEN : before;
        int changed = handle.createUpdate("""
                        UPDATE review_case SET status = :after, contested_at = :at, contested_by = :by,
                            contest_statement = :statement
                        WHERE case_id = :caseId AND status = :before AND contested_at IS NULL""")
                .bind("after", after.name()).bind("at", Times.utc(now)).bind("by", by).bind("statement", masked)
                .bind("caseId", caseId).bind("before", before.name())
                .execute();
        if (changed != 1) {
            throw new IllegalStateException("case " + caseId + " changed meanwhile");
        }
        AuditTrail.append(handle, now, by, caseId, "CONTEST", before, after, masked,
                after != before ? "reopened for review" : null);
        return new ContestOutcome(caseId, after, true, false);
    }

    /** What the case of a block without one can show: the charge, number masked; the signals were not kept. */
    private static String snapshotOf(String requestId, Map<String, Object> row) {
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("requestId", requestId);
        charge.put("msisdn", Msisdn.mask((String) row.get("msisdn")));
        charge.put("merchantId", row.get("merchant_id"));
        charge.put("productId", row.get("product_id"));
        charge.put("amountFen", row.get("amount_fen"));
        charge.put("billingType", row.get("billing_type"));
        charge.put("chargeKind", row.get("charge_kind"));
        charge.put("payMode", row.get("pay_mode"));
        charge.put("deviceId", row.get("device_id"));
        charge.put("ip", row.get("ip"));
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("charge", charge);
        snapshot.put("notCaptured", "this block opened no case when it was decided, so the signals the rules "
                + "saw were not kept; the hits and the score are the verdict's");
        return Json.write(snapshot);
    }
}
