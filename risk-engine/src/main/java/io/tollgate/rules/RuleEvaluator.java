package io.tollgate.rules;

import io.tollgate.RuleHit;
import java.util.Collection;
import java.util.List;

/**
 * What turns one charge's facts into rule hits: the step between the signals and the decision.
 * {@link RuleSet} (the compiled DRL) is the evaluator the engine uses. The interface exists so that
 * benchmarks and the golden-set test can put a hand-written baseline into the very same pipeline
 * (signals, decision, recording) through {@link io.tollgate.RiskEngine.Builder#evaluator}; it is not
 * a way to decide production traffic without the rule set.
 *
 * <p>Implementations must be thread-safe: the engine calls them from every checking thread.
 */
public interface RuleEvaluator {

    /** @return the version a verdict names, e.g. the rule set's SHA-256 */
    String version();

    /**
     * Evaluates one charge's facts.
     *
     * @param facts the flat facts of the charge ({@code Charge}, {@code Subscriber}, {@code ListHits},
     *     {@code Complaints}, {@code Velocity}, {@code Subscription}), one of each
     * @return every hit, enforced and shadow; the decision rules' hits included
     * @throws RuleEvaluationException when the rules cannot decide
     */
    List<RuleHit> evaluate(Collection<?> facts);
}
