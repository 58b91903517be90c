package io.tollgate.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.signals.velocity.Attempt;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** {@link DecisionLog} on SQL through Jdbi. Thread-safe. */
public final class JdbiDecisionLog implements DecisionLog {
    private static final TypeReference<List<RuleHit>> HITS = new TypeReference<>() {
    };
    private static final String ATTEMPT_COLUMNS = """
            request_id, msisdn, merchant_id, product_id, device_id, ip, amount_fen, billing_type, decided_at,
            decision, carrier_result""";
    /** The decisions of one hour, read from its {@code seq} range, in time order. */
    static final String ATTEMPTS_IN_HOUR = "SELECT " + ATTEMPT_COLUMNS
            + " FROM decision WHERE seq BETWEEN :first AND :last"
            + " AND decided_at >= :hourStart AND decided_at < :hourEnd AND decided_at >= :since"
            + " ORDER BY decided_at, seq";

    private final Jdbi jdbi;
    private final DecisionSequence sequence;

    /** @param database the database; its {@code seq} numbers are shared with its {@link DecisionWriter} */
    public JdbiDecisionLog(Database database) {
        this.jdbi = database.jdbi();
        this.sequence = database.decisionSequence();
    }

    @Override
    public boolean record(ChargeRequest request, String fingerprint, RiskVerdict verdict, String snapshotJson) {
        try {
            return jdbi.inTransaction(handle -> {
                String hitsJson = HitsJson.write(verdict.hits());
                long seq = sequence.next();
                int inserted = handle.createUpdate("""
                                INSERT INTO decision (seq, request_id, fingerprint, decided_at, msisdn, merchant_id,
                                    product_id, amount_fen, billing_type, charge_kind, pay_mode, device_id, ip, decision,
                                    score, rule_codes, ruleset_version, hits_json)
                                SELECT :seq, :requestId, :fingerprint, :decidedAt, :msisdn, :merchantId, :productId,
                                    :amountFen, :billingType, :chargeKind, :payMode, :deviceId, :ip, :decision, :score,
                                    :ruleCodes, :version, :hits
                                WHERE NOT EXISTS (SELECT 1 FROM decision WHERE request_id = :requestId)""")
                        .bind("seq", seq)
                        .bind("requestId", request.requestId())
                        .bind("fingerprint", fingerprint)
                        .bind("decidedAt", Times.utc(verdict.decidedAt()))
                        .bind("msisdn", request.msisdn().digits())
                        .bind("merchantId", request.merchantId())
                        .bind("productId", request.productId())
                        .bind("amountFen", request.amountFen())
                        .bind("billingType", request.billingType().name())
                        .bind("chargeKind", request.chargeKind().name())
                        .bind("payMode", request.payMode().name())
                        .bind("deviceId", request.deviceId())
                        .bind("ip", request.ip())
                        .bind("decision", verdict.decision().name())
                        .bind("score", verdict.score())
                        .bind("ruleCodes", verdict.ruleCodes())
                        .bind("version", verdict.rulesetVersion())
                        .bind("hits", hitsJson)
                        .execute();
                if (inserted == 0) {
                    return false;
                }
                DecisionHours hours = new DecisionHours();
                hours.add(verdict.decidedAt(), seq);
                try (PreparedStatement widen = handle.getConnection().prepareStatement(DecisionHours.WIDEN)) {
                    hours.widen(widen);
                }
                if (snapshotJson != null) {
                    insertCase(handle, request, verdict, hitsJson, snapshotJson);
                }
                return true;
            });
        } catch (JdbiException | SQLException e) {
            if (find(request.requestId()).isPresent()) {
                return false; // a concurrent writer (another engine on this file) stored it first
            }
            throw new UnableToRecordException("cannot record the verdict of request " + request.requestId(), e);
        }
    }

