package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.replay.SettableClock;
import io.tollgate.review.CaseStatus;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real process checks a charge and dies the instant {@code check} returns; the case must be on disk. */
class CrashTest {
    @TempDir
    Path folder;

    /** Runs in the child process: flag one charge, then halt with no shutdown hooks and no close. */
    public static void main(String[] args) {
        RiskEngine engine = RiskEngine.builder().rules(EngineFixture.RULES).database(Path.of(args[0]))
                .clock(new SettableClock(EngineFixture.START)).build();
        RiskVerdict verdict = engine.check(io.tollgate.charge.ChargeRequest.builder().requestId("R-CRASH")
                .msisdn("13800138000").merchantId("M1001").productId("P1").amountFen(5000)
                .billingType(io.tollgate.charge.BillingType.PER_USE).chargeKind(io.tollgate.charge.ChargeKind.INITIAL)
                .payMode(io.tollgate.charge.PayMode.SMS_OTP).otpLatencyMs(9000L).deviceId("dev-A").build());
        System.out.println(verdict.decision());
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    @Test
    void check_processKilledRightAfterAFlag_caseIsStored() throws Exception {
        Path db = folder.resolve("tollgate");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashTest.class.getName(), db.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = new String(child.getInputStream().readAllBytes()).strip();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEqualTo("FLAG");

        try (RiskEngine engine = RiskEngine.builder().rules(EngineFixture.RULES).database(db)
                .clock(new SettableClock(EngineFixture.START)).build()) {
            assertThat(engine.cases().byRequestId("R-CRASH")).isPresent();
        }
    }
}
