package io.tollgate.review;

import io.tollgate.Decision;
import io.tollgate.RuleHit;
import io.tollgate.charge.Msisdn;
import java.time.Instant;
import java.util.List;

/**
 * A review case opened by a verdict: the charge, why, and the signals as they were. Immutable.
 *
 * @param caseId the case's id
 * @param requestId the charge's request id
 * @param openedAt when the verdict was decided
 * @param status where the case stands
 * @param decision the verdict's decision
 * @param score the verdict's score
 * @param msisdn the number (its {@code toString} is masked)
 * @param deviceId the device id, or {@code null}
 * @param merchantId the merchant
 * @param rulesetVersion the rule set that decided
 * @param hits every hit of the verdict
 * @param snapshotJson the facts the rules saw, as JSON, number masked
 * @param contest the subscriber's contest of the block, or {@code null} if there was none
 */
public record ReviewCase(
        long caseId, String requestId, Instant openedAt, CaseStatus status, Decision decision, int score,
        Msisdn msisdn, String deviceId, String merchantId, String rulesetVersion, List<RuleHit> hits,
        String snapshotJson, Contest contest) {

    public ReviewCase {
        hits = List.copyOf(hits);
    }

    /** @return whether a subscriber contested the block */
    public boolean contested() {
        return contest != null;
    }

    /**
     * A subscriber's contest (申诉) of an automated block, as passed on by customer service. Immutable.
     *
     * @param at when it came in
     * @param by the API token's or user's name that passed it on
     * @param statement the subscriber's statement, every phone number in it masked when it was stored
     */
    public record Contest(Instant at, String by, String statement) {
    }
}
