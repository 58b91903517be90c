package io.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tollgate.Decision;
import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.replay.SettableClock;
import io.tollgate.rules.RuleMeta;
import io.tollgate.rules.RuleSet;
import io.tollgate.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden set that makes the Drools-versus-hand-written comparison honest: 10,000+ generated
 * charges (seed 42, every pattern) are replayed point-in-time through both pipelines, each in its
 * own engine with its own fresh H2 file and its own clock set to each charge's timestamp (as
 * {@code Replay} does), and every charge must get the same decision, score and set of hit codes.
 */
class GoldenSetTest {
    private static final int MAX_REPORTED = 20;
    private static Traffic traffic;

    @TempDir
    Path scratch;

    @BeforeAll
    static void generate() {
        traffic = Traffic.generate(42, 2_400, 30);
    }

    @AfterAll
    static void deleteTraffic() {
        traffic.close();
    }

    @Test
    void replay_goldenSet_bothPipelinesDecideEveryChargeAlike() {
        List<ChargeRequest> charges = traffic.charges();
        assertThat(charges).hasSizeGreaterThanOrEqualTo(10_000);
        SettableClock droolsClock = new SettableClock(Instant.EPOCH);
        SettableClock javaClock = new SettableClock(Instant.EPOCH);
        List<String> differences = new ArrayList<>();
        Map<Decision, Integer> decisions = new EnumMap<>(Decision.class);
        Map<String, Integer> hitsByCode = new TreeMap<>();
        try (RiskEngine drools = Pipeline.DROOLS.open(url("drools"), droolsClock);
             RiskEngine java = Pipeline.HAND_WRITTEN.open(url("java"), javaClock)) {
            drools.importData(traffic.dataFolder());
            java.importData(traffic.dataFolder());
            for (ChargeRequest charge : charges) {
                droolsClock.set(charge.ts());
                javaClock.set(charge.ts());
                RiskVerdict expected = drools.check(charge);
                RiskVerdict actual = java.check(charge);
                Set<String> expectedCodes = codes(expected);
                Set<String> actualCodes = codes(actual);
                if (expected.decision() != actual.decision() || expected.score() != actual.score()
                        || !expectedCodes.equals(actualCodes)) {
                    differences.add(describe(charge, expected, expectedCodes, actual, actualCodes));
                }
                decisions.merge(expected.decision(), 1, Integer::sum);
                expectedCodes.forEach(code -> hitsByCode.merge(code, 1, Integer::sum));
            }
            assertThat(java.rulesetVersion()).isEqualTo(drools.rulesetVersion()); // the rule set itself is the same
        }
        if (!differences.isEmpty()) {
            fail(String.format("%d of %d charges decided differently (the first %d):%n%s", differences.size(),
                    charges.size(), Math.min(MAX_REPORTED, differences.size()),
                    String.join("\n", differences.subList(0, Math.min(MAX_REPORTED, differences.size())))));
        }
        // The set is only golden if it exercises the rules: every decision, and most rules, occur in it
        // (33 of 41 with seed 42; HandWrittenRulesTest covers every rule at its thresholds).
        assertThat(decisions).as("decisions %s", decisions).containsKeys(Decision.values());
        assertThat(hitsByCode.size()).as("rules hit: %s", hitsByCode).isGreaterThanOrEqualTo(30);
    }

    @Test
    void handWrittenRules_metadata_equalsTheDefaultRuleSet() {
        RuleSet ruleSet = io.tollgate.rules.RuleSetCompiler.compile(io.tollgate.rules.RuleSource.packaged().read());
        Map<String, RuleHit> drl = ruleSet.rules().stream().map(RuleMeta::hit)
                .collect(Collectors.toMap(RuleHit::code, Function.identity()));
        Map<String, RuleHit> java = HandWrittenRules.ALL.stream()
                .collect(Collectors.toMap(RuleHit::code, Function.identity()));
        assertThat(java).isEqualTo(drl);
    }

    @Test
    void handWrittenRules_verdicts_nameTheBaselineVersion() {
        SettableClock clock = new SettableClock(traffic.start());
        try (RiskEngine java = Pipeline.HAND_WRITTEN.open(url("version"), clock)) {
            assertThat(java.check(traffic.charges().get(0)).rulesetVersion()).isEqualTo(HandWrittenRules.VERSION);
        }
    }

    private String url(String name) {
        // as Replay: a scratch database deleted afterwards needs no write at every commit
        return Database.h2FileUrl(scratch.resolve(name)) + ";WRITE_DELAY=500";
    }

    private static Set<String> codes(RiskVerdict verdict) {
        return verdict.hits().stream().map(RuleHit::code).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(ChargeRequest charge, RiskVerdict expected, Set<String> expectedCodes,
            RiskVerdict actual, Set<String> actualCodes) {
        Set<String> onlyDrools = new TreeSet<>(expectedCodes);
        onlyDrools.removeAll(actualCodes);
        Set<String> onlyJava = new TreeSet<>(actualCodes);
        onlyJava.removeAll(expectedCodes);
        return String.format("  %s (%s): Drools %s score %d, hand-written %s score %d; only Drools hit %s, only"
                        + " hand-written hit %s", charge.requestId(), charge.label(), expected.decision(),
                expected.score(), actual.decision(), actual.score(), onlyDrools, onlyJava);
    }
}
