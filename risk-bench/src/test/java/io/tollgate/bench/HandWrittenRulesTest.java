package io.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tollgate.RuleHit;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.Carrier;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import io.tollgate.facts.Charge;
import io.tollgate.facts.Complaints;
import io.tollgate.facts.ListHits;
import io.tollgate.facts.Subscriber;
import io.tollgate.facts.Subscription;
import io.tollgate.facts.Velocity;
import io.tollgate.facts.VelocityWindow;
import io.tollgate.rules.RuleSet;
import io.tollgate.rules.RuleSetCompiler;
import io.tollgate.rules.RuleSource;
import io.tollgate.signals.subscriber.Plan;
import io.tollgate.signals.subscriber.SubscriberStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Rule evaluation alone, Drools against the hand-written rules, on random facts drawn on both sides
 * of every rule's thresholds (and with the nulls of an unknown subscriber, a missing device, IP or
 * OTP): the generated golden set of {@link GoldenSetTest} does not reach every rule, these facts
 * reach all of them.
 */
class HandWrittenRulesTest {
    private static final int CASES = 20_000;

    @Test
    void evaluate_randomFactsAroundEveryThreshold_sameHitsAsDrools() {
        RuleSet drools = RuleSetCompiler.compile(RuleSource.packaged().read());
        HandWrittenRules java = new HandWrittenRules();
        Random random = new Random(7);
        Set<String> seen = new TreeSet<>();
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            List<Object> facts = randomFacts(random, "R" + i);
            List<String> expected = sortedCodes(drools.evaluate(facts));
            List<String> actual = sortedCodes(java.evaluate(facts));
            if (!expected.equals(actual) && differences.size() < 5) {
                differences.add("  " + facts + ":\n    Drools " + expected + ", hand-written " + actual);
            }
            seen.addAll(expected);
        }
        if (!differences.isEmpty()) {
            fail("the hand-written rules differ from the DRL (the first " + differences.size() + "):\n"
                    + String.join("\n", differences));
        }
        assertThat(seen).as("rules hit").hasSize(HandWrittenRules.ALL.size());
    }

    private static List<Object> randomFacts(Random random, String requestId) {
        BillingType billing = pick(random, BillingType.values());
        ChargeKind kind = billing.isSubscription() ? pick(random, ChargeKind.values()) : ChargeKind.INITIAL;
        Charge charge = new Charge(requestId, "13800138000", Carrier.CMCC, "北京", "M1001", "P1001-01",
                pick(random, 500L, 999L, 1_000L, 2_999L, 3_000L, 3_001L, 5_000L, 10_000L), billing, kind,
                pick(random, PayMode.values()), random.nextBoolean() ? "dev-A" : null,
                random.nextBoolean() ? "10.0.0.1" : null, pick(random, null, 500L, 1_999L, 2_000L, 2_999L, 3_000L,
                        5_999L, 6_000L, 9_000L), pick(random, 0, 5, 6, 12, 23));
        Subscriber subscriber = random.nextInt(5) == 0 ? Subscriber.UNKNOWN : new Subscriber(true, Carrier.CMCC,
                pick(random, Plan.values()), pick(random, SubscriberStatus.values()), pick(random, -1L, 0L, 6L, 7L, 400L),
                pick(random, 0L, 999L, 1_000L, 3_000L, 20_000L), pick(random, 0, 0, 0, 1, 6, 7, 29, 30),
                pick(random, -1L, -1L, 0L, 29L, 30L));
        ListHits lists = new ListHits(rare(random), rare(random), rare(random), rare(random), List.of());
        Complaints complaints = new Complaints(pick(random, 0, 0, 1, 2), pick(random, 0, 0, 1, 2, 3),
                pick(random, 0, 1, 2, 2, 3, 4), rare(random),
                pick(random, 0, 0, 1), pick(random, 0, 1, 2), 0, pick(random, 999L, 1_000L, 5_000L),
                pick(random, 0.0, 30.0, 30.1, 80.0));
        VelocityWindow number = new VelocityWindow(pick(random, 1, 5, 6, 10, 11), 1, 1, 1, 1, 0, 0, 0,
                pick(random, 500L, 10_000L, 10_001L), pick(random, 500L, 30_000L, 30_001L));
        Velocity velocity = new Velocity(number, VelocityWindow.NONE, VelocityWindow.NONE, number,
                pick(random, 1, 3, 4), 1, pick(random, 1, 10, 11), pick(random, 1, 2, 3), pick(random, 1, 2, 3),
                pick(random, 1, 5, 6, 9), pick(random, 1, 3, 4, 6));
        Subscription subscription = random.nextBoolean() ? Subscription.NONE
                : new Subscription(true, BillingType.MONTHLY_CALENDAR, null, null, random.nextBoolean());
        return List.of(charge, subscriber, lists, complaints, velocity, subscription);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static boolean rare(Random random) {
        return random.nextInt(8) == 0;
    }

    private static List<String> sortedCodes(List<RuleHit> hits) {
        return hits.stream().map(RuleHit::code).sorted().toList();
    }
}
