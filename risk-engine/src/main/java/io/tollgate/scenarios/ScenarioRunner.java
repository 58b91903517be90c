package io.tollgate.scenarios;

import io.tollgate.FailurePolicy;
import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import io.tollgate.TollgateException;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.data.DataFiles;
import io.tollgate.replay.SettableClock;
import io.tollgate.rules.RuleMeta;
import io.tollgate.rules.RuleSet;
import io.tollgate.signals.complaints.Complaint;
import io.tollgate.signals.complaints.Dispute;
import io.tollgate.signals.lists.ListEntry;
import io.tollgate.signals.subscriber.SubscriberProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs rule scenarios: each in a fresh engine on its own in-memory database with the rule set under
 * test, its clock set to each earlier charge's time and then to the scenario's {@code at}. Also
 * checks that every rule has a scenario where it fires and a near miss where it does not.
 * Thread-safe; scenarios run one after another.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    /**
     * The outcome of a run.
     *
     * @param results one per scenario, in file order
     * @param coverageGaps rules without a firing scenario or without a near miss
     * @param rulesetVersion the rule set tested
     */
    public record Report(List<ScenarioResult> results, List<String> coverageGaps, String rulesetVersion) {
        /** @return whether every scenario passed and every rule is covered both ways */
        public boolean passed() {
            return coverageGaps.isEmpty() && results.stream().allMatch(ScenarioResult::passed);
        }

        /** @return the scenarios that failed */
        public List<ScenarioResult> failures() {
            return results.stream().filter(result -> !result.passed()).toList();
        }
    }

    /**
     * @param rulesFolder the rule set under test
     * @param scenarios the scenarios
     * @return every result and every rule lacking a scenario
     */
    public static Report run(Path rulesFolder, List<Scenario> scenarios) {
        List<ScenarioResult> results = new ArrayList<>();
        RuleSet ruleSet = null;
        for (Scenario scenario : scenarios) {
            SettableClock clock = new SettableClock(scenario.at());
            try (RiskEngine engine = RiskEngine.builder().rules(rulesFolder).clock(clock)
                    .jdbcUrl("jdbc:h2:mem:scenario-" + UUID.randomUUID()).build()) {
                ruleSet = engine.ruleSet();
                results.add(run(scenario, engine, clock));
            }
        }
        List<String> gaps = ruleSet == null ? List.of("no scenario at all") : coverageGaps(ruleSet, results);
        return new Report(results, gaps, ruleSet == null ? "" : ruleSet.version());
    }

    static ScenarioResult run(Scenario scenario, RiskEngine engine, SettableClock clock) {
        try {
            engine.importData(new DataFiles(
                    scenario.subscribers().stream().map(SubscriberProfile::fromColumns).toList(),
                    scenario.blacklist().stream().map(ListEntry::fromColumns).toList(),
                    scenario.complaints().stream().map(Complaint::fromColumns).toList(),
                    scenario.disputes().stream().map(Dispute::fromColumns).toList()));
            for (Scenario.PriorCharge prior : scenario.priorCharges()) {
                ChargeRequest charge = ChargeRequest.fromColumns(prior.columns());
                if (charge.ts().isAfter(scenario.at())) {
                    return failed(scenario, "earlier charge " + charge.requestId() + " is after 'at'");
                }
                clock.set(charge.ts());
                engine.check(charge);
                if (prior.carrierFailed()) {
                    engine.reportCarrierResult(charge.requestId(), false);
                }
            }
            clock.set(scenario.at());
            RiskVerdict verdict = engine.check(ChargeRequest.fromColumns(scenario.charge()));
            return new ScenarioResult(scenario, verdict, compare(scenario.expect(), verdict));
        } catch (TollgateException | IllegalArgumentException e) {
            return failed(scenario, "cannot run: " + e.getMessage());
        }
    }

    private static ScenarioResult failed(Scenario scenario, String why) {
        return new ScenarioResult(scenario, null, List.of(why));
    }

    private static List<String> compare(Scenario.Expectation expect, RiskVerdict verdict) {
        List<String> differences = new ArrayList<>();
        Set<String> codes = verdict.hits().stream().map(RuleHit::code).collect(Collectors.toCollection(TreeSet::new));
        boolean errorExpected = expect.fires().contains(FailurePolicy.ENGINE_ERROR)
                || (expect.hits() != null && expect.hits().contains(FailurePolicy.ENGINE_ERROR));
        if (codes.contains(FailurePolicy.ENGINE_ERROR) && !errorExpected) {
            differences.add("the rules could not decide this charge (" + FailurePolicy.ENGINE_ERROR
                    + "): a rule threw or looped; the engine's warning names it");
            return differences;
        }
        if (expect.decision() != null && expect.decision() != verdict.decision()) {
            differences.add("expected decision " + expect.decision() + ", got " + verdict.decision() + " " + codes);
        }
        if (expect.score() != null && expect.score() != verdict.score()) {
            differences.add("expected score " + expect.score() + ", got " + verdict.score());
        }
        if (expect.hits() != null && !new TreeSet<>(expect.hits()).equals(codes)) {
            differences.add("expected hits " + new TreeSet<>(expect.hits()) + ", got " + codes);
        }
        Set<String> missing = new TreeSet<>(expect.fires());
        missing.removeAll(codes);
        if (!missing.isEmpty()) {
            differences.add("expected to fire " + missing + ", got " + codes);
        }
        Set<String> unwanted = new TreeSet<>(expect.doesNotFire());
        unwanted.retainAll(codes);
        if (!unwanted.isEmpty()) {
            differences.add("expected not to fire " + unwanted + ", but it did");
        }
        return differences;
    }

    private static List<String> coverageGaps(RuleSet ruleSet, List<ScenarioResult> results) {
        Set<String> fired = new TreeSet<>();
        Set<String> nearMissed = new TreeSet<>();
        for (ScenarioResult result : results) {
            if (!result.passed()) {
                continue;
            }
            Scenario.Expectation expect = result.scenario().expect();
            fired.addAll(expect.fires());
            if (expect.hits() != null) {
                fired.addAll(expect.hits());
            }
            nearMissed.addAll(expect.doesNotFire());
        }
        List<String> gaps = new ArrayList<>();
        for (RuleMeta rule : ruleSet.rules().stream().sorted((a, b) -> a.code().compareTo(b.code())).toList()) {
            String where = rule.file() + ":" + rule.line() + ": " + rule.code();
            if (!fired.contains(rule.code())) {
                gaps.add(where + ": no passing scenario where it fires (expect hits/fires)");
            }
            if (!nearMissed.contains(rule.code())) {
                gaps.add(where + ": no passing near miss where it does not fire (expect does_not_fire)");
            }
        }
        return gaps;
    }
}
