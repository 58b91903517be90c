package io.tollgate.rules;

import java.util.Set;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Tells whether a rule lets {@link RuleSet} keep a session between evaluations. Replacing the
 * last charge's facts with the next one's (an update of each fact) fires every match anew only for
 * rules whose every match is made of those facts: patterns joined by {@code and} and {@code or}. A
 * match of {@code not}, {@code exists} or {@code forall}, or of an empty condition, hangs on the
 * session's initial fact, which never changes, so it would not fire again for the next charge; an
 * activation group or lock-on-active keeps state of its own. Thread-safe (stateless).
 */
final class SessionReuse {
    private static final Set<String> STATEFUL_ATTRIBUTES = Set.of("activation-group", "lock-on-active");

    private SessionReuse() {
    }

    /** @return whether the rule's matches are made of the inserted facts alone */
    static boolean allows(RuleDescr rule) {
        if (rule.getAttributes().keySet().stream().anyMatch(STATEFUL_ATTRIBUTES::contains)) {
            return false;
        }
        AndDescr lhs = rule.getLhs();
        return lhs != null && !lhs.getDescrs().isEmpty() && factsOnly(lhs);
    }

    private static boolean factsOnly(BaseDescr descr) {
        if (descr instanceof PatternDescr pattern) {
            return pattern.getSource() == null;
        }
        if (descr instanceof AndDescr || descr instanceof OrDescr) {
            var children = ((ConditionalElementDescr) descr).getDescrs();
            return !children.isEmpty() && children.stream().allMatch(SessionReuse::factsOnly);
        }
        return false;
    }
}
