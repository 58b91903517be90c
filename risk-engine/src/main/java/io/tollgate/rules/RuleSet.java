package io.tollgate.rules;

import io.tollgate.RuleHit;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.Carrier;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import io.tollgate.facts.Charge;
import io.tollgate.facts.Complaints;
import io.tollgate.facts.ListHits;
import io.tollgate.facts.RiskScore;
import io.tollgate.facts.Subscriber;
import io.tollgate.facts.Subscription;
import io.tollgate.facts.Velocity;
import io.tollgate.facts.VelocityWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.KeepReferenceOption;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.AgendaGroup;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.Match;

/**
 * One compiled, validated rule set: an immutable snapshot identified by its version. Evaluation
 * runs in two phases on a session of its own: every rule outside ruleflow-group {@code "decide"}
 * fires on the facts, then a {@link RiskScore} of the enforced hits' points is inserted and the
 * decision rules fire. Thread-safe: each evaluation takes a session no other evaluation holds.
 *
 * <p><b>Sessions.</b> When every rule matches on the facts alone ({@link SessionReuse}), a session
 * is kept between evaluations, without the cost of resetting every node memory and rebuilding the
 * fact store: the next charge's facts replace the last one's (an update of each fact handle, which
 * re-evaluates and re-fires every match as an insert into a fresh session would). The score is
 * deleted after each evaluation, so the first phase never sees a score, unless no rule could see it
 * there ({@link SessionReuse#allowsKeptScore}: every rule matching a score is a decision rule, which
 * fires only in the second phase): then it stays and the next evaluation updates it, as the facts. A rule
 * set with a rule that also matches the absence of facts, or that keeps state of its own (an
 * activation group, lock-on-active), is evaluated on pooled sessions reset after each evaluation.
 */
public final class RuleSet implements RuleEvaluator {
    /** The ruleflow-group of the decision threshold rules. */
    public static final String DECIDE_GROUP = "decide";
    /** Most rule firings one evaluation may take before it is stopped as a loop. */
    public static final int MAX_FIRINGS = 1_000;
    /**
     * Longest one evaluation may take before it is stopped and the engine's failure policy decides.
     * Far above what any check costs, and above a cold first evaluation ({@link #warm()} takes that
     * one before the rule set decides), so only a pathological rule set or a stalled JVM reaches it.
     */
    public static final Duration MAX_EVALUATION_TIME = Duration.ofSeconds(1);

    private final String version;
    private final KieBase kieBase;
    private final Map<String, RuleMeta> rules;
    private final List<RuleFile> files;
    /** The hit of each rule of the KieBase, by identity: a firing is turned into its hit without building a name. */
    private final Map<Rule, RuleHit> hitsByRule;
    /**
     * Most sessions kept between evaluations: more than the evaluations that run at once with a
     * gateway's usual pool of a few hundred threads; a session beyond it is disposed of after its
     * evaluation. The shelf is searched from its first slot, so unused slots cost nothing.
     */
    private static final int KEPT_SESSIONS = 256;

    /** Sessions kept between evaluations (rule sets whose sessions can be reused), the first slots first. */
    private final SessionShelf<Evaluation> idle = new SessionShelf<>(KEPT_SESSIONS);
    /** Sessions reset after each evaluation, for rule sets whose sessions cannot be reused; else null. */
    private final KieSessionsPool resetSessions;
    /** Whether a kept session keeps its score for the next evaluation to update. */
    private final boolean keepsScore;
    /** {@link #MAX_EVALUATION_TIME} in nanoseconds; tests lower it. */
    private volatile long budgetNanos = MAX_EVALUATION_TIME.toNanos();

