package io.tollgate;

/**
 * One rule that matched a charge, as its metadata describes it. Immutable.
 *
 * @param code the rule's stable code, e.g. {@code VEL-MSISDN-10M}
 * @param points the points it adds to the score (0 for an action rule)
 * @param action the decision it asks for, or {@code null} for a points rule
 * @param reason one sentence a reviewer reads
 * @param shadow whether the rule is in shadow mode: recorded, never enforced
 * @param review whether a BLOCK by this rule opens a review case
 */
public record RuleHit(String code, int points, Decision action, String reason, boolean shadow, boolean review) {

    public RuleHit {
        if (code == null || reason == null) {
            throw new IllegalArgumentException("a hit needs a code and a reason");
        }
    }
}
