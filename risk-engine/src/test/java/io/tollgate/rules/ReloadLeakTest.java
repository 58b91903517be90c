package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.RiskEngine;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated reloads do not leak: heap and loaded classes come back to their level after the first reload. */
class ReloadLeakTest {
    private static final int RELOADS = 500;

    @TempDir
    Path folder;

    private static String rules(int version) {
        return """
                package rules;
                import io.tollgate.facts.Charge;
                // version %d
                rule "Big charge"
                    @code("T-BIG")
                    @action("FLAG")
                    @reason("big")
                when
                    Charge( amountFen > %d )
                then
                end
                rule "Small charge"
                    @code("T-SMALL")
                    @score(10)
                    @reason("small")
                when
                    Charge( amountFen < 100 )
                then
                end
                """.formatted(version, 3000 + version);
    }

    @Test
    void reload_500Times_heapAndClassesReturnWithinTenPercent() throws Exception {
        Path rulesFolder = Files.createDirectories(folder.resolve("rules"));
        Path file = rulesFolder.resolve("big.drl");
        Files.writeString(file, rules(0));
        try (RiskEngine engine = RiskEngine.builder().rules(rulesFolder).database(folder.resolve("db")).build()) {
            Files.writeString(file, rules(1));
            engine.reloadRules();
            check(engine, 1);
            long heapAfterFirst = settledHeap();
            long classesAfterFirst = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();

            for (int version = 2; version <= RELOADS; version++) {
                Files.writeString(file, rules(version));
                assertThat(engine.reloadRules().accepted()).isTrue();
            }
            check(engine, RELOADS);
            long heapAfterAll = settledHeap();
            long classesAfterAll = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();

            assertThat(classesAfterAll).as("loaded classes").isLessThanOrEqualTo((long) (classesAfterFirst * 1.1));
            assertThat(heapAfterAll).as("heap after GC").isLessThanOrEqualTo((long) (heapAfterFirst * 1.1));
        }
    }

    private static void check(RiskEngine engine, int version) {
        engine.check(ChargeRequest.builder().requestId("R" + version).msisdn(String.format("13%09d", version * 1000))
                .merchantId("M1").productId("P1").amountFen(500).billingType(BillingType.PER_USE)
                .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).otpLatencyMs(8000L).build());
    }

    private static long settledHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