    RuleSet(String version, KieBase kieBase, Map<String, RuleMeta> rules, List<RuleFile> files, boolean reusable,
            boolean scoreMayBeKept) {
        this.version = version;
        this.kieBase = kieBase;
        this.rules = Map.copyOf(rules);
        this.files = List.copyOf(files);
        this.hitsByRule = hitsByRule(kieBase, this.rules);
        this.resetSessions = reusable ? null
                : kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors() * 2);
        this.keepsScore = reusable && scoreMayBeKept;
    }

    private static Map<Rule, RuleHit> hitsByRule(KieBase kieBase, Map<String, RuleMeta> rules) {
        Map<Rule, RuleHit> hits = new IdentityHashMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                RuleMeta meta = rules.get(RuleSetCompiler.qualified(rule.getPackageName(), rule.getName()));
                if (meta != null) {
                    hits.put(rule, meta.hit());
                }
            }
        }
        return hits;
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
     * @throws RuleEvaluationException when a rule throws, the rules fire more than {@link #MAX_FIRINGS} times,
     *     or the evaluation takes longer than {@link #MAX_EVALUATION_TIME}
     */
    @Override
    public List<RuleHit> evaluate(Collection<?> facts) {
        Evaluation evaluation = resetSessions != null ? new Evaluation(resetSessions.newKieSession())
                : idle.take();
        if (evaluation == null) {
            evaluation = new Evaluation(kieBase.newKieSession(sessionConfiguration(), null));
        }
        boolean reusable = false;
        try {
            List<RuleHit> hits = evaluation.run(facts);
            reusable = resetSessions == null && evaluation.clear();
            return hits;
        } finally {
            if (!reusable || !idle.put(evaluation)) {
                evaluation.dispose(); // a pooled session goes back to its pool, reset; any other (failed, or with the shelf full) is discarded
            }
        }
    }

    /**
     * A kept session is used by one evaluation at a time, handed between threads through the idle
     * shelf, so it needs none of a session's own locking; nor does the KieBase track it (it is
     * never updated, and it is collected with the rule set).
     */
    private static KieSessionConfiguration sessionConfiguration() {
        KieSessionConfiguration configuration = KieServices.get().newKieSessionConfiguration();
        configuration.setOption(ThreadSafeOption.NO);
        configuration.setOption(KeepReferenceOption.NO);
        return configuration;
    }

    /**
     * Evaluates the rule set once on a typical charge's facts and forgets the hits: the first
     * evaluation of a KieBase builds its network's memories and loads the constraints' classes,
     * which should not be a gateway's charge (nor count against its time budget).
     */
    void warm() {
        Charge charge = new Charge("warm-up", "13800138000", Carrier.CMCC, "北京", "M0", "P0", 500, BillingType.PER_USE,
                ChargeKind.INITIAL, PayMode.SMS_OTP, "device", "10.0.0.1", 6_000L, 12);
        VelocityWindow window = new VelocityWindow(1, 1, 1, 1, 1, 500, 500, 500, 500, 500);
        Velocity velocity = new Velocity(window, window, window, window, 1, 1, 1, 1, 1, 1, 1);
        long budget = budgetNanos;
        budgetNanos = Long.MAX_VALUE / 4;
        try {
            evaluate(List.of(charge, Subscriber.UNKNOWN, ListHits.NONE, new Complaints(0, 0, 0, false, 0, 0, 0, 0, 0),
                    velocity, Subscription.NONE));
        } catch (RuleEvaluationException e) {
            // a rule that fails on these facts fails on a gateway's too, and is decided by its failure policy
        } finally {
            budgetNanos = budget;
        }
    }

    /** Sets how long one evaluation may take (tests: a budget every evaluation goes over). */
    void evaluationBudget(Duration budget) {
        this.budgetNanos = budget.toNanos();
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** @return whether sessions are kept between evaluations (else reset after each) */
    boolean reusesSessions() {
        return resetSessions == null;
    }

    /** @return whether a kept session keeps its score for the next evaluation to update (else deletes it) */
    boolean keepsScore() {
        return keepsScore;
    }

    /** The hit of a rule that fired, or null for a rule without metadata. */
    private RuleHit hitOf(Rule rule) {
        RuleHit hit = hitsByRule.get(rule);
        if (hit != null) {
            return hit;
        }
        RuleMeta meta = rules.get(RuleSetCompiler.qualified(rule.getPackageName(), rule.getName()));
        return meta == null ? null : meta.hit();
    }

    /**
     * One session and the hits of the evaluation running on it; used by one thread at a time. Hits
     * are recorded as the agenda filter of the firings: a match the filter accepts fires at once,
     * in the same order, and a session without event listeners builds no event objects.
     */
    private final class Evaluation implements AgendaFilter {
        private final KieSession session;
        private final AgendaGroup decide;
        /** The handles of the last evaluation's facts, kept for the next one's, and their classes. */
        private final List<FactHandle> handles = new ArrayList<>(8);
        private final List<Class<?>> classes = new ArrayList<>(8);
        private FactHandle score;
        private List<RuleHit> hits = new ArrayList<>(4);
        /** When this evaluation must end, in {@link System#nanoTime()}; and whether it went past that. */
        private long deadline;
        private boolean overBudget;

        Evaluation(KieSession session) {
            this.session = session;
            this.decide = session.getAgenda().getAgendaGroup(DECIDE_GROUP);
        }

        List<RuleHit> run(Collection<?> facts) {
            deadline = System.nanoTime() + budgetNanos;
            overBudget = false;
            try {
                putFacts(facts);
                checkBudget();
                int fired = session.fireAllRules(this, MAX_FIRINGS);
                checkBudget();
                if (decide != null) { // a rule set without decision rules decides by actions alone
                    RiskScore points = new RiskScore(enforcedPoints());
                    if (score == null) {
                        score = session.insert(points);
                    } else {
                        session.update(score, points); // kept from the last evaluation
                    }
                    decide.setFocus();
                    fired += session.fireAllRules(this, MAX_FIRINGS);
                    checkBudget();
                }
                if (fired >= MAX_FIRINGS) {
                    throw new RuleEvaluationException("rules fired " + fired + " times on one charge; looping rule: "
                            + mostFired());
                }
                return hits;
            } catch (RuleEvaluationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new RuleEvaluationException("rule evaluation failed after " + hits.size() + " hits: " + e, e);
            }
        }

        private void checkBudget() {
            if (overBudget || System.nanoTime() - deadline > 0) {
                throw new RuleEvaluationException("rule evaluation took longer than " + budgetNanos / 1_000_000
                        + " ms on one charge; stopped after " + hits.size() + " hits");
            }
        }

        /** Updates the last evaluation's facts to these when they are of the same classes in the same order, else replaces them. */
        private void putFacts(Collection<?> facts) {
            List<?> list = facts instanceof List<?> given ? given : new ArrayList<>(facts); // indexed: no iterators per check
            boolean sameClasses = list.size() == classes.size();
            for (int i = 0; sameClasses && i < list.size(); i++) {
                Object next = list.get(i);
                sameClasses = next != null && next.getClass() == classes.get(i);
            }
            if (sameClasses) {
                for (int i = 0; i < list.size(); i++) {
                    session.update(handles.get(i), list.get(i));
                }
                return;
            }
            for (FactHandle handle : handles) {
                session.delete(handle);
            }
            handles.clear();
            classes.clear();
            for (Object fact : facts) {
                if (fact != null) {
                    handles.add(session.insert(fact));
                    classes.add(fact.getClass());
                }
            }
        }

        /**
         * Deletes the score (unless the rule set {@link #keepsScore}) and forgets the hits, leaving the
         * charge's facts (and score) for the next evaluation to update.
         *
         * @return whether the session holds exactly those facts and may evaluate the next charge
         */
        boolean clear() {
            if (score != null && !keepsScore) {
                session.delete(score);
                score = null;
            }
            hits = new ArrayList<>(4);
            return session.getFactCount() == handles.size() + (score == null ? 0 : 1);
        }

        void dispose() {
            session.dispose();
        }

        /** Records the hit of a match about to fire (its consequence is empty), and lets it fire. */
        @Override
        public boolean accept(Match match) {
            if (System.nanoTime() - deadline > 0) {
                overBudget = true;
                session.halt(); // fires nothing more; the evaluation fails and its session is discarded
                return false;
            }
            RuleHit hit = hitOf(match.getRule());
            if (hit != null) {
                hits.add(hit);
            }
            return true;
        }

        private int enforcedPoints() {
            int points = 0;
            for (RuleHit hit : hits) {
                points += hit.shadow() ? 0 : hit.points();
            }
            return points;
        }

        private String mostFired() {
            Map<String, Long> counts = new java.util.HashMap<>();
            hits.forEach(hit -> counts.merge(hit.code(), 1L, Long::sum));
            return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("?");
        }
    }
}
