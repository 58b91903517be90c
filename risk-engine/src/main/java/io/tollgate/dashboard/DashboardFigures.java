package io.tollgate.dashboard;

import io.tollgate.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the review console's dashboard shows, read in one go as of one instant. Immutable.
 *
 * @param asOf the engine-clock instant the figures are as of
 * @param hours decisions per clock hour by outcome, oldest first, one entry per hour of the window
 *     (hours without decisions included, with zeros)
 * @param topRules the rules with the most enforced hits in the window, most first
 * @param merchants every merchant with approved charges or complaints in the last 30 days: those
 *     with enough volume to be rated first, each group highest complaint rate first
 * @param budget the complaint budget the merchants are measured against
 * @param caseAges cases still awaiting a decision (OPEN or ESCALATED), by age
 */
public record DashboardFigures(Instant asOf, List<HourCounts> hours, List<RuleHits> topRules,
        List<MerchantRate> merchants, ComplaintBudget budget, List<AgeBucket> caseAges) {

    public DashboardFigures {
        hours = List.copyOf(hours);
        topRules = List.copyOf(topRules);
        merchants = List.copyOf(merchants);
        caseAges = List.copyOf(caseAges);
    }

    /**
     * Decisions of one clock hour.
     *
     * @param start the first instant of the hour
     * @param counts decisions per outcome, in the enum's order; every outcome present, zero when none
     */
    public record HourCounts(Instant start, Map<Decision, Long> counts) {
        public HourCounts {
            Map<Decision, Long> all = new EnumMap<>(Decision.class);
            for (Decision decision : Decision.values()) {
                all.put(decision, counts.getOrDefault(decision, 0L));
            }
            counts = Collections.unmodifiableMap(all);
        }

        /** @return decisions of the hour, all outcomes */
        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Enforced hits of one rule in the window (shadow hits are not in the decision log's codes).
     *
     * @param code the rule's {@code @code}
     * @param hits verdicts it hit
     */
    public record RuleHits(String code, long hits) {
    }

    /**
     * A merchant's complaint rate over the last 30 days.
     *
     * @param merchantId the merchant
     * @param approved30d charges decided to pass (not BLOCK) that the carrier did not report failed
     * @param complaints30d complaints filed against it
     * @param ratePer10k complaints per 10,000 approved charges; 0 when none were approved
     * @param rated whether the volume is enough for the budget to apply ({@link ComplaintBudget#minApproved})
     * @param overBudget rated and above the budget: its new subscriptions are being flagged
     */
    public record MerchantRate(String merchantId, long approved30d, long complaints30d, double ratePer10k,
            boolean rated, boolean overBudget) {
    }

    /**
     * Undecided cases of one age band.
     *
     * @param label the band as people read it, e.g. {@code 1–4h}
     * @param from the youngest age in the band (inclusive)
     * @param to the oldest age (exclusive), or {@code null} for the last, open-ended band
     * @param open cases with status OPEN
     * @param escalated cases with status ESCALATED
     */
    public record AgeBucket(String label, Duration from, Duration to, long open, long escalated) {
    }
}
