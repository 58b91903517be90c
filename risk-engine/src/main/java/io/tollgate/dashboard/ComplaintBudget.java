package io.tollgate.dashboard;

import io.tollgate.rules.RuleMeta;
import io.tollgate.rules.RuleSet;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A merchant's complaint budget as the live rule set states it: complaints per 10,000 approved
 * charges over 30 days above which {@code CMP-MERCHANT-RATE} flags the merchant's new
 * subscriptions, and the approved volume a rate needs before it counts. The thresholds are
 * written in the rule's DRL, where analysts change them; this reads them from the rule's
 * condition so the dashboard and the rule never disagree. Immutable.
 *
 * @param ratePer10k complaints per 10,000 approved charges the merchant may have
 * @param minApproved approved charges in 30 days a rate needs before it is judged
 * @param source where the figures come from, in words a reader of the dashboard understands
 */
public record ComplaintBudget(double ratePer10k, long minApproved, String source) {
    /** The code of the rule that enforces the budget. */
    public static final String RULE_CODE = "CMP-MERCHANT-RATE";
    /** The default rule set's budget: 30 complaints per 10,000 approved charges. */
    public static final double DEFAULT_RATE_PER_10K = 30.0;
    /** The default rule set's floor: 1,000 approved charges in 30 days. */
    public static final long DEFAULT_MIN_APPROVED = 1_000;

    private static final Pattern RATE = Pattern.compile("merchantRatePer10k\\s*>=?\\s*([0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern FLOOR = Pattern.compile("merchantApproved30d\\s*>=?\\s*([0-9][0-9_]*)");

    public ComplaintBudget {
        if (ratePer10k < 0 || Double.isNaN(ratePer10k)) {
            throw new IllegalArgumentException("complaint budget must not be negative, got " + ratePer10k);
        }
        if (minApproved < 0) {
            throw new IllegalArgumentException("minimum approved charges must not be negative, got " + minApproved);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
    }

    /**
     * Reads the budget from the {@code CMP-MERCHANT-RATE} rule of a rule set; where the rule is
     * missing or its condition no longer names the figures, the defaults, saying so.
     *
     * @param ruleSet the rule set deciding now
     * @return the budget it enforces
     */
    public static ComplaintBudget of(RuleSet ruleSet) {
        Optional<RuleMeta> rule = ruleSet.rules().stream().filter(meta -> RULE_CODE.equals(meta.code())).findFirst();
        if (rule.isEmpty()) {
            return new ComplaintBudget(DEFAULT_RATE_PER_10K, DEFAULT_MIN_APPROVED,
                    "default: the rule set has no " + RULE_CODE + " rule");
        }
        Matcher rate = RATE.matcher(rule.get().text());
        Matcher floor = FLOOR.matcher(rule.get().text());
        if (!rate.find()) {
            return new ComplaintBudget(DEFAULT_RATE_PER_10K, DEFAULT_MIN_APPROVED,
                    "default: " + RULE_CODE + " in " + rule.get().file() + " names no merchantRatePer10k threshold");
        }
        long minApproved = floor.find() ? Long.parseLong(floor.group(1).replace("_", "")) : 0;
        String shadow = rule.get().shadow() ? " (shadow mode: recorded, not enforced)" : "";
        return new ComplaintBudget(Double.parseDouble(rate.group(1)), minApproved,
                RULE_CODE + " in " + rule.get().file() + ":" + rule.get().line() + shadow);
    }
}
