package io.tollgate.rules;

import static io.tollgate.EngineFixture.START;
import static io.tollgate.EngineFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.Msisdn;
import io.tollgate.charge.PayMode;
import io.tollgate.signals.subscriber.SubscriberStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** rules/churn.drl: bad debt from subscribers leaving the network, suspended, in arrears or new. */
class ChurnRulesTest extends RuleTestSupport {
    private static final String NUMBER = "13800138000";

    private RiskVerdict check() {
        return fixture.check(fixture.charge(NUMBER));
    }

    /** A monthly renewal of the fixture's product (no earlier period known, so not a duplicate). */
    private RiskVerdict checkRenewal() {
        return fixture.check(fixture.charge(NUMBER)
                .billingType(BillingType.MONTHLY_CALENDAR).chargeKind(ChargeKind.RENEWAL));
    }

    @Test
    @DoesNotFire({"CHURN-CLOSING", "CHURN-SUSPENDED", "CHURN-ARREARS-30", "CHURN-ARREARS-7",
        "CHURN-PREPAID-BALANCE", "CHURN-NEW-SIM", "CHURN-PORTED-30D"})
    void check_numberWithoutProfile_allows() {
        assertAllowed(fixture.check(fixture.charge(NUMBER).amountFen(3000)));
    }

    @Test
    @DoesNotFire({"CHURN-CLOSING", "CHURN-SUSPENDED"})
    void check_activeSubscriber_allows() {
        fixture.subscriber(NUMBER).save();

        assertAllowed(check());
    }

    // ----- CHURN-CLOSING -----

    @ParameterizedTest
    @EnumSource(value = SubscriberStatus.class, names = {"CLOSING", "CLOSED"})
    @Fires("CHURN-CLOSING")
    void check_subscriberLeavingTheNetwork_blocks(SubscriberStatus status) {
        fixture.subscriber(NUMBER).status(status).save();

        RiskVerdict verdict = check();

        assertVerdict(verdict, Decision.BLOCK, "CHURN-CLOSING");
        assertThat(verdict.caseOpened()).isFalse();
    }

    @Test
    @Fires("CHURN-CLOSING")
    void check_statusChangedToClosing_blocksFromThen() {
        fixture.subscriber(NUMBER).save();
        assertAllowed(check());

        fixture.advance(Duration.ofMinutes(1));
        assertThat(fixture.engine.changeSubscriberStatus(new Msisdn(NUMBER),
                SubscriberStatus.CLOSING)).isTrue();

        assertVerdict(check(), Decision.BLOCK, "CHURN-CLOSING");
    }

    // ----- CHURN-SUSPENDED -----

    @ParameterizedTest
    @EnumSource(value = SubscriberStatus.class, names = {"SUSPENDED", "HALF_SUSPENDED"})
    @Fires("CHURN-SUSPENDED")
    void check_suspendedSubscriber_blocks(SubscriberStatus status) {
        fixture.subscriber(NUMBER).status(status).save();

        assertVerdict(check(), Decision.BLOCK, "CHURN-SUSPENDED");
    }

    // ----- CHURN-ARREARS-30 and CHURN-ARREARS-7 -----

    @Test
    @Fires("CHURN-ARREARS-30")
    void check_arrearsOf30Days_blocks() {
        fixture.subscriber(NUMBER).arrearsDays(30).save();

        assertVerdict(check(), Decision.BLOCK, "CHURN-ARREARS-30");
    }

    @Test
    @DoesNotFire("CHURN-ARREARS-30")
    @Fires("CHURN-ARREARS-7")
    void check_arrearsOf29Days_onlyFlags() {
        fixture.subscriber(NUMBER).arrearsDays(29).save();

        RiskVerdict verdict = check();

        assertVerdict(verdict, Decision.FLAG, "CHURN-ARREARS-7");
        assertThat(verdict.caseOpened()).isTrue();
    }

