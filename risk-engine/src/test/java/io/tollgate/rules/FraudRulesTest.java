package io.tollgate.rules;

import static io.tollgate.EngineFixture.START;
import static io.tollgate.EngineFixture.china;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** rules/fraud.drl: toll-fraud malware and number cycling. */
class FraudRulesTest extends RuleTestSupport {
    private static final String NUMBER = "13800138000";

    // ----- FRAUD-OTP-FAST: otpLatencyMs < 2000 -----

    @Test
    @Fires("FRAUD-OTP-FAST")
    void check_otpTypedIn1999Ms_blocksAndOpensACase() {
        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).otpLatencyMs(1_999L));

        assertVerdict(verdict, Decision.BLOCK, "FRAUD-OTP-FAST");
        assertThat(verdict.caseOpened()).isTrue();
        assertThat(fixture.engine.cases().byRequestId(verdict.requestId())).isPresent();
    }

    @Test
    @Fires("FRAUD-OTP-FAST")
    void check_otpTypedIn0Ms_blocks() {
        assertVerdict(fixture.check(fixture.charge(NUMBER).otpLatencyMs(0L)), Decision.BLOCK, "FRAUD-OTP-FAST");
    }

    @Test
    @DoesNotFire("FRAUD-OTP-FAST")
    void check_otpTypedIn2000Ms_isNotBlockedButScores() {
        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).otpLatencyMs(2_000L));

        // 2000 ms is FRAUD-OTP-3S's (points), no longer a block
        assertVerdict(verdict, Decision.FLAG, "FRAUD-OTP-3S", "DECIDE-FLAG");
        assertThat(verdict.score()).isEqualTo(40);
    }

    @Test
    @DoesNotFire("FRAUD-OTP-FAST")
    void check_chargeWithoutOtp_allows() {
        assertAllowed(fixture.check(fixture.charge(NUMBER).payMode(PayMode.WAP).otpLatencyMs(null)));
    }

    // ----- FRAUD-OTP-3S: 40 points; 2000 <= otpLatencyMs < 3000 -----

    @ParameterizedTest
    @ValueSource(longs = {2_000L, 2_500L, 2_999L})
    @Fires({"FRAUD-OTP-3S", "DECIDE-FLAG"})
    void check_otpTypedIn2To3Seconds_scores40AndFlags(long otpMs) {
        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).otpLatencyMs(otpMs));

        // an SMS_OTP charge: 40 points make DECIDE-FLAG, and FLAG opens a case
        assertVerdict(verdict, Decision.FLAG, "FRAUD-OTP-3S", "DECIDE-FLAG");
        assertThat(verdict.score()).isEqualTo(40);
        assertThat(verdict.caseOpened()).isTrue();
        assertThat(fixture.engine.cases().byRequestId(verdict.requestId())).isPresent();
    }

    @Test
    @DoesNotFire("FRAUD-OTP-3S")
    void check_otpTypedIn3000Ms_allows() {
        assertAllowed(fixture.check(fixture.charge(NUMBER).otpLatencyMs(3_000L)));
    }

    @Test
    @DoesNotFire("FRAUD-OTP-3S")
    void check_otpTypedIn1999Ms_isFraudOtpFastWithoutThePoints() {
        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).otpLatencyMs(1_999L));

        assertVerdict(verdict, Decision.BLOCK, "FRAUD-OTP-FAST");
        assertThat(verdict.score()).isZero();
    }

    @Test
    @DoesNotFire("FRAUD-OTP-3S")
    void check_chargeWithoutOtp_scoresNothing() {
        assertAllowed(fixture.check(fixture.charge(NUMBER).payMode(PayMode.WAP).otpLatencyMs(null)));
    }

    // ----- FRAUD-MERCHANTS-10M: msisdnMerchants10m >= 3 -----

    private RiskVerdict checkAt(String merchant, Duration sinceStart) {
        fixture.at(START.plus(sinceStart));
        return fixture.check(fixture.charge(NUMBER).merchantId(merchant));
    }

    @Test
    @Fires("FRAUD-MERCHANTS-10M")
    void check_thirdMerchantIn10Minutes_blocks() {
        assertAllowed(checkAt("M1", Duration.ZERO));
        assertAllowed(checkAt("M2", Duration.ofMinutes(1)));

        assertVerdict(checkAt("M3", Duration.ofMinutes(2)), Decision.BLOCK, "FRAUD-MERCHANTS-10M");
    }

    @Test
    @DoesNotFire("FRAUD-MERCHANTS-10M")
    void check_twoMerchantsIn10Minutes_allows() {
        checkAt("M1", Duration.ZERO);
        checkAt("M2", Duration.ofMinutes(1));
        checkAt("M1", Duration.ofMinutes(2));

        assertAllowed(checkAt("M2", Duration.ofMinutes(3)));
    }

    @Test
    @DoesNotFire("FRAUD-MERCHANTS-10M")
    void check_thirdMerchantWhenTheFirstIsExactly10MinutesOld_allows() {
        checkAt("M1", Duration.ZERO);
        checkAt("M2", Duration.ofMinutes(5));

        assertAllowed(checkAt("M3", Duration.ofMinutes(10)));
    }

    @Test
    @Fires("FRAUD-MERCHANTS-10M")
    void check_thirdMerchantWhenTheFirstIsJustUnder10MinutesOld_blocks() {
        checkAt("M1", Duration.ZERO);
        checkAt("M2", Duration.ofMinutes(5));

        assertVerdict(checkAt("M3", Duration.ofMinutes(10).minusMillis(1)), Decision.BLOCK, "FRAUD-MERCHANTS-10M");
    }

    // ----- FRAUD-NIGHT-FAST-OTP: 40 points; subscription, 00:00-05:59 China time (chinaHour < 6), OTP < 6000 ms -----

    private ChargeRequest.Builder nightSubscription(long otpMs) {
        return fixture.charge(NUMBER).billingType(BillingType.MONTHLY_ROLLING).otpLatencyMs(otpMs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-11T00:00:00", "2026-03-11T03:00:00", "2026-03-11T05:59:59.999"})
    @Fires({"FRAUD-NIGHT-FAST-OTP", "DECIDE-FLAG"})
    void check_nightSubscriptionWithOtpIn5999Ms_scores40AndFlags(String chinaTime) {
        fixture.at(china(chinaTime));

        RiskVerdict verdict = fixture.check(nightSubscription(5_999));

        assertVerdict(verdict, Decision.FLAG, "FRAUD-NIGHT-FAST-OTP", "DECIDE-FLAG");
        assertThat(verdict.score()).isEqualTo(40);
        assertThat(verdict.caseOpened()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = BillingType.class, names = {"MONTHLY_CALENDAR", "MONTHLY_ROLLING"})
    @Fires("FRAUD-NIGHT-FAST-OTP")
    void check_nightSubscriptionOfEitherKind_scores40(BillingType type) {
        fixture.at(china("2026-03-11T02:00"));

        RiskVerdict verdict = fixture.check(nightSubscription(3_000).billingType(type));

        assertThat(codes(verdict)).contains("FRAUD-NIGHT-FAST-OTP");
        assertThat(verdict.score()).isEqualTo(40);
    }

    @Test
    @DoesNotFire("FRAUD-NIGHT-FAST-OTP")
    void check_nightSubscriptionWithOtpIn6000Ms_allows() {
        fixture.at(china("2026-03-11T02:00"));

        assertAllowed(fixture.check(nightSubscription(6_000)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-10T23:59:59.999", "2026-03-11T06:00:00", "2026-03-10T12:00:00"})
    @DoesNotFire("FRAUD-NIGHT-FAST-OTP")
    void check_subscriptionWithFastOtpOutsideTheNight_allows(String chinaTime) {
        fixture.at(china(chinaTime));

        assertAllowed(fixture.check(nightSubscription(5_999)));
    }

    @Test
    @DoesNotFire("FRAUD-NIGHT-FAST-OTP")
    void check_nightPerUseChargeWithFastOtp_allows() {
        fixture.at(china("2026-03-11T02:00"));

        assertAllowed(fixture.check(fixture.charge(NUMBER).otpLatencyMs(5_999L)));
    }

    @Test
    @DoesNotFire("FRAUD-NIGHT-FAST-OTP")
    void check_nightSubscriptionWithoutOtp_allows() {
        fixture.at(china("2026-03-11T02:00"));

        assertAllowed(fixture.check(fixture.charge(NUMBER).billingType(BillingType.MONTHLY_ROLLING)
                .payMode(PayMode.WAP).otpLatencyMs(null)));
    }

    // ----- FRAUD-DIRECT-NO-CONTEXT: an INITIAL SMS_DIRECT charge with neither device nor IP -----

    private ChargeRequest.Builder direct() {
        return fixture.charge(NUMBER).payMode(PayMode.SMS_DIRECT).otpLatencyMs(null);
    }

    @Test
    @Fires("FRAUD-DIRECT-NO-CONTEXT")
    void check_directChargeWithNeitherDeviceNorIp_challenges() {
        RiskVerdict verdict = fixture.check(direct().deviceId(null).ip(null));

        assertVerdict(verdict, Decision.CHALLENGE, "FRAUD-DIRECT-NO-CONTEXT");
        assertThat(verdict.caseOpened()).isFalse();
    }

    @Test
    @DoesNotFire("FRAUD-DIRECT-NO-CONTEXT")
    void check_directChargeWithADeviceOnly_allows() {
        assertAllowed(fixture.check(direct().ip(null)));
    }

    @Test
    @DoesNotFire("FRAUD-DIRECT-NO-CONTEXT")
    void check_directChargeWithAnIpOnly_allows() {
        assertAllowed(fixture.check(direct().deviceId(null)));
    }

    @Test
    @DoesNotFire("FRAUD-DIRECT-NO-CONTEXT")
    void check_otpChargeWithNeitherDeviceNorIp_allows() {
        assertAllowed(fixture.check(fixture.charge(NUMBER).deviceId(null).ip(null)));
    }

    @Test
    @DoesNotFire("FRAUD-DIRECT-NO-CONTEXT")
    void check_directRenewalWithNeitherDeviceNorIp_allows() {
        // the carrier's billing run starts a renewal: it never has a device or an IP
        assertAllowed(fixture.check(direct().billingType(BillingType.MONTHLY_CALENDAR).chargeKind(ChargeKind.RENEWAL)
                .deviceId(null).ip(null)));
    }
}
