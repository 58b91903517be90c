package io.tollgate;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hits per rule code since the engine started, enforced and shadow, and how many decisions shadow
 * rules would have changed. Counted once per decided charge (a retry returning a stored verdict is
 * not counted again). Thread-safe: counters are {@link LongAdder}s, so checks never contend on them.
 */
public final class RuleStatistics {
    private final ConcurrentHashMap<String, LongAdder> enforced = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> shadow = new ConcurrentHashMap<>();
    private final LongAdder decisions = new LongAdder();
    private final LongAdder shadowChanges = new LongAdder();

    /**
     * Hits of one rule.
     *
     * @param enforced hits that counted towards decisions
     * @param shadow hits recorded in shadow mode
     */
    public record Count(long enforced, long shadow) {
    }

    void record(RiskVerdict verdict, io.tollgate.charge.PayMode payMode) {
        decisions.increment();
        if (verdict.hits().isEmpty()) {
            return; // most charges: nothing to count, and no shadow hit to change the decision
        }
        for (RuleHit hit : verdict.hits()) {
            (hit.shadow() ? shadow : enforced).computeIfAbsent(hit.code(), code -> new LongAdder()).increment();
        }
        if (verdict.decisionWithShadow(payMode) != verdict.decision()) {
            shadowChanges.increment();
        }
    }

    /** @return hits per rule code, sorted by code */
    public Map<String, Count> byRule() {
        Map<String, Count> counts = new TreeMap<>();
        enforced.forEach((code, hits) -> counts.put(code, new Count(hits.sum(), 0)));
        shadow.forEach((code, hits) -> counts.merge(code, new Count(0, hits.sum()),
                (a, b) -> new Count(a.enforced(), b.shadow())));
        return counts;
    }

    /** @return charges decided since start */
    public long decisions() {
        return decisions.sum();
    }

    /** @return decisions that would have been different had the shadow rules been enforced */
    public long shadowChangedDecisions() {
        return shadowChanges.sum();
    }
}
