package io.tollgate.review;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tollgate.Decision;
import io.tollgate.RuleHit;
import io.tollgate.charge.Msisdn;
import io.tollgate.store.Json;
import io.tollgate.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Reads the review cases that verdicts opened. Thread-safe. */
public final class ReviewCases {
    private static final TypeReference<List<RuleHit>> HITS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            case_id, request_id, opened_at, status, decision, score, msisdn, device_id, merchant_id,
            ruleset_version, hits_json, snapshot_json""";

    private final Jdbi jdbi;

    /** @param jdbi the database */
    public ReviewCases(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the case of a request, if its verdict opened one */
    public Optional<ReviewCase> byRequestId(String requestId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM review_case WHERE request_id = :requestId")
                .bind("requestId", requestId)
                .map((rs, ctx) -> caseOf(rs))
                .findOne());
    }

    /** @return the case with that id, if there is one */
    public Optional<ReviewCase> byId(long caseId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM review_case WHERE case_id = :caseId")
                .bind("caseId", caseId)
                .map((rs, ctx) -> caseOf(rs))
                .findOne());
    }

    /**
     * @param status the status to list
     * @param limit the most cases to return
     * @return cases with that status, highest score first, then oldest first
     */
    public List<ReviewCase> list(CaseStatus status, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + """
                         FROM review_case WHERE status = :status
                        ORDER BY score DESC, opened_at, case_id
                        FETCH FIRST :limit ROWS ONLY""")
                .bind("status", status.name())
                .bind("limit", limit)
                .map((rs, ctx) -> caseOf(rs))
                .list());
    }

    /** @return how many cases have each status */
    public Map<CaseStatus, Long> countByStatus() {
        Map<CaseStatus, Long> counts = new EnumMap<>(CaseStatus.class);
        for (CaseStatus status : CaseStatus.values()) {
            counts.put(status, 0L);
        }
        jdbi.useHandle(handle -> handle.createQuery("SELECT status, COUNT(*) AS n FROM review_case GROUP BY status")
                .map((rs, ctx) -> Map.entry(CaseStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue())));
        return counts;
    }

    private static ReviewCase caseOf(ResultSet rs) throws SQLException {
        return new ReviewCase(
                rs.getLong("case_id"),
                rs.getString("request_id"),
                Times.instant(rs.getObject("opened_at", OffsetDateTime.class)),
                CaseStatus.valueOf(rs.getString("status")),
                Decision.valueOf(rs.getString("decision")),
                rs.getInt("score"),
                new Msisdn(rs.getString("msisdn")),
                rs.getString("device_id"),
                rs.getString("merchant_id"),
                rs.getString("ruleset_version"),
                Json.read(rs.getString("hits_json"), HITS),
                rs.getString("snapshot_json"));
    }
}
