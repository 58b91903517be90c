package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading never drops a check: 8 threads keep checking while the rule set is swapped 50 times. */
class ReloadUnderLoadTest {
    @TempDir
    Path folder;

    /** Version A flags a charge over 30 CNY, version B over 20 CNY; nothing else depends on history. */
    private static Decision expected(String version, Map<String, Long> thresholds, long amountFen) {
        return amountFen > thresholds.get(version) ? Decision.FLAG : Decision.ALLOW;
    }

    @Test
    void reload_fiftySwapsUnderEightCheckingThreads_noCheckFailsAndEachVerdictIsItsVersions() throws Exception {
        Path rulesFolder = Files.createDirectories(folder.resolve("rules"));
        Path file = rulesFolder.resolve("big.drl");
        String a = TestRules.bigCharge(3000);
        String b = TestRules.bigCharge(2000);
        String versionA = RuleSetCompiler.version(List.of(new RuleFile("big.drl", a)));
        String versionB = RuleSetCompiler.version(List.of(new RuleFile("big.drl", b)));
        Map<String, Long> thresholds = Map.of(versionA, 3000L, versionB, 2000L);
        Files.writeString(file, a);

        try (RiskEngine engine = RiskEngine.builder().rules(rulesFolder).database(folder.resolve("db")).build()) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ids = new AtomicInteger();
            Queue<String> wrong = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch started = new CountDownLatch(8);
            List<Future<Integer>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    started.countDown();
                    int checks = 0;
                    while (running.get()) {
                        int id = ids.incrementAndGet();
                        long amount = 1500 + (id % 3) * 1000; // 15, 25 or 35 CNY
                        // each charge from its own number block and device: no history, no velocity
                        String number = String.format("13%03d%02d%04d", id % 1000, (id / 1000) % 100, id % 10000);
                        RiskVerdict verdict = engine.check(ChargeRequest.builder().requestId("R" + id).msisdn(number)
                                .merchantId("M1").productId("P1").amountFen(amount).billingType(BillingType.PER_USE)
                                .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).otpLatencyMs(8000L)
                                .deviceId("d" + id).build());
                        if (!thresholds.containsKey(verdict.rulesetVersion())
                                || verdict.decision() != expected(verdict.rulesetVersion(), thresholds, amount)) {
                            wrong.add("R" + id + " " + amount + " " + verdict);
                        }
                        checks++;
                    }
                    return checks;
                }));
            }
            started.await();
            for (int swap = 0; swap < 50; swap++) {
                Files.writeString(file, swap % 2 == 0 ? b : a);
                assertThat(engine.reloadRules().accepted()).isTrue();
            }
            running.set(false);
            int checks = 0;
            for (Future<Integer> worker : workers) {
                checks += worker.get(60, TimeUnit.SECONDS); // rethrows any exception of a check
            }
            pool.shutdown();

            assertThat(wrong).isEmpty();
            assertThat(checks).isPositive();
            assertThat(engine.rulesetVersion()).isEqualTo(versionA);
        }
    }
}
