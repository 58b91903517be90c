package io.tollgate.dashboard;

import io.tollgate.Decision;
import io.tollgate.charge.ChinaTime;
import io.tollgate.dashboard.DashboardFigures.AgeBucket;
import io.tollgate.dashboard.DashboardFigures.HourCounts;
import io.tollgate.dashboard.DashboardFigures.MerchantRate;
import io.tollgate.dashboard.DashboardFigures.RuleHits;
import io.tollgate.store.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the dashboard's figures from the decision log, the complaints and the review cases: four
 * grouped queries on one connection, each returning a few dozen rows at most, whatever the
 * traffic. The SQL is portable (H2 and PostgreSQL): hours are bucketed with
 * {@code EXTRACT(EPOCH ...)}, rule codes are counted per distinct combination and split here.
 * The decision log has no index on {@code decided_at}: each query reads the range of its primary key
 * {@code seq} that {@code decision_hour} gives for the hours of its time range. The hours and rules
 * read the window's range; the merchants' rates read 30 days of it, which is what a page costs on
 * a busy gateway. Thread-safe.
 */
public final class Dashboard {
    /** The most rules {@link DashboardFigures#topRules()} lists. */
    public static final int TOP_RULES = 10;
    /** The longest window of decisions the dashboard reads. */
    public static final int MAX_HOURS = 7 * 24;

    private static final long HOUR_SECONDS = 3_600;
    private static final List<AgeBand> AGE_BANDS = List.of(
            new AgeBand("<1h", Duration.ZERO, Duration.ofHours(1)),
            new AgeBand("1–4h", Duration.ofHours(1), Duration.ofHours(4)),
            new AgeBand("4–24h", Duration.ofHours(4), Duration.ofHours(24)),
            new AgeBand("1–3d", Duration.ofDays(1), Duration.ofDays(3)),
            new AgeBand(">3d", Duration.ofDays(3), null));

    private record AgeBand(String label, Duration from, Duration to) {
    }

    private record HourRow(long hour, Decision decision, long count) {
    }

    /**
     * The {@code seq} range that holds every decision of a time range (and maybe others, which the
     * queries' own {@code decided_at} conditions leave out); {@link #NONE} when it holds none.
     */
    record SeqRange(long lo, long hi) {
        static final SeqRange NONE = new SeqRange(0, -1);
    }

    // Each query reads the seq range [lo, hi] of its time range's hours (seqRange), and its time range in it.
    static final String HOURS_SQL = """
            SELECT FLOOR(EXTRACT(EPOCH FROM decided_at) / 3600) AS hour_no, decision, COUNT(*) AS n
            FROM decision WHERE seq BETWEEN :lo AND :hi AND decided_at >= :since AND decided_at <= :asOf
            GROUP BY FLOOR(EXTRACT(EPOCH FROM decided_at) / 3600), decision""";
    static final String TOP_RULES_SQL = """
            SELECT rule_codes, COUNT(*) AS n FROM decision
            WHERE seq BETWEEN :lo AND :hi AND decided_at >= :since AND decided_at <= :asOf AND rule_codes <> ''
            GROUP BY rule_codes""";
    static final String MERCHANTS_SQL = """
            SELECT merchant_id, SUM(approved) AS approved, SUM(complaints) AS complaints FROM (
                SELECT merchant_id, 1 AS approved, 0 AS complaints FROM decision
                WHERE seq BETWEEN :lo AND :hi AND decided_at >= :approvedSince AND decided_at <= :asOf
                  AND decision <> 'BLOCK' AND (carrier_result IS NULL OR carrier_result <> 'FAILURE')
                UNION ALL
                SELECT merchant_id, 0 AS approved, 1 AS complaints FROM complaint
                WHERE ts > :complaintsSince AND ts <= :asOf
            ) counted GROUP BY merchant_id""";

    private final Jdbi jdbi;

