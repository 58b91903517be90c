package io.tollgate.review;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tollgate.Decision;
import io.tollgate.RuleHit;
import io.tollgate.charge.Msisdn;
import io.tollgate.store.Json;
import io.tollgate.store.Times;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the review cases that verdicts opened: one case, the queue under a {@link CaseFilter}
 * (highest score first, then oldest, then lowest id), counts per status, the other cases of a
 * number or device, and a streamed export that is written to the audit trail. Thread-safe.
 */
public final class ReviewCases {
    /** China time, in which the filter's dates are days. */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final TypeReference<List<RuleHit>> HITS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            c.case_id, c.request_id, c.opened_at, c.status, c.decision, c.score, c.msisdn, c.device_id, c.merchant_id,
            c.ruleset_version, c.hits_json, c.snapshot_json, c.contested_at, c.contested_by, c.contest_statement""";
    private static final String QUEUE_ORDER = " ORDER BY c.score DESC, c.opened_at, c.case_id";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Users users;
    private final Runnable awaitLogged;

    /**
     * @param jdbi the database
     * @param clock the clock that stamps exports in the audit trail
     * @param users who may export
     * @param awaitLogged run before every read: waits until every verdict returned so far (and the
     *     case it opened) is in the database, as verdicts are committed to it in batches
     */
    public ReviewCases(Jdbi jdbi, Clock clock, Users users, Runnable awaitLogged) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.users = users;
        this.awaitLogged = awaitLogged;
    }

    /** @return the case of a request, if its verdict opened one (or a contest did) */
    public Optional<ReviewCase> byRequestId(String requestId) {
        awaitLogged.run();
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM review_case c WHERE c.request_id = :requestId")
                .bind("requestId", requestId)
                .map((rs, ctx) -> caseOf(rs))
                .findOne());
    }

    /** @return the case with that id, if there is one */
    public Optional<ReviewCase> byId(long caseId) {
        awaitLogged.run();
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM review_case c WHERE c.case_id = :caseId")
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
        return find(CaseFilter.ALL.withStatus(status), 0, limit);
    }

    /**
     * One page of the queue.
     *
     * @param filter which cases
     * @param offset how many matching cases to skip, in queue order
     * @param limit the most cases to return
     * @return the cases, highest score first, then oldest first
     * @throws IllegalArgumentException for a negative offset or limit
     */
    public List<ReviewCase> find(CaseFilter filter, long offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative, got " + offset + " and " + limit);
        }
        awaitLogged.run();
        Where where = Where.of(filter);
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM review_case c" + where.sql
                        + QUEUE_ORDER + " OFFSET :offset ROWS FETCH FIRST :limit ROWS ONLY")
                .bindMap(where.bindings)
                .bind("offset", offset)
                .bind("limit", limit)
                .map((rs, ctx) -> caseOf(rs))
                .list());
    }

    /** @return how many cases have each status */
    public Map<CaseStatus, Long> countByStatus() {
        return countByStatus(CaseFilter.ALL);
    }

    /**
     * @param filter which cases; its status is ignored, so the counts say what each status tab holds
     * @return how many matching cases have each status, every status present
     */
    public Map<CaseStatus, Long> countByStatus(CaseFilter filter) {
        Map<CaseStatus, Long> counts = new EnumMap<>(CaseStatus.class);
        for (CaseStatus status : CaseStatus.values()) {
            counts.put(status, 0L);
        }
        awaitLogged.run();
        Where where = Where.of(filter.anyStatus());
        jdbi.useHandle(handle -> handle.createQuery(
                        "SELECT c.status, COUNT(*) AS n FROM review_case c" + where.sql + " GROUP BY c.status")
                .bindMap(where.bindings)
                .map((rs, ctx) -> Map.entry(CaseStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue())));
        return counts;
    }

    /**
     * @param of a case
     * @param limit the most cases to return
     * @return the other cases of the same number, newest first
     */
    public List<ReviewCase> sameNumber(ReviewCase of, int limit) {
        return others("c.msisdn = :value", of.msisdn().digits(), of.caseId(), limit);
    }

    /**
     * @param of a case
     * @param limit the most cases to return
     * @return the other cases of the same device, newest first; none when the case has no device
     */
    public List<ReviewCase> sameDevice(ReviewCase of, int limit) {
        return of.deviceId() == null ? List.of() : others("c.device_id = :value", of.deviceId(), of.caseId(), limit);
    }

    private List<ReviewCase> others(String condition, String value, long caseId, int limit) {
        awaitLogged.run();
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM review_case c WHERE "
                        + condition + " AND c.case_id <> :caseId ORDER BY c.opened_at DESC, c.case_id DESC"
                        + " FETCH FIRST :limit ROWS ONLY")
                .bind("value", value)
                .bind("caseId", caseId)
                .bind("limit", limit)
                .map((rs, ctx) -> caseOf(rs))
                .list());
    }

    /**
     * Writes every case that matches a filter, in queue order, as CSV with numbers masked
     * ({@link CaseCsv}), streaming from the database (never all in memory). Written to the audit
     * trail first, as action {@code EXPORT_CASES} with the filter: no export leaves without a record
     * of who and what; nothing is written to {@code out} for an unknown user.
     *
     * @param filter which cases
     * @param actor the user exporting; any role that sees the queue
     * @param out where the CSV goes
     * @return how many cases were exported
     * @throws UnableToExportException for an unknown user
     * @throws java.io.UncheckedIOException when {@code out} cannot be written
     */
    public long exportCsv(CaseFilter filter, String actor, Writer out) {
        if (users.roleOf(actor).isEmpty()) {
            throw new UnableToExportException("no user '" + actor + "'");
        }
        jdbi.useTransaction(handle -> AuditTrail.append(handle, clock.instant(), actor, null, "EXPORT_CASES", null,
                null, null, "CSV of " + filter.describe()));
        awaitLogged.run();
        Where where = Where.of(filter);
        CaseCsv csv = new CaseCsv(out);
        AtomicLong count = new AtomicLong();
        // In a transaction with a fetch size, so PostgreSQL streams through a cursor as H2 does.
        jdbi.useTransaction(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM review_case c" + where.sql
                        + QUEUE_ORDER)
                .bindMap(where.bindings)
                .setFetchSize(500)
                .map((rs, ctx) -> caseOf(rs))
                .useStream(stream -> stream.forEach(c -> {
                    csv.write(c);
                    count.incrementAndGet();
                })));
        return count.get();
    }

    /** The WHERE clause of a filter and its bindings. */
    private record Where(String sql, Map<String, Object> bindings) {
        static Where of(CaseFilter filter) {
            StringBuilder sql = new StringBuilder();
            Map<String, Object> bindings = new LinkedHashMap<>();
            if (filter.status() != null) {
                and(sql, "c.status = :status");
                bindings.put("status", filter.status().name());
            }
            if (filter.decision() != null) {
                and(sql, "c.decision = :decision");
                bindings.put("decision", filter.decision().name());
            }
            if (filter.ruleCode() != null) {
                // The decision log keeps the enforced codes ;-separated; a code is [A-Z0-9-], no LIKE wildcard.
                and(sql, "EXISTS (SELECT 1 FROM decision d WHERE d.request_id = c.request_id"
                        + " AND (';' || d.rule_codes || ';') LIKE :rulePattern)");
                bindings.put("rulePattern", "%;" + filter.ruleCode() + ";%");
            }
            if (filter.merchantId() != null) {
                and(sql, "c.merchant_id = :merchant");
                bindings.put("merchant", filter.merchantId());
            }
            if (filter.openedFrom() != null) {
                and(sql, "c.opened_at >= :from");
                bindings.put("from", filter.openedFrom().atStartOfDay().atOffset(CHINA)
                        .withOffsetSameInstant(ZoneOffset.UTC));
            }
            if (filter.openedTo() != null) {
                and(sql, "c.opened_at < :to");
                bindings.put("to", filter.openedTo().plusDays(1).atStartOfDay().atOffset(CHINA)
                        .withOffsetSameInstant(ZoneOffset.UTC));
            }
            if (filter.contested() != null) {
                and(sql, filter.contested() ? "c.contested_at IS NOT NULL" : "c.contested_at IS NULL");
            }
            return new Where(sql.toString(), bindings);
        }

        private static void and(StringBuilder sql, String condition) {
            sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(condition);
        }
    }

    private static ReviewCase caseOf(ResultSet rs) throws SQLException {
        OffsetDateTime contestedAt = rs.getObject("contested_at", OffsetDateTime.class);
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
                rs.getString("snapshot_json"),
                contestedAt == null ? null : new ReviewCase.Contest(Times.instant(contestedAt),
                        rs.getString("contested_by"), rs.getString("contest_statement")));
    }
}
