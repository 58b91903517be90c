package io.tollgate.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a reload did. Immutable.
 *
 * @param accepted whether the new rule set is now deciding
 * @param previousVersion the version that was deciding before
 * @param version the version deciding after the reload
 * @param added codes of rules new in this version
 * @param removed codes of rules no longer present
 * @param changed codes of rules whose metadata or conditions changed
 * @param problems when refused, one {@code file:line: message} per problem
 */
public record ReloadReport(
        boolean accepted, String previousVersion, String version, Set<String> added, Set<String> removed,
        Set<String> changed, List<String> problems) {

    static ReloadReport refused(RuleSet kept, List<String> problems) {
        return new ReloadReport(false, kept.version(), kept.version(), Set.of(), Set.of(), Set.of(), problems);
    }

    static ReloadReport swapped(RuleSet before, RuleSet after) {
        Map<String, RuleMeta> old = byCode(before);
        Map<String, RuleMeta> now = byCode(after);
        Set<String> added = new TreeSet<>(now.keySet());
        added.removeAll(old.keySet());
        Set<String> removed = new TreeSet<>(old.keySet());
        removed.removeAll(now.keySet());
        Set<String> changed = now.keySet().stream()
                .filter(old::containsKey)
                .filter(code -> !sameMeaning(old.get(code), now.get(code)))
                .collect(Collectors.toCollection(TreeSet::new));
        return new ReloadReport(true, before.version(), after.version(), added, removed, changed, List.of());
    }

    private static Map<String, RuleMeta> byCode(RuleSet rules) {
        return rules.rules().stream().collect(Collectors.toMap(RuleMeta::code, Function.identity()));
    }

    private static boolean sameMeaning(RuleMeta a, RuleMeta b) {
        return a.points() == b.points() && a.action() == b.action() && a.reason().equals(b.reason())
                && a.shadow() == b.shadow() && a.review() == b.review() && a.name().equals(b.name())
                && a.text().equals(b.text());
    }
}
