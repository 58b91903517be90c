package io.tollgate.bench;

import io.tollgate.Decision;
import io.tollgate.RuleHit;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import io.tollgate.facts.Charge;
import io.tollgate.facts.Complaints;
import io.tollgate.facts.ListHits;
import io.tollgate.facts.Subscriber;
import io.tollgate.facts.Subscription;
import io.tollgate.facts.Velocity;
import io.tollgate.rules.RuleEvaluator;
import io.tollgate.signals.subscriber.Plan;
import io.tollgate.signals.subscriber.SubscriberStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The 41 rules of the default rule set ({@code rules/*.drl}) written by hand in plain Java over the
 * same facts: the baseline a team would write without a rule engine. Each hit carries the same
 * code, points, action, reason and review flag as the DRL rule's metadata; the decision rules of
 * {@code decide.drl} run last on the sum of the points, as {@code RuleSet} does. The default set
 * has no shadow rules, so every hit here is enforced.
 *
 * <p>{@code GoldenSetTest} proves it decides 10,000+ generated charges exactly as the DRL does, and
 * that its metadata equals the DRL's; a change to {@code rules/} must be mirrored here.
 *
 * <p>Thread-safe and stateless.
 */
public final class HandWrittenRules implements RuleEvaluator {
    /** The version verdicts of this evaluator name. */
    public static final String VERSION = "hand-written-baseline";

    // lists.drl
    static final RuleHit LIST_MSISDN = block("LIST-MSISDN", "The number is on a blacklist.");
    static final RuleHit LIST_PREFIX = block("LIST-PREFIX", "The number's segment (号段) is on a blacklist.");
    static final RuleHit LIST_DEVICE = block("LIST-DEVICE", "The device is on a blacklist.");
    static final RuleHit LIST_IP = block("LIST-IP", "The IP address is on a blacklist.");
    // velocity.drl
    static final RuleHit VEL_MSISDN_10M = action("VEL-MSISDN-10M", Decision.FLAG,
            "More than 5 charge attempts from this number in 10 minutes.");
    static final RuleHit VEL_MSISDN_10M_BURST = block("VEL-MSISDN-10M-BURST",
            "More than 10 charge attempts from this number in 10 minutes.");
    static final RuleHit VEL_MSISDN_DAY_CAP = block("VEL-MSISDN-DAY-CAP",
            "This charge takes the number's spend today (China time) over 100 CNY.");
    static final RuleHit VEL_MSISDN_MONTH_CAP = block("VEL-MSISDN-MONTH-CAP",
            "This charge takes the number's spend this calendar month (China time) over 300 CNY.");
    static final RuleHit VEL_AMOUNT_30 = action("VEL-AMOUNT-30", Decision.FLAG,
            "A single charge over 30 CNY; most price points are 1-30 CNY.");
    static final RuleHit VEL_DEVICE_MSISDNS_24H = reviewBlock("VEL-DEVICE-MSISDNS-24H",
            "The device has charged more than 3 different numbers in 24 hours (device or SIM farm).");
    static final RuleHit VEL_IP_MSISDNS_1H = action("VEL-IP-MSISDNS-1H", Decision.FLAG,
            "The IP address has charged more than 10 different numbers in an hour.");
    static final RuleHit VEL_SIM_BATCH_24H = reviewBlock("VEL-SIM-BATCH-24H",
            "3 or more numbers from one block of 100 consecutive numbers were charged in 24 hours (a SIM farm's batch).");
    static final RuleHit VEL_DEVICE_MSISDNS_7D = reviewBlock("VEL-DEVICE-MSISDNS-7D",
            "The device has charged more than 5 different numbers in 7 days (a farm's handset back with new SIMs).");
    static final RuleHit VEL_SIM_BATCH_7D = reviewBlock("VEL-SIM-BATCH-7D",
            "4 or more numbers from one block of 100 consecutive numbers were charged in 7 days (a SIM farm working"
                    + " through a batch).");
    // churn.drl
    static final RuleHit CHURN_CLOSING = block("CHURN-CLOSING",
            "The subscriber is leaving or has left the network (离网).");
    static final RuleHit CHURN_SUSPENDED = block("CHURN-SUSPENDED",
            "The subscriber's line is suspended (停机) or half-suspended.");
    static final RuleHit CHURN_ARREARS_30 = block("CHURN-ARREARS-30",
            "The subscriber has been in arrears (欠费) for 30 days or more.");
    static final RuleHit CHURN_ARREARS_7 = action("CHURN-ARREARS-7", Decision.FLAG,
            "The subscriber has been in arrears (欠费) for 7 to 29 days.");
    static final RuleHit CHURN_PREPAID_BALANCE = block("CHURN-PREPAID-BALANCE",
            "The prepaid balance does not cover the charge; the carrier cannot collect it.");
    static final RuleHit CHURN_RENEWAL_ARREARS = block("CHURN-RENEWAL-ARREARS",
            "A subscription renewal for a subscriber in arrears becomes bad debt.");
    static final RuleHit CHURN_NEW_SIM_DIRECT = action("CHURN-NEW-SIM-DIRECT", Decision.CHALLENGE,
            "A SIM younger than 7 days charges 10 CNY or more with no confirmation by the user.");
    static final RuleHit CHURN_NEW_SIM = action("CHURN-NEW-SIM", Decision.FLAG,
            "A SIM younger than 7 days charges 10 CNY or more.");
    static final RuleHit CHURN_PORTED_30D = points("CHURN-PORTED-30D", 30,
            "The number was ported in (携号转网) within the last 30 days.");
    // complaints.drl
    static final RuleHit CMP_MSISDN_90D = block("CMP-MSISDN-90D",
            "The number filed 2 or more complaints in the last 90 days.");
    static final RuleHit CMP_MSISDN_365D = block("CMP-MSISDN-365D",
            "The number filed 3 or more complaints in the last 365 days: a professional complainer's record.");
    static final RuleHit CMP_MSISDN_365D_2 = points("CMP-MSISDN-365D-2", 40,
            "The number filed 2 complaints in the last 365 days, fewer than 2 of them in the last 90 days.");
    static final RuleHit CMP_MSISDN_30D = action("CMP-MSISDN-30D", Decision.FLAG,
            "The number filed a complaint in the last 30 days.");
    static final RuleHit CMP_MSISDN_30D_DIRECT = action("CMP-MSISDN-30D-DIRECT", Decision.CHALLENGE,
            "The number filed a complaint in the last 30 days and the charge has no confirmation by the user.");
    static final RuleHit CMP_SAME_MERCHANT = block("CMP-SAME-MERCHANT",
            "The number complained about this merchant in the last 365 days.");
    static final RuleHit CMP_DEDUCTION_90D = points("CMP-DEDUCTION-90D", 40,
            "The carrier withheld settlement (核减) for a charge of this number in the last 90 days.");
    static final RuleHit CMP_REFUNDS_90D = points("CMP-REFUNDS-90D", 30,
            "The number had 2 or more charges refunded in the last 90 days (buy, then ask for the money back).");
    static final RuleHit CMP_MERCHANT_RATE = action("CMP-MERCHANT-RATE", Decision.FLAG,
            "The merchant's complaints in the last 30 days exceed its budget of 30 per 10,000 approved charges;"
                    + " its new subscriptions are reviewed.");
    // fraud.drl
    static final RuleHit FRAUD_OTP_FAST = reviewBlock("FRAUD-OTP-FAST",
            "The OTP was submitted less than 2 seconds after it was sent; a person cannot type it that fast.");
    static final RuleHit FRAUD_OTP_3S = points("FRAUD-OTP-3S", 40,
            "The OTP was submitted 2 to 3 seconds after it was sent: fast for a person, usual for a script;"
                    + " an SMS autofill can explain it, so only points.");
    static final RuleHit FRAUD_MERCHANTS_10M = block("FRAUD-MERCHANTS-10M",
            "The number was charged by 3 or more different merchants within 10 minutes.");
    static final RuleHit FRAUD_NIGHT_FAST_OTP = points("FRAUD-NIGHT-FAST-OTP", 40,
            "A subscription between midnight and 06:00 China time with an OTP typed in under 6 seconds.");
    static final RuleHit FRAUD_DIRECT_NO_CONTEXT = action("FRAUD-DIRECT-NO-CONTEXT", Decision.CHALLENGE,
            "A new charge with no confirmation by the user arrived with neither a device id nor an IP address.");
    // subscriptions.drl
    static final RuleHit SUB_DUP_RENEWAL = block("SUB-DUP-RENEWAL",
            "A renewal while the current period of this subscription has not ended would bill it twice.");
    // decide.drl
    static final RuleHit DECIDE_BLOCK = reviewBlock("DECIDE-BLOCK", "The risk score is 100 or more.");
    static final RuleHit DECIDE_CHALLENGE = action("DECIDE-CHALLENGE", Decision.CHALLENGE,
            "The risk score is 60 or more and the charge has no confirmation by the user.");
    static final RuleHit DECIDE_FLAG = action("DECIDE-FLAG", Decision.FLAG, "The risk score is 40 or more.");

    /** Every rule's hit, in file order: the metadata {@code GoldenSetTest} compares with the DRL's. */
    static final List<RuleHit> ALL = List.of(LIST_MSISDN, LIST_PREFIX, LIST_DEVICE, LIST_IP, VEL_MSISDN_10M,
            VEL_MSISDN_10M_BURST, VEL_MSISDN_DAY_CAP, VEL_MSISDN_MONTH_CAP, VEL_AMOUNT_30, VEL_DEVICE_MSISDNS_24H,
            VEL_IP_MSISDNS_1H, VEL_SIM_BATCH_24H, VEL_DEVICE_MSISDNS_7D, VEL_SIM_BATCH_7D, CHURN_CLOSING, CHURN_SUSPENDED, CHURN_ARREARS_30, CHURN_ARREARS_7,
            CHURN_PREPAID_BALANCE, CHURN_RENEWAL_ARREARS, CHURN_NEW_SIM_DIRECT, CHURN_NEW_SIM, CHURN_PORTED_30D,
            CMP_MSISDN_90D, CMP_MSISDN_365D, CMP_MSISDN_365D_2, CMP_MSISDN_30D, CMP_MSISDN_30D_DIRECT, CMP_SAME_MERCHANT, CMP_DEDUCTION_90D,
            CMP_REFUNDS_90D, CMP_MERCHANT_RATE, FRAUD_OTP_FAST, FRAUD_OTP_3S, FRAUD_MERCHANTS_10M,
            FRAUD_NIGHT_FAST_OTP, FRAUD_DIRECT_NO_CONTEXT, SUB_DUP_RENEWAL, DECIDE_BLOCK, DECIDE_CHALLENGE,
            DECIDE_FLAG);

    @Override
    public String version() {
        return VERSION;
    }

    /**
     * @param facts one {@link Charge}, {@link Subscriber}, {@link ListHits}, {@link Complaints},
     *     {@link Velocity} and {@link Subscription}, in any order
     * @throws IllegalArgumentException when one of them is missing
     */
    @Override
    public List<RuleHit> evaluate(Collection<?> facts) {
        Charge charge = null;
        Subscriber subscriber = null;
        ListHits lists = null;
        Complaints complaints = null;
        Velocity velocity = null;
        Subscription subscription = null;
        for (Object fact : facts) {
            if (fact instanceof Charge value) {
                charge = value;
            } else if (fact instanceof Subscriber value) {
                subscriber = value;
            } else if (fact instanceof ListHits value) {
                lists = value;
            } else if (fact instanceof Complaints value) {
                complaints = value;
            } else if (fact instanceof Velocity value) {
                velocity = value;
            } else if (fact instanceof Subscription value) {
                subscription = value;
            }
        }
        if (charge == null || subscriber == null || lists == null || complaints == null || velocity == null
                || subscription == null) {
            throw new IllegalArgumentException("the hand-written rules need one fact of each kind, got " + facts);
        }
        return evaluate(charge, subscriber, lists, complaints, velocity, subscription);
    }

    /**
     * Evaluates typed facts.
     *
     * @return every hit, the decision rules' last
     */
    public List<RuleHit> evaluate(Charge charge, Subscriber subscriber, ListHits lists, Complaints complaints,
            Velocity velocity, Subscription subscription) {
        List<RuleHit> hits = new ArrayList<>(4);
        lists(lists, hits);
        velocity(charge, velocity, hits);
        churn(charge, subscriber, hits);
        complaints(charge, complaints, hits);
        fraud(charge, velocity, hits);
        if (charge.chargeKind() == ChargeKind.RENEWAL && charge.subscription() && subscription.inCurrentPeriod()) {
            hits.add(SUB_DUP_RENEWAL);
        }
        decide(charge, hits);
        return hits;
    }

    private static void lists(ListHits lists, List<RuleHit> hits) {
        if (lists.msisdn()) {
            hits.add(LIST_MSISDN);
        }
        if (lists.msisdnPrefix()) {
            hits.add(LIST_PREFIX);
        }
        if (lists.device()) {
            hits.add(LIST_DEVICE);
        }
        if (lists.ip()) {
            hits.add(LIST_IP);
        }
    }

    private static void velocity(Charge charge, Velocity velocity, List<RuleHit> hits) {
        int attempts10m = velocity.msisdn().attempts10m();
        if (attempts10m > 5 && attempts10m <= 10) {
            hits.add(VEL_MSISDN_10M);
        }
        if (attempts10m > 10) {
            hits.add(VEL_MSISDN_10M_BURST);
        }
        if (velocity.msisdn().spendDay() > 10_000) {
            hits.add(VEL_MSISDN_DAY_CAP);
        }
        if (velocity.msisdn().spendMonth() > 30_000) {
            hits.add(VEL_MSISDN_MONTH_CAP);
        }
        if (charge.amountFen() > 3_000) {
            hits.add(VEL_AMOUNT_30);
        }
        if (velocity.deviceMsisdns24h() > 3) {
            hits.add(VEL_DEVICE_MSISDNS_24H);
        }
        if (velocity.ipMsisdns1h() > 10) {
            hits.add(VEL_IP_MSISDNS_1H);
        }
        if (velocity.blockMsisdns24h() >= 3) {
            hits.add(VEL_SIM_BATCH_24H);
        }
        if (velocity.deviceMsisdns7d() > 5 && velocity.deviceMsisdns24h() <= 3) {
            hits.add(VEL_DEVICE_MSISDNS_7D);
        }
        if (velocity.blockMsisdns7d() >= 4 && velocity.blockMsisdns24h() < 3) {
            hits.add(VEL_SIM_BATCH_7D);
        }
    }

    private static void churn(Charge charge, Subscriber subscriber, List<RuleHit> hits) {
        SubscriberStatus status = subscriber.status();
        if (status == SubscriberStatus.CLOSING || status == SubscriberStatus.CLOSED) {
            hits.add(CHURN_CLOSING);
        }
        if (status == SubscriberStatus.SUSPENDED || status == SubscriberStatus.HALF_SUSPENDED) {
            hits.add(CHURN_SUSPENDED);
        }
        int arrears = subscriber.arrearsDays();
        if (arrears >= 30) {
            hits.add(CHURN_ARREARS_30);
        }
        if (arrears >= 7 && arrears < 30) {
            hits.add(CHURN_ARREARS_7);
        }
        if (subscriber.plan() == Plan.PREPAID && subscriber.balanceFen() < charge.amountFen()) {
            hits.add(CHURN_PREPAID_BALANCE);
        }
        if (charge.chargeKind() == ChargeKind.RENEWAL && arrears > 0) {
            hits.add(CHURN_RENEWAL_ARREARS);
        }
        boolean newSim = subscriber.tenureDays() >= 0 && subscriber.tenureDays() < 7;
        if (newSim && charge.amountFen() >= 1_000) {
            hits.add(charge.payMode() == PayMode.SMS_DIRECT ? CHURN_NEW_SIM_DIRECT : CHURN_NEW_SIM);
        }
        if (subscriber.daysSincePorted() >= 0 && subscriber.daysSincePorted() < 30) {
            hits.add(CHURN_PORTED_30D);
        }
    }

    private static void complaints(Charge charge, Complaints complaints, List<RuleHit> hits) {
        if (complaints.msisdn90d() >= 2) {
            hits.add(CMP_MSISDN_90D);
        }
        if (complaints.msisdn365d() >= 3) {
            hits.add(CMP_MSISDN_365D);
        }
        if (complaints.msisdn365d() == 2 && complaints.msisdn90d() < 2) {
            hits.add(CMP_MSISDN_365D_2);
        }
        if (complaints.msisdn30d() == 1 && complaints.msisdn90d() < 2) {
            hits.add(charge.payMode() == PayMode.SMS_DIRECT ? CMP_MSISDN_30D_DIRECT : CMP_MSISDN_30D);
        }
        if (complaints.againstMerchant365d()) {
            hits.add(CMP_SAME_MERCHANT);
        }
        if (complaints.deductions90d() >= 1) {
            hits.add(CMP_DEDUCTION_90D);
        }
        if (complaints.refunds90d() >= 2) {
            hits.add(CMP_REFUNDS_90D);
        }
        if (charge.chargeKind() == ChargeKind.INITIAL && charge.subscription()
                && complaints.merchantApproved30d() >= 1_000 && complaints.merchantRatePer10k() > 30.0) {
            hits.add(CMP_MERCHANT_RATE);
        }
    }

    private static void fraud(Charge charge, Velocity velocity, List<RuleHit> hits) {
        Long otp = charge.otpLatencyMs();
        if (otp != null && otp < 2_000) {
            hits.add(FRAUD_OTP_FAST);
        }
        if (otp != null && otp >= 2_000 && otp < 3_000) {
            hits.add(FRAUD_OTP_3S);
        }
        if (velocity.msisdnMerchants10m() >= 3) {
            hits.add(FRAUD_MERCHANTS_10M);
        }
        if (charge.subscription() && charge.chinaHour() < 6 && otp != null && otp < 6_000) {
            hits.add(FRAUD_NIGHT_FAST_OTP);
        }
        if (charge.payMode() == PayMode.SMS_DIRECT && charge.chargeKind() == ChargeKind.INITIAL
                && charge.deviceId() == null && charge.ip() == null) {
            hits.add(FRAUD_DIRECT_NO_CONTEXT);
        }
    }

    /** decide.drl: after every other rule, on the sum of the enforced hits' points. */
    private static void decide(Charge charge, List<RuleHit> hits) {
        int points = 0;
        for (RuleHit hit : hits) {
            points += hit.shadow() ? 0 : hit.points();
        }
        if (points >= 100) {
            hits.add(DECIDE_BLOCK);
        } else if (points >= 60 && charge.payMode() == PayMode.SMS_DIRECT) {
            hits.add(DECIDE_CHALLENGE);
        }
        if (points >= 40 && points < 100) {
            hits.add(DECIDE_FLAG);
        }
    }

    private static RuleHit block(String code, String reason) {
        return new RuleHit(code, 0, Decision.BLOCK, reason, false, false);
    }

    private static RuleHit reviewBlock(String code, String reason) {
        return new RuleHit(code, 0, Decision.BLOCK, reason, false, true);
    }

    private static RuleHit action(String code, Decision action, String reason) {
        return new RuleHit(code, 0, action, reason, false, false);
    }

    private static RuleHit points(String code, int points, String reason) {
        return new RuleHit(code, points, null, reason, false, false);
    }
}