    @Test
    @Fires("CHURN-ARREARS-7")
    void check_arrearsOf7Days_flags() {
        fixture.subscriber(NUMBER).arrearsDays(7).save();

        RiskVerdict verdict = check();

        assertVerdict(verdict, Decision.FLAG, "CHURN-ARREARS-7");
        assertThat(verdict.caseOpened()).isTrue();
        assertThat(fixture.engine.cases().byRequestId(verdict.requestId())).isPresent();
    }

    @Test
    @DoesNotFire("CHURN-ARREARS-7")
    void check_arrearsOf6Days_allows() {
        fixture.subscriber(NUMBER).arrearsDays(6).save();

        assertAllowed(check());
    }

    // ----- CHURN-PREPAID-BALANCE: prepaid balance < amount -----

    @Test
    @Fires("CHURN-PREPAID-BALANCE")
    void check_prepaidBalanceOneFenShortOfTheCharge_blocks() {
        fixture.subscriber(NUMBER).prepaid(499).save();

        assertVerdict(check(), Decision.BLOCK, "CHURN-PREPAID-BALANCE");
    }

    @Test
    @DoesNotFire("CHURN-PREPAID-BALANCE")
    void check_prepaidBalanceEqualToTheCharge_allows() {
        fixture.subscriber(NUMBER).prepaid(500).save();

        assertAllowed(check());
    }

    @Test
    @DoesNotFire("CHURN-PREPAID-BALANCE")
    void check_postpaidWithoutBalance_allows() {
        fixture.subscriber(NUMBER).postpaid(-2000).save();

        assertAllowed(check());
    }

    // ----- CHURN-RENEWAL-ARREARS: renewal with arrearsDays > 0 -----

    @Test
    @Fires("CHURN-RENEWAL-ARREARS")
    void check_renewalWithOneDayOfArrears_blocks() {
        fixture.subscriber(NUMBER).arrearsDays(1).save();

        assertVerdict(checkRenewal(), Decision.BLOCK, "CHURN-RENEWAL-ARREARS");
    }

    @Test
    @DoesNotFire("CHURN-RENEWAL-ARREARS")
    void check_renewalWithoutArrears_allows() {
        fixture.subscriber(NUMBER).arrearsDays(0).save();

        assertAllowed(checkRenewal());
    }

    @Test
    @DoesNotFire("CHURN-RENEWAL-ARREARS")
    void check_initialSubscriptionWithOneDayOfArrears_allows() {
        fixture.subscriber(NUMBER).arrearsDays(1).save();

        assertAllowed(fixture.check(fixture.charge(NUMBER).billingType(BillingType.MONTHLY_CALENDAR)));
    }

    // ----- CHURN-NEW-SIM-DIRECT: tenure < 7 days, >= 10 CNY, SMS_DIRECT -----

    private RiskVerdict checkDirect(long amountFen) {
        return fixture.check(fixture.charge(NUMBER).amountFen(amountFen).payMode(PayMode.SMS_DIRECT).otpLatencyMs(null));
    }

    @Test
    @Fires("CHURN-NEW-SIM-DIRECT")
    void check_simOf6DaysCharging10CnyDirect_challenges() {
        fixture.subscriber(NUMBER).activatedOn(TODAY.minusDays(6)).save();

        RiskVerdict verdict = checkDirect(1000);

        assertVerdict(verdict, Decision.CHALLENGE, "CHURN-NEW-SIM-DIRECT");
        assertThat(verdict.caseOpened()).isFalse();
    }

    @Test
    @Fires("CHURN-NEW-SIM-DIRECT")
    void check_simActivatedTodayCharging10CnyDirect_challenges() {
        fixture.subscriber(NUMBER).activatedOn(TODAY).updatedAt(START).save();

        assertVerdict(checkDirect(1000), Decision.CHALLENGE, "CHURN-NEW-SIM-DIRECT");
    }

    @Test
    @DoesNotFire("CHURN-NEW-SIM-DIRECT")
    void check_simOf7DaysCharging10CnyDirect_allows() {
        fixture.subscriber(NUMBER).activatedOn(TODAY.minusDays(7)).save();

        assertAllowed(checkDirect(1000));
    }

