package io.tollgate.rules;

import static io.tollgate.EngineFixture.china;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * rules/subscriptions.drl: a renewal while the period paid for has not ended bills twice. The
 * fixture starts on 2026-03-10 12:00 China time: a MONTHLY_CALENDAR subscription bought then runs to
 * 1 April 00:00, a MONTHLY_ROLLING one to 10 April 00:00 (31 days), both China time.
 */
class SubscriptionRulesTest extends RuleTestSupport {
    private static final String NUMBER = "13800138000";
    private static final Instant CALENDAR_END = china("2026-04-01T00:00");
    private static final Instant ROLLING_END = china("2026-04-10T00:00");

    private ChargeRequest.Builder subscription(BillingType type, ChargeKind kind) {
        return fixture.charge(NUMBER).billingType(type).chargeKind(kind);
    }

    /** Buys a subscription now and asserts it went through. */
    private RiskVerdict subscribe(BillingType type) {
        RiskVerdict initial = fixture.check(subscription(type, ChargeKind.INITIAL));
        assertAllowed(initial);
        return initial;
    }

    private RiskVerdict renewAt(BillingType type, Instant at) {
        fixture.at(at);
        return fixture.check(subscription(type, ChargeKind.RENEWAL));
    }

    @Test
    @Fires("SUB-DUP-RENEWAL")
    void check_calendarRenewalAMillisecondBeforeThePeriodEnds_blocks() {
        subscribe(BillingType.MONTHLY_CALENDAR);

        assertVerdict(renewAt(BillingType.MONTHLY_CALENDAR, CALENDAR_END.minusMillis(1)),
                Decision.BLOCK, "SUB-DUP-RENEWAL");
    }

    @Test
    @Fires("SUB-DUP-RENEWAL")
    void check_calendarRenewalTheNextDay_blocks() {
        subscribe(BillingType.MONTHLY_CALENDAR);

        assertVerdict(renewAt(BillingType.MONTHLY_CALENDAR, china("2026-03-11T12:00")),
                Decision.BLOCK, "SUB-DUP-RENEWAL");
    }

    @Test
    @DoesNotFire("SUB-DUP-RENEWAL")
    void check_calendarRenewalExactlyAtThePeriodEnd_allows() {
        subscribe(BillingType.MONTHLY_CALENDAR);

        assertAllowed(renewAt(BillingType.MONTHLY_CALENDAR, CALENDAR_END));
    }

    @Test
    @Fires("SUB-DUP-RENEWAL")
    void check_rollingRenewalAMillisecondBeforeThePeriodEnds_blocks() {
        subscribe(BillingType.MONTHLY_ROLLING);

        assertVerdict(renewAt(BillingType.MONTHLY_ROLLING, ROLLING_END.minusMillis(1)),
                Decision.BLOCK, "SUB-DUP-RENEWAL");
    }

    @Test
    @DoesNotFire("SUB-DUP-RENEWAL")
    void check_rollingRenewalExactlyAtThePeriodEnd_allows() {
        subscribe(BillingType.MONTHLY_ROLLING);

        assertAllowed(renewAt(BillingType.MONTHLY_ROLLING, ROLLING_END));
    }

    @Test
    @Fires("SUB-DUP-RENEWAL")
    void check_secondRenewalInTheRenewedPeriod_blocks() {
        subscribe(BillingType.MONTHLY_CALENDAR);
        assertAllowed(renewAt(BillingType.MONTHLY_CALENDAR, CALENDAR_END));

        assertVerdict(renewAt(BillingType.MONTHLY_CALENDAR, china("2026-04-30T23:59:59")),
                Decision.BLOCK, "SUB-DUP-RENEWAL");
        assertAllowed(renewAt(BillingType.MONTHLY_CALENDAR, china("2026-05-01T00:00")));
    }

    @Test
    @DoesNotFire("SUB-DUP-RENEWAL")
    void check_renewalOfAnotherProduct_allows() {
        subscribe(BillingType.MONTHLY_CALENDAR);
        fixture.at(china("2026-03-11T12:00"));

        assertAllowed(fixture.check(subscription(BillingType.MONTHLY_CALENDAR, ChargeKind.RENEWAL)
                .productId("P1001-02")));
    }

    @Test
    @DoesNotFire("SUB-DUP-RENEWAL")
    void check_renewalAfterABlockedInitialCharge_allows() {
        RiskVerdict initial = fixture.check(subscription(BillingType.MONTHLY_CALENDAR, ChargeKind.INITIAL)
                .otpLatencyMs(500L));
        assertVerdict(initial, Decision.BLOCK, "FRAUD-OTP-FAST");

        assertAllowed(renewAt(BillingType.MONTHLY_CALENDAR, china("2026-03-11T12:00")));
    }

    @Test
    @DoesNotFire("SUB-DUP-RENEWAL")
    void check_renewalAfterTheCarrierFailedTheInitialCharge_allows() {
        RiskVerdict initial = subscribe(BillingType.MONTHLY_CALENDAR);
        assertThat(fixture.engine.reportCarrierResult(initial.requestId(), false)).isTrue();

        assertAllowed(renewAt(BillingType.MONTHLY_CALENDAR, china("2026-03-11T12:00")));
    }

    @Test
    @Fires("SUB-DUP-RENEWAL")
    void check_renewalAfterARestart_stillSeesThePeriod() {
        subscribe(BillingType.MONTHLY_CALENDAR);
        fixture.restart();

        assertVerdict(renewAt(BillingType.MONTHLY_CALENDAR, china("2026-03-20T12:00")),
                Decision.BLOCK, "SUB-DUP-RENEWAL");
    }

    @Test
    @DoesNotFire("SUB-DUP-RENEWAL")
    void check_renewalOfTheSameProductIdAtAnotherMerchant_allows() {
        assertAllowed(fixture.check(subscription(BillingType.MONTHLY_CALENDAR, ChargeKind.INITIAL)
                .merchantId("MA").productId("VIP")));
        fixture.at(china("2026-03-11T12:00"));

        assertAllowed(fixture.check(subscription(BillingType.MONTHLY_CALENDAR, ChargeKind.RENEWAL)
                .merchantId("MB").productId("VIP")));
    }

    @Test
    @DoesNotFire("SUB-DUP-RENEWAL")
    void check_rollingRenewalAfterAFebruaryPurchase_waits30Days() {
        // Bought 15 February: "the same day next month" would be 15 March (28 days), but a rolling
        // period is kept to 30 or 31 days, so it runs to 17 March 00:00 China time.
        fixture.at(china("2026-02-15T12:00"));
        subscribe(BillingType.MONTHLY_ROLLING);

        assertVerdict(renewAt(BillingType.MONTHLY_ROLLING, china("2026-03-15T12:00")), Decision.BLOCK, "SUB-DUP-RENEWAL");
        assertAllowed(renewAt(BillingType.MONTHLY_ROLLING, china("2026-03-17T00:00")));
    }
}
