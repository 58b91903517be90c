package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.signals.velocity.Attempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryDecisionLogTest {
    private static final Instant T0 = Instant.parse("2026-03-10T04:00:00Z");
    private final MemoryDecisionLog log = new MemoryDecisionLog();

    private static ChargeRequest charge(String requestId) {
        return ChargeRequest.builder().requestId(requestId).msisdn("13800138000").merchantId("M1001")
                .productId("P1").amountFen(500).billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                .payMode(PayMode.SMS_OTP).deviceId("d1").ip("10.0.0.1").build();
    }

    private static RiskVerdict verdict(String requestId, Decision decision, Instant at) {
        return new RiskVerdict(requestId, decision, 0, List.of(), "v1", at, false);
    }

    @Test
    void record_sameRequestIdTwice_keepsTheFirst() {
        RiskVerdict first = verdict("R1", Decision.ALLOW, T0);

        assertThat(log.record(charge("R1"), "f1", first, null)).isTrue();
        assertThat(log.record(charge("R1"), "f2", verdict("R1", Decision.BLOCK, T0), null)).isFalse();

        assertThat(log.find("R1")).contains(new DecisionLog.Stored("f1", first));
        assertThat(log.find("R2")).isEmpty();
        assertThat(log.attempt("R1")).get().extracting(Attempt::approved, Attempt::msisdn, Attempt::amountFen)
                .containsExactly(true, "13800138000", 500L);
    }

    @Test
    void setCarrierResult_failureUnapproves_successApprovesAgain_unknownOrBlockedIsFalse() {
        log.record(charge("R1"), "f1", verdict("R1", Decision.ALLOW, T0), null);
        log.record(charge("R2"), "f2", verdict("R2", Decision.BLOCK, T0), null);

        assertThat(log.setCarrierResult("R1", false)).isTrue();
        assertThat(log.attempt("R1")).get().extracting(Attempt::approved, Attempt::carrierFailed)
                .containsExactly(false, true);
        assertThat(log.setCarrierResult("R1", true)).isTrue();
        assertThat(log.attempt("R1")).get().extracting(Attempt::approved, Attempt::carrierFailed)
                .containsExactly(true, false);
        assertThat(log.setCarrierResult("R2", true)).as("the carrier never saw a blocked charge").isFalse();
        assertThat(log.attempt("R2").orElseThrow().approved()).isFalse();
        assertThat(log.attempt("R2").orElseThrow().carrierFailed()).isFalse();
        assertThat(log.setCarrierResult("R3", true)).isFalse();
    }

    @Test
    void attemptsSince_oldestFirstFromTheInstantOn() {
        log.record(charge("R3"), "f", verdict("R3", Decision.ALLOW, T0.plusSeconds(20)), null);
        log.record(charge("R1"), "f", verdict("R1", Decision.ALLOW, T0), null);
        log.record(charge("R2"), "f", verdict("R2", Decision.ALLOW, T0.plusSeconds(10)), null);
        List<String> seen = new ArrayList<>();

        log.attemptsSince(T0.plusSeconds(10), attempt -> seen.add(attempt.requestId()));

        assertThat(seen).containsExactly("R2", "R3");
    }
}
