package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.InvalidFieldException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No timestamp switches a number's limits off: a skewed one is refused, a far one never sits in the windows. */
class TimestampSkewTest {
    private static final String NUMBER = "13800138000";

    @TempDir
    Path folder;

    @Test
    void check_tsWithinTheSkew_isDecided_justBeyond_isRefusedNamingTs() {
        try (EngineFixture fixture = new EngineFixture(folder)) {
            Instant now = EngineFixture.START;
            for (Instant ok : new Instant[] {now.plus(ChargeRequest.MAX_TS_AHEAD),
                    now.minus(ChargeRequest.MAX_TS_BEHIND)}) {
                assertThat(fixture.check(fixture.charge(NUMBER).ts(ok)).decision()).isEqualTo(Decision.ALLOW);
            }
            for (Instant skewed : new Instant[] {now.plus(ChargeRequest.MAX_TS_AHEAD).plusSeconds(1),
                    now.minus(ChargeRequest.MAX_TS_BEHIND).minusSeconds(1), now.plus(Duration.ofDays(400))}) {
                assertThatThrownBy(() -> fixture.check(fixture.charge(NUMBER).ts(skewed)))
                        .isInstanceOf(InvalidFieldException.class)
                        .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("ts"));
            }
        }
    }

    @Test
    void check_afterAVerdictDecidedFarAhead_theCapStillHoldsAfterARestart() {
        try (EngineFixture fixture = new EngineFixture(folder)) {
            // As `check --ts` did: an engine whose clock is 400 days ahead decides and records.
            fixture.at(EngineFixture.START.plus(Duration.ofDays(400)));
            fixture.check(fixture.charge(NUMBER).amountFen(3000));
            fixture.at(EngineFixture.START);
            fixture.restart();

            for (int i = 1; i <= 3; i++) {
                assertThat(fixture.check(fixture.charge(NUMBER).amountFen(3000)).decision()).as("charge " + i)
                        .isNotEqualTo(Decision.BLOCK);
                fixture.advance(Duration.ofMinutes(1));
            }
            assertThat(fixture.check(fixture.charge(NUMBER).amountFen(3000)).hits()).extracting(RuleHit::code)
                    .as("the 4th charge of 30 CNY is over the 100 CNY cap").contains("VEL-MSISDN-DAY-CAP");
        }
    }

    @Test
    void chargeRequest_tsOutsideTheYears2000To2099_isRefusedNamingTs() {
        for (String ts : new String[] {"1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z"}) {
            assertThatThrownBy(() -> plain().ts(Instant.parse(ts)).build())
                    .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("ts: ");
        }
        for (String ts : new String[] {"2000-01-01T00:00:00Z", "2099-12-31T23:59:59Z"}) {
            assertThat(plain().ts(Instant.parse(ts)).build().ts())
                    .isEqualTo(Instant.parse(ts));
        }
    }

    private static ChargeRequest.Builder plain() {
        return ChargeRequest.builder().requestId("R1").msisdn(NUMBER).merchantId("M1").productId("P1").amountFen(500)
                .billingType(io.tollgate.charge.BillingType.PER_USE).chargeKind(io.tollgate.charge.ChargeKind.INITIAL)
                .payMode(io.tollgate.charge.PayMode.SMS_OTP);
    }
}
