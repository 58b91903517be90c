package io.tollgate;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

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

    /** @return the codes of the enforced hits, {@code ;}-separated, as {@code decisions.csv} writes them */
    public String ruleCodes() {
        return hits.stream().filter(hit -> !hit.shadow()).map(RuleHit::code).collect(Collectors.joining(";"));
    }
}