    private static void insertCase(Handle handle, ChargeRequest request, RiskVerdict verdict, String hitsJson,
            String snapshotJson) {
        handle.createUpdate("""
                        INSERT INTO review_case (request_id, opened_at, status, decision, score, msisdn, device_id,
                            merchant_id, ruleset_version, hits_json, snapshot_json)
                        VALUES (:requestId, :openedAt, 'OPEN', :decision, :score, :msisdn, :deviceId, :merchantId,
                            :version, :hits, :snapshot)""")
                .bind("requestId", request.requestId())
                .bind("openedAt", Times.utc(verdict.decidedAt()))
                .bind("decision", verdict.decision().name())
                .bind("score", verdict.score())
                .bind("msisdn", request.msisdn().digits())
                .bind("deviceId", request.deviceId())
                .bind("merchantId", request.merchantId())
                .bind("version", verdict.rulesetVersion())
                .bind("hits", hitsJson)
                .bind("snapshot", snapshotJson)
                .execute();
    }

    @Override
    public Optional<Stored> find(String requestId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT d.request_id, d.fingerprint, d.decision, d.score, d.hits_json, d.ruleset_version,
                               d.decided_at, c.case_id
                        FROM decision d LEFT JOIN review_case c ON c.request_id = d.request_id
                        WHERE d.request_id = :requestId""")
                .bind("requestId", requestId)
                .map((rs, ctx) -> new Stored(rs.getString("fingerprint"), new RiskVerdict(
                        rs.getString("request_id"),
                        Decision.valueOf(rs.getString("decision")),
                        rs.getInt("score"),
                        Json.read(rs.getString("hits_json"), HITS),
                        rs.getString("ruleset_version"),
                        Times.instant(rs.getObject("decided_at", OffsetDateTime.class)),
                        rs.getObject("case_id") != null)))
                .findOne());
    }

    @Override
    public Optional<Attempt> attempt(String requestId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + ATTEMPT_COLUMNS + " FROM decision WHERE request_id = :requestId")
                .bind("requestId", requestId)
                .map((rs, ctx) -> attemptOf(rs))
                .findOne());
    }

    /**
     * Reads hour by hour, from the hour of {@code since}: each hour's {@code seq} range from
     * {@code decision_hour} (a range of the primary key), sorted by time within the hour.
     */
    @Override
    public void attemptsSince(Instant since, Consumer<Attempt> consumer) {
        jdbi.useHandle(handle -> {
            List<SeqRange> hours = handle.createQuery(
                            "SELECT hour_no, first_seq, last_seq FROM decision_hour WHERE hour_no >= :hour ORDER BY hour_no")
                    .bind("hour", DecisionHours.hourOf(since))
                    .map((rs, ctx) -> new SeqRange(rs.getLong("hour_no"), rs.getLong("first_seq"), rs.getLong("last_seq")))
                    .list();
            for (SeqRange hour : hours) {
                handle.createQuery(ATTEMPTS_IN_HOUR)
                        .setFetchSize(1_000)
                        .bind("first", hour.first())
                        .bind("last", hour.last())
                        .bind("hourStart", Times.utc(DecisionHours.startOf(hour.hour())))
                        .bind("hourEnd", Times.utc(DecisionHours.startOf(hour.hour() + 1)))
                        .bind("since", Times.utc(since))
                        .map((rs, ctx) -> attemptOf(rs))
                        .forEach(consumer);
            }
        });
    }

    /** An hour's range of {@code seq} in {@code decision_hour}. */
    private record SeqRange(long hour, long first, long last) {
    }

    @Override
    public boolean setCarrierResult(String requestId, boolean success) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE decision SET carrier_result = :result WHERE request_id = :requestId AND decision <> 'BLOCK'")
                .bind("result", success ? "SUCCESS" : "FAILURE")
                .bind("requestId", requestId)
                .execute()) > 0;
    }

    private static Attempt attemptOf(java.sql.ResultSet rs) throws java.sql.SQLException {
        boolean failed = "FAILURE".equals(rs.getString("carrier_result"));
        boolean approved = Decision.valueOf(rs.getString("decision")).passes() && !failed;
        return new Attempt(rs.getString("request_id"), rs.getString("msisdn"), rs.getString("merchant_id"),
                rs.getString("product_id"), rs.getString("device_id"), rs.getString("ip"), rs.getLong("amount_fen"),
                BillingType.valueOf(rs.getString("billing_type")),
                Times.instant(rs.getObject("decided_at", OffsetDateTime.class)), approved, failed);
    }
}
