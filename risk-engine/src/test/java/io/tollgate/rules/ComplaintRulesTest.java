package io.tollgate.rules;

import static io.tollgate.EngineFixture.START;
import static io.tollgate.EngineFixture.numberInOwnBlock;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * rules/complaints.drl: the number's complaint, deduction and refund history, and the merchant's
 * complaint rate, as of the check. The fixture's charges are of merchant M1001; complaints against
 * M2002 are against another merchant.
 */
class ComplaintRulesTest extends RuleTestSupport {
    private static final String NUMBER = "13800138000";
    /** Another new subscriber, of another block of 100 than {@link #NUMBER} and the merchant's volume. */
    private static final String OTHER_NUMBER = "13600136000";
    private static final String SAME_MERCHANT = "M1001";
    private static final String OTHER_MERCHANT = "M2002";

    private static Instant daysAgo(int days) {
        return START.minus(Duration.ofDays(days));
    }

    private RiskVerdict check() {
        return fixture.check(fixture.charge(NUMBER));
    }

    private RiskVerdict checkDirect() {
        return fixture.check(fixture.charge(NUMBER).payMode(PayMode.SMS_DIRECT).otpLatencyMs(null));
    }

    // ----- CMP-MSISDN-90D: msisdn90d >= 2 -----

    @Test
    @Fires("CMP-MSISDN-90D")
    void check_twoComplaintsIn90Days_blocks() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(60));
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(89));

        assertVerdict(check(), Decision.BLOCK, "CMP-MSISDN-90D");
    }

    @Test
    @Fires("CMP-MSISDN-90D")
    void check_twoComplaintsIn30Days_blocksAndDoesNotAlsoFlag() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(1));
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(2));

        assertVerdict(check(), Decision.BLOCK, "CMP-MSISDN-90D");
    }

    @Test
    @DoesNotFire("CMP-MSISDN-90D")
    void check_secondComplaintExactly90DaysOld_isNotBlockedButScoresTheYear() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(60));
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(90));

        assertVerdict(check(), Decision.FLAG, "CMP-MSISDN-365D-2", "DECIDE-FLAG");
    }

    @Test
    @Fires("CMP-MSISDN-90D")
    void check_secondComplaintJustUnder90DaysOld_blocks() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(60));
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(90).plusMillis(1));

        assertVerdict(check(), Decision.BLOCK, "CMP-MSISDN-90D");
    }

    // ----- CMP-MSISDN-30D: one complaint in 30 days, confirmed charge -----

    @Test
    @Fires("CMP-MSISDN-30D")
    void check_oneComplaint29DaysAgo_flags() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(29));

        RiskVerdict verdict = check();

        assertVerdict(verdict, Decision.FLAG, "CMP-MSISDN-30D");
        assertThat(verdict.caseOpened()).isTrue();
    }

    @Test
    @Fires("CMP-MSISDN-30D")
    void check_oneComplaintJustUnder30DaysOld_flags() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(30).plusMillis(1));

        assertVerdict(check(), Decision.FLAG, "CMP-MSISDN-30D");
    }

    @Test
    @DoesNotFire("CMP-MSISDN-30D")
    void check_oneComplaintExactly30DaysOld_allows() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(30));

        assertAllowed(check());
    }

    @Test
    @DoesNotFire("CMP-MSISDN-30D")
    void check_oneComplaint31DaysAgo_allows() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(31));

        assertAllowed(check());
    }

    @Test
    @DoesNotFire("CMP-MSISDN-30D")
    void check_complaintOfAnotherNumber_allows() {
        fixture.complaint("13800138001", OTHER_MERCHANT, daysAgo(1));

        assertAllowed(check());
    }

    // ----- CMP-MSISDN-30D-DIRECT: one complaint in 30 days, charge without confirmation -----

    @Test
    @Fires("CMP-MSISDN-30D-DIRECT")
    void check_oneComplaint29DaysAgoOnADirectCharge_challenges() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(29));

        RiskVerdict verdict = checkDirect();

        assertVerdict(verdict, Decision.CHALLENGE, "CMP-MSISDN-30D-DIRECT");
        assertThat(verdict.caseOpened()).isFalse();
    }

    @Test
    @DoesNotFire("CMP-MSISDN-30D-DIRECT")
    void check_oneComplaintExactly30DaysOldOnADirectCharge_allows() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(30));

        assertAllowed(checkDirect());
    }

    @Test
    @DoesNotFire("CMP-MSISDN-30D-DIRECT")
    void check_oneRecentComplaintOnAWapCharge_flagsWithoutChallenge() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(1));

        assertVerdict(fixture.check(fixture.charge(NUMBER).payMode(PayMode.WAP).otpLatencyMs(null)),
                Decision.FLAG, "CMP-MSISDN-30D");
    }

    // ----- CMP-SAME-MERCHANT: a complaint against this merchant in 365 days -----

    @Test
    @Fires("CMP-SAME-MERCHANT")
    void check_complaintAgainstTheSameMerchant364DaysAgo_blocks() {
        fixture.complaint(NUMBER, SAME_MERCHANT, daysAgo(364));

        assertVerdict(check(), Decision.BLOCK, "CMP-SAME-MERCHANT");
    }

    @Test
    @DoesNotFire("CMP-SAME-MERCHANT")
    void check_complaintAgainstTheSameMerchantExactly365DaysAgo_allows() {
        fixture.complaint(NUMBER, SAME_MERCHANT, daysAgo(365));

        assertAllowed(check());
    }

    @Test
    @DoesNotFire("CMP-SAME-MERCHANT")
    void check_complaintAgainstAnotherMerchant200DaysAgo_allows() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(200));

        assertAllowed(check());
    }

    @Test
    @Fires({"CMP-SAME-MERCHANT", "CMP-MSISDN-30D"})
    void check_recentComplaintAgainstTheSameMerchant_blocks() {
        fixture.complaint(NUMBER, SAME_MERCHANT, daysAgo(3));

        assertVerdict(check(), Decision.BLOCK, "CMP-SAME-MERCHANT", "CMP-MSISDN-30D");
    }

    // ----- complaints count as of the check -----

    @Test
    @DoesNotFire("CMP-MSISDN-30D")
    void check_complaintFiledAfterTheCharge_doesNotCount() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, START.plusSeconds(60));

        assertAllowed(check());

        fixture.advance(Duration.ofSeconds(60));
        assertVerdict(check(), Decision.FLAG, "CMP-MSISDN-30D");
    }

    @Test
    @DoesNotFire("CMP-SAME-MERCHANT")
    void check_complaintAgainstTheMerchantFiledAfterTheCharge_doesNotBlockIt() {
        fixture.complaint(NUMBER, SAME_MERCHANT, START.plusMillis(1));

        assertAllowed(check());
    }

    @Test
    @Fires("CMP-MSISDN-30D")
    void check_complaintFiledAtTheInstantOfTheCheck_counts() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, START);

        assertVerdict(check(), Decision.FLAG, "CMP-MSISDN-30D");
    }

    // ----- CMP-DEDUCTION-90D: 40 points for a deduction (核减) in 90 days -----

    /** Checks a plain charge of the number and asserts it went through; returns its request id. */
    private String approvedCharge() {
        RiskVerdict verdict = check();
        assertAllowed(verdict);
        return verdict.requestId();
    }

    @Test
    @Fires("CMP-DEDUCTION-90D")
    void check_deductionOnAChargeOfTheNumber_scores40AndFlags() {
        String disputed = approvedCharge();
        fixture.advance(Duration.ofHours(1));
        assertThat(fixture.engine.reportDeduction(disputed, 500)).isTrue();

        fixture.advance(Duration.ofDays(1));
        RiskVerdict verdict = check();

        assertVerdict(verdict, Decision.FLAG, "CMP-DEDUCTION-90D", "DECIDE-FLAG");
        assertThat(verdict.score()).isEqualTo(40);
        assertThat(verdict.caseOpened()).isTrue();
    }

    @Test
    @DoesNotFire("CMP-DEDUCTION-90D")
    void check_deductionExactly90DaysOld_allows() {
        String disputed = approvedCharge();
        assertThat(fixture.engine.reportDeduction(disputed, 500)).isTrue();

        fixture.at(START.plus(Duration.ofDays(90)).minusMillis(1));
        assertVerdict(check(), Decision.FLAG, "CMP-DEDUCTION-90D", "DECIDE-FLAG");

        fixture.at(START.plus(Duration.ofDays(90)));
        assertAllowed(check());
    }

    @Test
    @DoesNotFire("CMP-DEDUCTION-90D")
    void check_deductionReportedAfterTheCharge_doesNotCount() {
        String disputed = approvedCharge();
        fixture.at(START.plus(Duration.ofHours(2)));
        assertThat(fixture.engine.reportDeduction(disputed, 500)).isTrue();

        fixture.at(START.plus(Duration.ofHours(1))); // a replay deciding a charge of before the deduction
        assertAllowed(check());
    }

    @Test
    @DoesNotFire("CMP-DEDUCTION-90D")
    void check_deductionOfAnUnknownRequest_isNotRecorded() {
        assertThat(fixture.engine.reportDeduction("R-NEVER-CHECKED", 500)).isFalse();

        assertAllowed(check());
    }

    // ----- CMP-REFUNDS-90D: 30 points for 2 or more refunds in 90 days -----

    @Test
    @Fires("CMP-REFUNDS-90D")
    void check_twoRefundsIn90Days_scores30AndStillAllows() {
        String first = approvedCharge();
        fixture.advance(Duration.ofMinutes(1));
        String second = approvedCharge();
        assertThat(fixture.engine.reportRefund(first, 500)).isTrue();
        assertThat(fixture.engine.reportRefund(second, 500)).isTrue();

        fixture.advance(Duration.ofDays(1));
        RiskVerdict verdict = check();

        assertVerdict(verdict, Decision.ALLOW, "CMP-REFUNDS-90D");
        assertThat(verdict.score()).isEqualTo(30);
    }

    @Test
    @DoesNotFire({"CMP-REFUNDS-90D", "CMP-DEDUCTION-90D"})
    void check_oneRefund_allows() {
        assertThat(fixture.engine.reportRefund(approvedCharge(), 500)).isTrue();

        fixture.advance(Duration.ofDays(1));
        assertAllowed(check());
    }

    @Test
    @DoesNotFire("CMP-REFUNDS-90D")
    void check_secondRefundExactly90DaysOld_allows() {
        String first = approvedCharge();
        assertThat(fixture.engine.reportRefund(first, 500)).isTrue();
        fixture.at(START.plus(Duration.ofDays(10)));
        assertThat(fixture.engine.reportRefund(approvedCharge(), 500)).isTrue();

        fixture.at(START.plus(Duration.ofDays(90)).minusMillis(1));
        assertVerdict(check(), Decision.ALLOW, "CMP-REFUNDS-90D");

        fixture.at(START.plus(Duration.ofDays(90)));
        assertAllowed(check());
    }

    // ----- CMP-MERCHANT-RATE: new subscriptions of a merchant over 30 complaints per 10,000 approved -----

    /**
     * Approved charges of merchant M1001 from as many distinct numbers, each of its own block of
     * 100, devices and no IP, 30 s apart (8 hours for 1,000), so that no velocity rule touches them.
     */
    private void merchantVolume(int count) {
        for (int i = 0; i < count; i++) {
            RiskVerdict verdict = fixture.check(fixture.charge(numberInOwnBlock(i))
                    .merchantId(SAME_MERCHANT).deviceId("vol-" + i).ip(null));
            assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
            fixture.advance(Duration.ofSeconds(30));
        }
    }

    /** Complaints against M1001 by as many other numbers, filed at {@code ts}. */
    private void merchantComplaints(int count, Instant ts) {
        for (int i = 0; i < count; i++) {
            fixture.complaint(String.format("1370%07d", i), SAME_MERCHANT, ts);
        }
    }

    private ChargeRequest.Builder newSubscription(String number) {
        return fixture.charge(number).merchantId(SAME_MERCHANT).billingType(BillingType.MONTHLY_CALENDAR)
                .chargeKind(ChargeKind.INITIAL);
    }

    @Test
    @Fires("CMP-MERCHANT-RATE")
    void check_newSubscriptionOfAMerchantAt40ComplaintsPer10k_flags() {
        merchantVolume(1000);
        merchantComplaints(4, fixture.clock.instant());

        RiskVerdict verdict = fixture.check(newSubscription(NUMBER));

        assertVerdict(verdict, Decision.FLAG, "CMP-MERCHANT-RATE");
        assertThat(verdict.caseOpened()).isTrue();
    }

    @Test
    @DoesNotFire("CMP-MERCHANT-RATE")
    void check_newSubscriptionOfAMerchantAtExactly30ComplaintsPer10k_allows() {
        merchantVolume(1000);
        Instant now = fixture.clock.instant();
        merchantComplaints(3, now);
        fixture.complaint("13799999999", SAME_MERCHANT, now.plusSeconds(60));

        assertAllowed(fixture.check(newSubscription(NUMBER))); // 3 per 1,000: the budget, not over it

        fixture.advance(Duration.ofSeconds(60)); // 4 per 1,001 approved
        assertVerdict(fixture.check(newSubscription(OTHER_NUMBER)), Decision.FLAG, "CMP-MERCHANT-RATE");
    }

    @Test
    @DoesNotFire("CMP-MERCHANT-RATE")
    void check_merchantWith999ApprovedCharges_hasNoRateYet() {
        merchantVolume(999);
        merchantComplaints(4, fixture.clock.instant());

        assertAllowed(fixture.check(newSubscription(NUMBER))); // approved becomes 1,000

        fixture.advance(Duration.ofSeconds(30));
        assertVerdict(fixture.check(newSubscription(OTHER_NUMBER)), Decision.FLAG, "CMP-MERCHANT-RATE");
    }

    @Test
    @DoesNotFire("CMP-MERCHANT-RATE")
    void check_merchantComplaintExactly30DaysOld_doesNotCount() {
        merchantVolume(1000);
        Instant now = fixture.clock.instant();
        merchantComplaints(3, now.minus(Duration.ofDays(1)));
        fixture.complaint("13799999999", SAME_MERCHANT, now.minus(Duration.ofDays(30)));

        assertAllowed(fixture.check(newSubscription(NUMBER)));
    }

    @Test
    @DoesNotFire("CMP-MERCHANT-RATE")
    void check_merchantOverBudget_doesNotFlagPerUseChargesOrRenewals() {
        merchantVolume(1000);
        merchantComplaints(4, fixture.clock.instant());

        assertAllowed(fixture.check(newSubscription(NUMBER).billingType(BillingType.PER_USE)));
        assertAllowed(fixture.check(newSubscription(OTHER_NUMBER).chargeKind(ChargeKind.RENEWAL)));
    }

    // ----- CMP-MSISDN-365D: msisdn365d >= 3 -----

    @Test
    @Fires("CMP-MSISDN-365D")
    void check_threeComplaintsInAYearNoneIn90Days_blocks() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(120));
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(200));
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(364));

        assertVerdict(check(), Decision.BLOCK, "CMP-MSISDN-365D");
    }

    @Test
    @DoesNotFire("CMP-MSISDN-365D")
    @Fires("CMP-MSISDN-365D-2")
    void check_thirdComplaintExactly365DaysOld_scoresTwoAndFlags() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(120));
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(200));
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(365));

        assertVerdict(check(), Decision.FLAG, "CMP-MSISDN-365D-2", "DECIDE-FLAG");
    }

    @Test
    @DoesNotFire("CMP-MSISDN-365D-2")
    void check_secondComplaintExactly365DaysOld_allows() {
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(200));
        fixture.complaint(NUMBER, OTHER_MERCHANT, daysAgo(365));

        assertAllowed(check());
    }
}