    @Test
    @DoesNotFire("CHURN-NEW-SIM-DIRECT")
    void check_simOf6DaysCharging999FenDirect_allows() {
        fixture.subscriber(NUMBER).activatedOn(TODAY.minusDays(6)).save();

        assertAllowed(checkDirect(999));
    }

    // ----- CHURN-NEW-SIM: tenure < 7 days, >= 10 CNY, not SMS_DIRECT -----

    @Test
    @Fires("CHURN-NEW-SIM")
    void check_simOf6DaysCharging10CnyByOtp_flags() {
        fixture.subscriber(NUMBER).activatedOn(TODAY.minusDays(6)).save();

        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).amountFen(1000));

        assertVerdict(verdict, Decision.FLAG, "CHURN-NEW-SIM");
        assertThat(verdict.caseOpened()).isTrue();
    }

    @Test
    @Fires("CHURN-NEW-SIM")
    void check_simOf6DaysCharging10CnyByWap_flags() {
        fixture.subscriber(NUMBER).activatedOn(TODAY.minusDays(6)).save();

        assertVerdict(fixture.check(fixture.charge(NUMBER).amountFen(1000).payMode(PayMode.WAP).otpLatencyMs(null)),
                Decision.FLAG, "CHURN-NEW-SIM");
    }

    @Test
    @DoesNotFire("CHURN-NEW-SIM")
    void check_simOf7DaysCharging10CnyByOtp_allows() {
        fixture.subscriber(NUMBER).activatedOn(TODAY.minusDays(7)).save();

        assertAllowed(fixture.check(fixture.charge(NUMBER).amountFen(1000)));
    }

    @Test
    @DoesNotFire("CHURN-NEW-SIM")
    void check_simOf6DaysCharging999FenByOtp_allows() {
        fixture.subscriber(NUMBER).activatedOn(TODAY.minusDays(6)).save();

        assertAllowed(fixture.check(fixture.charge(NUMBER).amountFen(999)));
    }

    // ----- CHURN-PORTED-30D: 30 points when ported in fewer than 30 days ago -----

    @Test
    @Fires("CHURN-PORTED-30D")
    void check_numberPorted29DaysAgo_scores30PointsAndStillAllows() {
        fixture.subscriber(NUMBER).portedOn(TODAY.minusDays(29)).save();

        RiskVerdict verdict = check();

        assertVerdict(verdict, Decision.ALLOW, "CHURN-PORTED-30D");
        assertThat(verdict.score()).isEqualTo(30);
        assertThat(verdict.caseOpened()).isFalse();
    }

    @Test
    @DoesNotFire("CHURN-PORTED-30D")
    void check_numberPorted30DaysAgo_allows() {
        fixture.subscriber(NUMBER).portedOn(TODAY.minusDays(30)).save();

        assertAllowed(check());
    }

    // ----- subscriber profiles are read as of the check -----

    @Test
    @DoesNotFire("CHURN-CLOSING")
    void check_profileVersionUpdatedAfterTheCheck_isNotSeen() {
        fixture.subscriber(NUMBER).save();
        fixture.subscriber(NUMBER).status(SubscriberStatus.CLOSED).updatedAt(START.plusSeconds(60)).save();

        assertAllowed(check());

        fixture.advance(Duration.ofSeconds(60));
        assertVerdict(check(), Decision.BLOCK, "CHURN-CLOSING");
    }

    @Test
    @DoesNotFire("CHURN-ARREARS-30")
    void check_olderProfileVersion_isReplacedByTheLatestBeforeTheCheck() {
        fixture.subscriber(NUMBER).arrearsDays(45).updatedAt(START.minus(Duration.ofDays(3))).save();
        fixture.subscriber(NUMBER).arrearsDays(0).updatedAt(START.minus(Duration.ofDays(1))).save();

        assertAllowed(check());
    }

    @Test
    @DoesNotFire("CHURN-SUSPENDED")
    void check_firstProfileStoredAfterTheCheck_isNotSeen() {
        fixture.subscriber(NUMBER).status(SubscriberStatus.SUSPENDED).updatedAt(START.plusMillis(1)).save();

        assertAllowed(check());
    }
}
