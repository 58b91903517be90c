package io.tollgate.rules;

import io.tollgate.RuleHit;
import io.tollgate.facts.RiskScore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.AgendaGroup;

/**
 * One compiled, validated rule set: an immutable snapshot identified by its version. Evaluation
 * runs in two phases on a pooled session: every rule outside ruleflow-group {@code "decide"} fires
 * on the facts, then a {@link RiskScore} of the enforced hits' points is inserted and the decision
 * rules fire. Thread-safe: each evaluation takes its own session from the pool.
 */
public final class RuleSet implements RuleEvaluator {
    /** The ruleflow-group of the decision threshold rules. */
    public static final String DECIDE_GROUP = "decide";
    /** Most rule firings one evaluation may take before it is stopped as a loop. */
    public static final int MAX_FIRINGS = 1_000;

    private final String version;
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final Map<String, RuleMeta> rules;
    private final List<RuleFile> files;

    RuleSet(String version, KieBase kieBase, Map<String, RuleMeta> rules, List<RuleFile> files) {
        this.version = version;
        this.kieBase = kieBase;
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors() * 2);
        this.rules = Map.copyOf(rules);
        this.files = List.copyOf(files);
    }

    /** @return the SHA-256 of the sorted file names and contents */
    @Override
    public String version() {
        return version;
    }

    /** @return each rule's metadata by code */
    public Collection<RuleMeta> rules() {
        return rules.values();
    }

    /** @return the files it was compiled from */
    public List<RuleFile> files() {
        return files;
    }

    /**
     * Fires the rules on one charge's facts.
     *
     * @param facts the flat facts of the charge
     * @return every hit, enforced and shadow, in firing order
     * @throws RuleEvaluationException when a rule throws or the rules fire more than {@link #MAX_FIRINGS} times
     */
    @Override
    public List<RuleHit> evaluate(Collection<?> facts) {
        HitCollector collector = new HitCollector();
        KieSession session = sessions.newKieSession();
        try {
            session.addEventListener(collector);
            for (Object fact : facts) {
                session.insert(fact);
            }
            int fired = session.fireAllRules(MAX_FIRINGS);
            AgendaGroup decide = session.getAgenda().getAgendaGroup(DECIDE_GROUP);
            if (decide != null) { // a rule set without decision rules decides by actions alone
                session.insert(new RiskScore(collector.enforcedPoints()));
                decide.setFocus();
                fired += session.fireAllRules(MAX_FIRINGS);
            }
            if (fired >= MAX_FIRINGS) {
                throw new RuleEvaluationException("rules fired " + fired + " times on one charge; looping rule: "
                        + collector.mostFired());
            }
            return collector.hits;
        } catch (RuleEvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RuleEvaluationException("rule evaluation failed after " + collector.hits.size() + " hits: " + e, e);
        } finally {
            session.removeEventListener(collector);
            session.dispose();
        }
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** Turns each firing into the hit its rule's metadata describes. */
    private final class HitCollector extends DefaultAgendaEventListener {
        private final List<RuleHit> hits = new ArrayList<>(4);

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            var rule = event.getMatch().getRule();
            RuleMeta meta = rules.get(RuleSetCompiler.qualified(rule.getPackageName(), rule.getName()));
            if (meta != null) {
                hits.add(meta.hit());
            }
        }

        int enforcedPoints() {
            int points = 0;
            for (RuleHit hit : hits) {
                points += hit.shadow() ? 0 : hit.points();
            }
            return points;
        }

        String mostFired() {
            Map<String, Long> counts = new java.util.HashMap<>();
            hits.forEach(hit -> counts.merge(hit.code(), 1L, Long::sum));
            return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("?");
        }
    }
}
