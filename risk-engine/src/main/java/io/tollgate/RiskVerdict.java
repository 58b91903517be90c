package io.tollgate;

import io.tollgate.charge.PayMode;
import java.time.Instant;
import java.util.List;

/**
 * The answer to one {@code check}: what to do with the charge and why. Immutable.
 *
 * @param requestId the charge's request id
 * @param decision what the gateway does
 * @param score the points of the enforced hits
 * @param hits every rule that matched, enforced and shadow, in firing order
 * @param rulesetVersion the SHA-256 version of the rule set that decided
 * @param decidedAt the instant of the decision on the engine's clock
 * @param caseOpened whether a review case was stored for it
 */
public record RiskVerdict(
        String requestId,
        Decision decision,
        int score,
        List<RuleHit> hits,
        String rulesetVersion,
        Instant decidedAt,
        boolean caseOpened) {

    public RiskVerdict {
        hits = List.copyOf(hits);
    }

    /**
     * The decision had the shadow rules' actions been enforced too: what switching them on would
     * change. (Their points are not added: the decision rules ran on the enforced score only.)
     *
     * @param payMode the charge's pay mode, since a CHALLENGE applies to {@code SMS_DIRECT} only
     * @return the strictest of the decision and the shadow hits' actions
     */
    public Decision decisionWithShadow(PayMode payMode) {
        Decision strictest = decision;
        for (RuleHit hit : hits) {
            if (hit.shadow() && hit.action() != null && hit.action().isStricterThan(strictest)) {
                strictest = hit.action().forPayMode(payMode);
            }
        }
        return strictest;
    }

    /** @return the codes of the enforced hits, {@code ;}-separated, as {@code decisions.csv} writes them */
    public String ruleCodes() {
        StringBuilder codes = new StringBuilder();
        for (RuleHit hit : hits) {
            if (!hit.shadow()) {
                (codes.isEmpty() ? codes : codes.append(';')).append(hit.code());
            }
        }
        return codes.toString();
    }
}
