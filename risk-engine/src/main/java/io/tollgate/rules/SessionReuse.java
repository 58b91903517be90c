package io.tollgate.rules;

import java.util.Set;
import org.drools.drl.ast.descr.AttributeDescr;
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
 * activation group or lock-on-active keeps state of its own.
 *
 * <p>A kept session may also keep the last charge's {@link io.tollgate.facts.RiskScore} and update
 * it in the second phase, instead of inserting a score and deleting it again, when no rule could
 * see that stale score in the first phase ({@link #allowsKeptScore}). Thread-safe (stateless).
 */
final class SessionReuse {
    private static final Set<String> STATEFUL_ATTRIBUTES = Set.of("activation-group", "lock-on-active");
    /** The simple names of the types a {@link io.tollgate.facts.RiskScore} (a record) is an instance of. */
    private static final Set<String> SCORE_TYPES = Set.of("RiskScore", "Record", "Object");

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

    /**
     * @return whether a score left in the session from the last evaluation cannot match the rule
     *     in the first phase: a rule of ruleflow-group (or agenda-group) {@code "decide"} that does
     *     not take the focus by itself fires only in the second phase, after the score is updated;
     *     any other rule must have no pattern a score is an instance of
     */
    static boolean allowsKeptScore(RuleDescr rule) {
        if (inDecideGroup(rule)) {
            AttributeDescr autoFocus = rule.getAttributes().get("auto-focus");
            return autoFocus == null || "false".equals(autoFocus.getValue());
        }
        AndDescr lhs = rule.getLhs();
        return lhs == null || noScorePattern(lhs);
    }

    private static boolean inDecideGroup(RuleDescr rule) {
        for (String group : new String[] {"ruleflow-group", "agenda-group"}) {
            AttributeDescr attribute = rule.getAttributes().get(group);
            if (attribute != null && RuleSet.DECIDE_GROUP.equals(attribute.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean noScorePattern(BaseDescr descr) {
        if (descr instanceof PatternDescr pattern) {
            String type = pattern.getObjectType();
            return type != null && !SCORE_TYPES.contains(type.substring(type.lastIndexOf('.') + 1).trim());
        }
        if (descr instanceof ConditionalElementDescr element) {
            return element.getDescrs().stream().allMatch(SessionReuse::noScorePattern);
        }
        return false; // anything else (a source, an accumulate): not known to miss the score
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
