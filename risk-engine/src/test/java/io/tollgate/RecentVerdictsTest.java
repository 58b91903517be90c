package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.store.DecisionLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentVerdictsTest {
    private static final long DAY = Duration.ofDays(1).toNanos();

    private static DecisionLog.Stored stored(String fingerprint) {
        return stored("R1", fingerprint);
    }

    private static DecisionLog.Stored stored(String requestId, String fingerprint) {
        return new DecisionLog.Stored(fingerprint,
                new RiskVerdict(requestId, Decision.ALLOW, 0, List.of(), "v1", Instant.parse("2026-03-01T10:00:00Z"), false));
    }

    @Test
    void get_concurrentChecksOfOneRequestId_decidedOnceAndAllGetItsVerdict() throws Exception {
        RecentVerdicts recent = new RecentVerdicts(1_000, DAY);
        AtomicInteger decisions = new AtomicInteger();
        CountDownLatch deciding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DecisionLog.Stored first = stored("F1");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<RecentVerdicts.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> recent.get("R1", id -> {
                decisions.incrementAndGet();
                deciding.countDown();
                await(release);
                return first;
            })));
        }
        assertThat(deciding.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50); // the others reach the claim and wait
        release.countDown();
        int decidedNow = 0;
        for (Future<RecentVerdicts.Answer> answer : answers) {
            assertThat(answer.get().stored()).isEqualTo(first);
            decidedNow += answer.get().decidedNow() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(decisions).hasValue(1);
        assertThat(decidedNow).isEqualTo(1);
    }

    @Test
    void get_keptRequestId_answeredWithoutDeciding() {
        RecentVerdicts recent = new RecentVerdicts(1_000, DAY);
        DecisionLog.Stored first = stored("F1");
        recent.get("R1", id -> first);

        RecentVerdicts.Answer again = recent.get("R1", id -> stored("F2"));

        assertThat(again.stored()).isEqualTo(first);
        assertThat(again.decidedNow()).isFalse();
    }

    @Test
    void get_decisionThrows_nothingKeptAndTheNextCallDecides() {
        RecentVerdicts recent = new RecentVerdicts(1_000, DAY);
        assertThatThrownBy(() -> recent.get("R1", id -> {
            throw new IllegalStateException("store down");
        })).isInstanceOf(IllegalStateException.class);

        RecentVerdicts.Answer next = recent.get("R1", id -> stored("F2"));

        assertThat(next.decidedNow()).isTrue();
        assertThat(next.stored().fingerprint()).isEqualTo("F2");
    }

    @Test
    void get_decisionThrowsWhileADuplicateWaits_theDuplicateDecidesInTurn() throws Exception {
        RecentVerdicts recent = new RecentVerdicts(1_000, DAY);
        CountDownLatch deciding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> failing = pool.submit(() -> recent.get("R1", id -> {
            deciding.countDown();
            await(release);
            throw new IllegalStateException("store down");
        }));
        assertThat(deciding.await(5, TimeUnit.SECONDS)).isTrue();
        Future<RecentVerdicts.Answer> duplicate = pool.submit(() -> recent.get("R1", id -> stored("F2")));
        Thread.sleep(50);
        release.countDown();

        assertThat(duplicate.get().decidedNow()).isTrue();
        assertThat(duplicate.get().stored().fingerprint()).isEqualTo("F2");
        assertThatThrownBy(failing::get).hasCauseInstanceOf(IllegalStateException.class);
        pool.shutdown();
    }

    @Test
    void get_pastCapacity_keepsAtMostCapacityAndForgetsTheOldest() {
        RecentVerdicts recent = new RecentVerdicts(640, DAY); // 10 per stripe
        for (int i = 0; i < 10_000; i++) {
            recent.get("R" + i, id -> stored(id));
        }
        int kept = 0;
        for (int i = 0; i < 10_000; i++) {
            kept += recent.get("R" + i, id -> stored("again")).decidedNow() ? 0 : 1;
        }
        // the second pass itself claims and evicts; what matters: bounded, and the newest are kept
        assertThat(kept).isLessThanOrEqualTo(640);
        assertThat(recent.get("R9999", id -> stored("again")).stored().fingerprint()).isEqualTo("again");
        RecentVerdicts fresh = new RecentVerdicts(640, DAY);
        for (int i = 0; i < 10_000; i++) {
            fresh.get("R" + i, id -> stored(id));
        }
        assertThat(fresh.get("R9999", id -> stored("again")).decidedNow()).isFalse();
        assertThat(fresh.get("R0", id -> stored("again")).decidedNow()).isTrue();
    }

    @Test
    void get_olderThanTheTimeToLive_decidedAgain() throws Exception {
        RecentVerdicts recent = new RecentVerdicts(1_000, Duration.ofMillis(1).toNanos());
        recent.get("R1", id -> stored("F1"));
        Thread.sleep(5);

        RecentVerdicts.Answer later = recent.get("R1", id -> stored("F2"));

        assertThat(later.decidedNow()).isTrue();
        assertThat(later.stored().fingerprint()).isEqualTo("F2");
    }

    @Test
    void remove_onlyTheVerdictGiven() {
        RecentVerdicts recent = new RecentVerdicts(1_000, DAY);
        DecisionLog.Stored first = recent.get("R1", id -> stored("F1")).stored();

        recent.remove("R1", stored("F0")); // another verdict of the id
        assertThat(recent.get("R1", id -> stored("F2")).stored()).isEqualTo(first);
        recent.remove("R1", stored("F1")); // equal to the one kept
        assertThat(recent.get("R1", id -> stored("F2")).stored().fingerprint()).isEqualTo("F2");
    }

    @Test
    void get_keptVerdict_rebuiltEqualField_byField() {
        RecentVerdicts recent = new RecentVerdicts(1_000, DAY);
        RuleHit hit = new RuleHit("VEL-COUNT-10M", 40, Decision.FLAG, "6 charges in 10 minutes", false, true);
        RuleHit shadow = new RuleHit("NEW-DEVICE", 10, null, "first charge from the device", true, false);
        DecisionLog.Stored flagged = new DecisionLog.Stored("0123456789abcdef".repeat(4), new RiskVerdict("R1",
                Decision.FLAG, 50, List.of(hit, shadow), "3f9a", Instant.parse("2026-03-01T10:00:00.123456789Z"), true));
        DecisionLog.Stored blocked = new DecisionLog.Stored("not-a-hash", new RiskVerdict("R2",
                Decision.BLOCK, 100, List.of(), "3f9a", Instant.parse("1969-12-31T23:59:59.5Z"), false));
        recent.get("R1", id -> flagged);
        recent.get("R2", id -> blocked);

        RecentVerdicts.Answer retryOfFlagged = recent.get("R1", id -> stored("again"));
        RecentVerdicts.Answer retryOfBlocked = recent.get("R2", id -> stored("again"));

        assertThat(retryOfFlagged.decidedNow()).isFalse();
        assertThat(retryOfFlagged.stored()).isEqualTo(flagged);
        assertThat(retryOfBlocked.stored()).isEqualTo(blocked);
    }

    @Test
    void get_pastCapacityWhileTheOldestIsStillDecided_aDuplicateStillWaitsForIt() throws Exception {
        RecentVerdicts recent = new RecentVerdicts(64, DAY); // one per stripe
        CountDownLatch deciding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger decisions = new AtomicInteger();
        DecisionLog.Stored first = stored("R-SLOW", "F1");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<RecentVerdicts.Answer> slow = pool.submit(() -> recent.get("R-SLOW", id -> {
            decisions.incrementAndGet();
            deciding.countDown();
            await(release);
            return first;
        }));
        assertThat(deciding.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 1_000; i++) { // every stripe overflows many times over
            recent.get("R" + i, id -> stored(id));
        }
        Future<RecentVerdicts.Answer> duplicate = pool.submit(() -> recent.get("R-SLOW", id -> {
            decisions.incrementAndGet();
            return stored("F2");
        }));
        Thread.sleep(50);
        release.countDown();

        assertThat(duplicate.get().stored()).isEqualTo(first);
        assertThat(slow.get().decidedNow()).isTrue();
        assertThat(decisions).hasValue(1);
        pool.shutdown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
