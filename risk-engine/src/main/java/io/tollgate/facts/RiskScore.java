package io.tollgate.facts;

/**
 * The sum of the points of every enforced (not shadow) hit, inserted after all other rules have
 * fired and read by the decision rules of ruleflow-group {@code "decide"}. (It is not called
 * {@code Score}: Drools resolves the {@code @score} metadata as a type name and would then fail to
 * resolve a fact type of that name.)
 *
 * @param points the total points
 */
public record RiskScore(int points) {
}