    /** @param jdbi the engine's database */
    public Dashboard(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Reads every figure as of one instant.
     *
     * @param asOf the instant, normally the engine's clock
     * @param hours how many clock hours of decisions to count, the current one included: 1 to {@value #MAX_HOURS}
     * @param budget the complaint budget to measure merchants against
     * @return the figures
     * @throws IllegalArgumentException when {@code hours} is out of range
     */
    public DashboardFigures figures(Instant asOf, int hours, ComplaintBudget budget) {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new IllegalArgumentException("hours must be 1 to " + MAX_HOURS + ", got " + hours);
        }
        long lastHour = hourOf(asOf);
        long firstHour = lastHour - hours + 1;
        Instant since = Instant.ofEpochSecond(firstHour * HOUR_SECONDS);
        return jdbi.withHandle(handle -> {
            SeqRange window = seqRange(handle, firstHour, lastHour);
            return new DashboardFigures(asOf,
                    hours(handle, since, asOf, window, firstHour, lastHour),
                    topRules(handle, since, asOf, window),
                    merchants(handle, asOf, budget),
                    budget,
                    caseAges(handle, asOf));
        });
    }

    /** @return the UTC hour of an instant, as {@code decision_hour} numbers it: epoch seconds / 3600, floored */
    private static long hourOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), HOUR_SECONDS);
    }

    /** The {@code seq} range of the decisions decided in the hours {@code firstHour} to {@code lastHour}. */
    static SeqRange seqRange(Handle handle, long firstHour, long lastHour) {
        return handle.createQuery("""
                        SELECT MIN(first_seq) AS lo, MAX(last_seq) AS hi FROM decision_hour
                        WHERE hour_no BETWEEN :firstHour AND :lastHour""")
                .bind("firstHour", firstHour)
                .bind("lastHour", lastHour)
                .map((rs, ctx) -> rs.getObject("lo") == null ? SeqRange.NONE
                        : new SeqRange(rs.getLong("lo"), rs.getLong("hi")))
                .one();
    }

    private static List<HourCounts> hours(Handle handle, Instant since, Instant asOf, SeqRange window,
            long firstHour, long lastHour) {
        Map<Long, Map<Decision, Long>> byHour = new HashMap<>();
        handle.createQuery(HOURS_SQL)
                .bind("lo", window.lo())
                .bind("hi", window.hi())
                .bind("since", Times.utc(since))
                .bind("asOf", Times.utc(asOf))
                .map((rs, ctx) -> new HourRow(rs.getLong("hour_no"), Decision.valueOf(rs.getString("decision")),
                        rs.getLong("n")))
                .forEach(row -> byHour.computeIfAbsent(row.hour(), hour -> new EnumMap<>(Decision.class))
                        .merge(row.decision(), row.count(), Long::sum));
        List<HourCounts> result = new ArrayList<>();
        for (long hour = firstHour; hour <= lastHour; hour++) {
            result.add(new HourCounts(Instant.ofEpochSecond(hour * HOUR_SECONDS), byHour.getOrDefault(hour, Map.of())));
        }
        return result;
    }

    private static List<RuleHits> topRules(Handle handle, Instant since, Instant asOf, SeqRange window) {
        // Verdicts share few combinations of codes: grouping by the whole list keeps the result small.
        Map<String, Long> hits = new HashMap<>();
        handle.createQuery(TOP_RULES_SQL)
                .bind("lo", window.lo())
                .bind("hi", window.hi())
                .bind("since", Times.utc(since))
                .bind("asOf", Times.utc(asOf))
                .map((rs, ctx) -> Map.entry(rs.getString("rule_codes"), rs.getLong("n")))
                .forEach(combination -> {
                    for (String code : combination.getKey().split(";")) {
                        if (!code.isBlank()) {
                            hits.merge(code, combination.getValue(), Long::sum);
                        }
                    }
                });
        return hits.entrySet().stream()
                .map(entry -> new RuleHits(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(RuleHits::hits).reversed().thenComparing(RuleHits::code))
                .limit(TOP_RULES)
                .toList();
    }

    /**
     * The same figures {@code CMP-MERCHANT-RATE} reads at a check: approved charges on the 30 China
     * calendar days ending today, complaints filed in the 30 days before now.
     */
    private static List<MerchantRate> merchants(Handle handle, Instant asOf, ComplaintBudget budget) {
        Instant approvedSince = ChinaTime.startOf(ChinaTime.date(asOf).minusDays(29));
        Instant complaintsSince = asOf.minus(Duration.ofDays(30));
        SeqRange approvedRange = seqRange(handle, hourOf(approvedSince), hourOf(asOf));
        return handle.createQuery(MERCHANTS_SQL)
                .bind("lo", approvedRange.lo())
                .bind("hi", approvedRange.hi())
                .bind("approvedSince", Times.utc(approvedSince))
                .bind("complaintsSince", Times.utc(complaintsSince))
                .bind("asOf", Times.utc(asOf))
                .map((rs, ctx) -> {
                    long approved = rs.getLong("approved");
                    long complaints = rs.getLong("complaints");
                    double rate = approved == 0 ? 0 : complaints * 10_000.0 / approved;
                    boolean rated = approved > 0 && approved >= budget.minApproved();
                    return new MerchantRate(rs.getString("merchant_id"), approved, complaints, rate, rated,
                            rated && rate > budget.ratePer10k());
                })
                .list().stream()
                .sorted(Comparator.comparing(MerchantRate::rated).reversed()
                        .thenComparing(Comparator.comparingDouble(MerchantRate::ratePer10k).reversed())
                        .thenComparing(MerchantRate::merchantId))
                .toList();
    }

    private static List<AgeBucket> caseAges(Handle handle, Instant asOf) {
        StringBuilder sql = new StringBuilder("SELECT status");
        for (int i = 0; i < AGE_BANDS.size(); i++) {
            AgeBand band = AGE_BANDS.get(i);
            // A case is in a band when from <= age < to, i.e. asOf - to < opened_at <= asOf - from.
            sql.append(", SUM(CASE WHEN ")
                    .append(i == 0 ? "1 = 1" : "opened_at <= :from" + i)
                    .append(band.to() == null ? "" : " AND opened_at > :to" + i)
                    .append(" THEN 1 ELSE 0 END) AS band").append(i);
        }
        sql.append(" FROM review_case WHERE status IN ('OPEN', 'ESCALATED') GROUP BY status");
        var query = handle.createQuery(sql.toString());
        for (int i = 0; i < AGE_BANDS.size(); i++) {
            AgeBand band = AGE_BANDS.get(i);
            if (i > 0) {
                query.bind("from" + i, Times.utc(asOf.minus(band.from())));
            }
            if (band.to() != null) {
                query.bind("to" + i, Times.utc(asOf.minus(band.to())));
            }
        }
        Map<String, long[]> byStatus = new LinkedHashMap<>();
        query.map((rs, ctx) -> {
            long[] counts = new long[AGE_BANDS.size()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = rs.getLong("band" + i);
            }
            return Map.entry(rs.getString("status"), counts);
        }).forEach(entry -> byStatus.put(entry.getKey(), entry.getValue()));
        long[] none = new long[AGE_BANDS.size()];
        long[] open = byStatus.getOrDefault("OPEN", none);
        long[] escalated = byStatus.getOrDefault("ESCALATED", none);
        List<AgeBucket> buckets = new ArrayList<>();
        for (int i = 0; i < AGE_BANDS.size(); i++) {
            AgeBand band = AGE_BANDS.get(i);
            buckets.add(new AgeBucket(band.label(), band.from(), band.to(), open[i], escalated[i]));
        }
        return buckets;
    }
}
