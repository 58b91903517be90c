package io.tollgate.rules;

/**
 * One {@code .drl} file of a rule set. Immutable.
 *
 * @param name its path relative to the rule set's folder, with {@code /} separators
 * @param content its text
 */
public record RuleFile(String name, String content) {
}
