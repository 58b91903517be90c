package io.tollgate.rules;

import io.tollgate.Decision;
import io.tollgate.RuleHit;

/**
 * What a rule's metadata says a hit means. Immutable.
 *
 * @param name the rule's name
 * @param file the file it is written in
 * @param line the line its {@code rule} keyword is on
 * @param code {@code @code}, unique in the rule set
 * @param points {@code @score}, 0 when the rule has an action
 * @param action {@code @action}, or {@code null} for a points rule
 * @param reason {@code @reason}
 * @param shadow {@code @mode("shadow")}
 * @param review {@code @review(true)}: a BLOCK by this rule opens a review case
 * @param text the rule's DRL text, from {@code rule} to {@code end}, to tell a changed condition
 */
public record RuleMeta(
        String name, String file, int line, String code, int points, Decision action, String reason,
        boolean shadow, boolean review, String text) {

    /** @return the hit this rule reports when it matches */
    public RuleHit hit() {
        return new RuleHit(code, points, action, reason, shadow, review);
    }
}
