package io.tollgate;

import io.tollgate.charge.PayMode;
import java.time.Instant;
import java.util.List;

/** Turns the hits of a charge into its verdict. Thread-safe. */
final class Verdicts {
    private Verdicts() {
    }

    /**
     * The decision is the strictest action among the enforced hits (ALLOW when none), as it applies
     * to the charge's pay mode ({@link Decision#forPayMode}). A case is opened for a FLAG, and
     * for a BLOCK by a rule marked {@code @review(true)}. The score saturates at the bounds of an
     * {@code int}: points of many rules never wrap around to a low score.
     */
    static RiskVerdict decide(String requestId, List<RuleHit> hits, PayMode payMode, String version, Instant now) {
        Decision decision = Decision.ALLOW;
        long score = 0; // a long sum of ints: it cannot overflow before being clamped
        boolean reviewBlock = false;
        for (RuleHit hit : hits) {
            if (hit.shadow()) {
                continue;
            }
            score += hit.points();
            if (hit.action() != null && hit.action().isStricterThan(decision)) {
                decision = hit.action();
            }
            reviewBlock |= hit.action() == Decision.BLOCK && hit.review();
        }
        decision = decision.forPayMode(payMode);
        boolean openCase = decision == Decision.FLAG || (decision == Decision.BLOCK && reviewBlock);
        int clamped = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, score));
        return new RiskVerdict(requestId, decision, clamped, hits, version, now, openCase);
    }
}
