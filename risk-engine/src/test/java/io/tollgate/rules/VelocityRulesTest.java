package io.tollgate.rules;

import static io.tollgate.EngineFixture.START;
import static io.tollgate.EngineFixture.china;
import static io.tollgate.EngineFixture.numberInBlock;
import static io.tollgate.EngineFixture.numberInOwnBlock;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.signals.lists.ListKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * rules/velocity.drl. Every figure includes the charge being checked; spend counts charges that
 * were not blocked and not failed by the carrier.
 */
class VelocityRulesTest extends RuleTestSupport {
    private static final String NUMBER = "13800138000";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** Checks {@code count} plain charges of the number, {@code spacing} apart; returns the last verdict. */
    private RiskVerdict attempts(int count, Duration spacing) {
        RiskVerdict last = null;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                fixture.advance(spacing);
            }
            last = fixture.check(fixture.charge(NUMBER));
        }
        return last;
    }

    /** Checks charges of these amounts a minute apart, each but the last asserted allowed; returns the last. */
    private RiskVerdict spend(long... amounts) {
        RiskVerdict last = null;
        for (int i = 0; i < amounts.length; i++) {
            if (i > 0) {
                assertAllowed(last);
                fixture.advance(MINUTE);
            }
            last = fixture.check(fixture.charge(NUMBER).amountFen(amounts[i]));
        }
        return last;
    }

    /** The i-th of numbers of different blocks of 100, so that the device and IP tests are no SIM batch. */
    private static String number(int i) {
        return numberInOwnBlock(i);
    }

    // ----- VEL-MSISDN-10M: attempts10m > 5 (and <= 10) -----

    @Test
    @Fires("VEL-MSISDN-10M")
    void check_sixthAttemptIn10Minutes_flags() {
        RiskVerdict sixth = attempts(6, MINUTE);

        assertVerdict(sixth, Decision.FLAG, "VEL-MSISDN-10M");
        assertThat(sixth.caseOpened()).isTrue();
        assertThat(fixture.engine.cases().byRequestId(sixth.requestId())).isPresent();
    }

    @Test
    @DoesNotFire("VEL-MSISDN-10M")
    void check_fifthAttemptIn10Minutes_allows() {
        assertAllowed(attempts(5, MINUTE));
    }

    @Test
    @DoesNotFire("VEL-MSISDN-10M")
    void check_sixthAttemptWhenTheFirstIsExactly10MinutesOld_allows() {
        fixture.check(fixture.charge(NUMBER));
        fixture.advance(Duration.ofMinutes(6));
        attempts(4, MINUTE); // minutes 6 to 9

        fixture.at(START.plus(Duration.ofMinutes(10)));
        assertAllowed(fixture.check(fixture.charge(NUMBER)));
    }

    @Test
    @Fires("VEL-MSISDN-10M")
    void check_sixthAttemptWhenTheFirstIsJustUnder10MinutesOld_flags() {
        fixture.check(fixture.charge(NUMBER));
        fixture.advance(Duration.ofMinutes(6));
        attempts(4, MINUTE);

        fixture.at(START.plus(Duration.ofMinutes(10)).minusMillis(1));
        assertVerdict(fixture.check(fixture.charge(NUMBER)), Decision.FLAG, "VEL-MSISDN-10M");
    }

    // ----- VEL-MSISDN-10M-BURST: attempts10m > 10 -----

    @Test
    @Fires("VEL-MSISDN-10M-BURST")
    void check_eleventhAttemptIn10Minutes_blocks() {
        assertVerdict(attempts(11, Duration.ofSeconds(30)), Decision.BLOCK, "VEL-MSISDN-10M-BURST");
    }

    @Test
    @DoesNotFire("VEL-MSISDN-10M-BURST")
    void check_tenthAttemptIn10Minutes_onlyFlags() {
        assertVerdict(attempts(10, Duration.ofSeconds(30)), Decision.FLAG, "VEL-MSISDN-10M");
    }

    // ----- VEL-MSISDN-DAY-CAP: spendDay > 10000 fen -----

    @Test
    @Fires("VEL-MSISDN-DAY-CAP")
    void check_dailySpendOf10001Fen_blocks() {
        assertVerdict(spend(3000, 3000, 3000, 1001), Decision.BLOCK, "VEL-MSISDN-DAY-CAP");
    }

    @Test
    @DoesNotFire("VEL-MSISDN-DAY-CAP")
    void check_dailySpendOfExactly10000Fen_allows() {
        assertAllowed(spend(3000, 3000, 3000, 1000));
    }

    @Test
    @DoesNotFire("VEL-MSISDN-DAY-CAP")
    void check_blockedChargeDoesNotCountAsSpend() {
        assertVerdict(spend(3000, 3000, 3000, 1001), Decision.BLOCK, "VEL-MSISDN-DAY-CAP");

        fixture.advance(MINUTE);
        assertAllowed(fixture.check(fixture.charge(NUMBER).amountFen(1000)));
    }

    @Test
    @DoesNotFire("VEL-MSISDN-DAY-CAP")
    void check_chargeTheCarrierFailed_leavesTheDailySpend() {
        RiskVerdict first = fixture.check(fixture.charge(NUMBER).amountFen(3000));
        fixture.advance(MINUTE);
        spend(3000, 3000);
        fixture.advance(MINUTE);
        assertVerdict(fixture.check(fixture.charge(NUMBER).amountFen(1001)), Decision.BLOCK, "VEL-MSISDN-DAY-CAP");

        assertThat(fixture.engine.reportCarrierResult(first.requestId(), false)).isTrue();

        fixture.advance(MINUTE);
        assertAllowed(fixture.check(fixture.charge(NUMBER).amountFen(1001)));
    }

    @Test
    @Fires("VEL-MSISDN-DAY-CAP")
    void check_chargeTheCarrierCompleted_staysInTheDailySpend() {
        RiskVerdict first = fixture.check(fixture.charge(NUMBER).amountFen(3000));
        fixture.advance(MINUTE);
        spend(3000, 3000);

        assertThat(fixture.engine.reportCarrierResult(first.requestId(), true)).isTrue();

        fixture.advance(MINUTE);
        assertVerdict(fixture.check(fixture.charge(NUMBER).amountFen(1001)), Decision.BLOCK, "VEL-MSISDN-DAY-CAP");
    }

    @Test
    @DoesNotFire("VEL-MSISDN-DAY-CAP")
    void check_chargeTheCarrierFailed_staysOutOfTheDailySpendAfterARestart() {
        RiskVerdict first = fixture.check(fixture.charge(NUMBER).amountFen(3000));
        fixture.advance(MINUTE);
        spend(3000, 3000);
        assertThat(fixture.engine.reportCarrierResult(first.requestId(), false)).isTrue();

        fixture.restart();

        fixture.advance(MINUTE);
        assertAllowed(fixture.check(fixture.charge(NUMBER).amountFen(1001)));
    }

    @Test
    @Fires("VEL-MSISDN-DAY-CAP")
    void check_carrierFailureCorrectedToSuccess_countsTheSpendAgain() {
        RiskVerdict first = fixture.check(fixture.charge(NUMBER).amountFen(3000));
        fixture.advance(MINUTE);
        spend(3000, 3000);
        assertThat(fixture.engine.reportCarrierResult(first.requestId(), false)).isTrue();
        assertThat(fixture.engine.reportCarrierResult(first.requestId(), true)).isTrue();

        fixture.advance(MINUTE);
        assertVerdict(fixture.check(fixture.charge(NUMBER).amountFen(1001)), Decision.BLOCK, "VEL-MSISDN-DAY-CAP");
        fixture.restart();
        fixture.advance(MINUTE);
        assertVerdict(fixture.check(fixture.charge(NUMBER).amountFen(1001)), Decision.BLOCK, "VEL-MSISDN-DAY-CAP");
    }

    @Test
    @DoesNotFire("VEL-MSISDN-DAY-CAP")
    void check_spendOfThePreviousChinaDay_doesNotCountToday() {
        // 23:00 and 01:00 China time are the same UTC day (2026-03-10) but different China days.
        fixture.at(china("2026-03-10T23:00"));
        spend(3000, 3000, 3000, 1000);

        fixture.at(china("2026-03-11T01:00"));
        assertAllowed(fixture.check(fixture.charge(NUMBER).amountFen(3000)));
    }

    // ----- VEL-MSISDN-MONTH-CAP: spendMonth > 30000 fen -----

    /** Spends 10000 fen on each of three China days from 10 March: 30000 fen this month. */
    private RiskVerdict spendThreeFullDays() {
        RiskVerdict last = null;
        for (int day = 0; day < 3; day++) {
            fixture.at(START.plus(Duration.ofDays(day)));
            last = spend(3000, 3000, 3000, 1000);
        }
        return last;
    }

    @Test
    @Fires("VEL-MSISDN-MONTH-CAP")
    void check_monthlySpendOf30001Fen_blocks() {
        spendThreeFullDays();

        fixture.at(START.plus(Duration.ofDays(3)));
        assertVerdict(fixture.check(fixture.charge(NUMBER).amountFen(1)), Decision.BLOCK, "VEL-MSISDN-MONTH-CAP");
    }

    @Test
    @DoesNotFire("VEL-MSISDN-MONTH-CAP")
    void check_monthlySpendOfExactly30000Fen_allows() {
        assertAllowed(spendThreeFullDays());
    }

    @Test
    @DoesNotFire("VEL-MSISDN-MONTH-CAP")
    void check_spendOfThePreviousChinaMonth_doesNotCountThisMonth() {
        for (int day = 25; day <= 27; day++) {
            fixture.at(china("2026-02-" + day + "T12:00"));
            spend(3000, 3000, 3000, 1000);
        }
        // 1 March 00:30 China time is still 28 February in UTC.
        fixture.at(china("2026-03-01T00:30"));
        assertAllowed(fixture.check(fixture.charge(NUMBER).amountFen(3000)));
    }

    // ----- VEL-AMOUNT-30: amountFen > 3000 -----

    @Test
    @Fires("VEL-AMOUNT-30")
    void check_chargeOf3001Fen_flags() {
        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).amountFen(3001));

        assertVerdict(verdict, Decision.FLAG, "VEL-AMOUNT-30");
        assertThat(verdict.caseOpened()).isTrue();
    }

    @Test
    @DoesNotFire("VEL-AMOUNT-30")
    void check_chargeOf3000Fen_allows() {
        assertAllowed(fixture.check(fixture.charge(NUMBER).amountFen(3000)));
    }

    // ----- VEL-DEVICE-MSISDNS-24H: deviceMsisdns24h > 3 -----

    /** Charges each number once from one device, a minute apart; returns the last verdict. */
    private RiskVerdict fromDevice(String device, String... numbers) {
        RiskVerdict last = null;
        for (int i = 0; i < numbers.length; i++) {
            if (i > 0) {
                fixture.advance(MINUTE);
            }
            last = fixture.check(fixture.charge(numbers[i]).deviceId(device));
        }
        return last;
    }

    @Test
    @Fires("VEL-DEVICE-MSISDNS-24H")
    void check_fourthNumberOnOneDeviceIn24Hours_blocksAndOpensACase() {
        RiskVerdict fourth = fromDevice("dev-farm", number(1), number(2), number(3), number(4));

        assertVerdict(fourth, Decision.BLOCK, "VEL-DEVICE-MSISDNS-24H");
        assertThat(fourth.caseOpened()).isTrue();
        assertThat(fixture.engine.cases().byRequestId(fourth.requestId())).isPresent();
    }

    @Test
    @DoesNotFire("VEL-DEVICE-MSISDNS-24H")
    void check_deviceWithExactlyThreeNumbers_allows() {
        assertAllowed(fromDevice("dev-farm", number(1), number(2), number(3)));
        fixture.advance(MINUTE);
        assertAllowed(fromDevice("dev-farm", number(1), number(2), number(3)));
    }

    @Test
    @DoesNotFire("VEL-DEVICE-MSISDNS-24H")
    void check_fourthNumberWhenTheFirstIsExactly24HoursOld_allows() {
        fromDevice("dev-farm", number(1));
        fixture.at(START.plus(Duration.ofHours(23)));
        fromDevice("dev-farm", number(2), number(3));

        fixture.at(START.plus(Duration.ofHours(24)));
        assertAllowed(fromDevice("dev-farm", number(4)));
    }

    @Test
    @Fires("VEL-DEVICE-MSISDNS-24H")
    void check_fourthNumberWhenTheFirstIsJustUnder24HoursOld_blocks() {
        fromDevice("dev-farm", number(1));
        fixture.at(START.plus(Duration.ofHours(23)));
        fromDevice("dev-farm", number(2), number(3));

        fixture.at(START.plus(Duration.ofHours(24)).minusMillis(1));
        assertVerdict(fromDevice("dev-farm", number(4)), Decision.BLOCK, "VEL-DEVICE-MSISDNS-24H");
    }

    // ----- VEL-IP-MSISDNS-1H: ipMsisdns1h > 10 -----

    /** Charges numbers from..to once each from one IP, each from its own device, a minute apart. */
    private RiskVerdict fromIp(String ip, int from, int to) {
        RiskVerdict last = null;
        for (int i = from; i <= to; i++) {
            if (i > from) {
                fixture.advance(MINUTE);
            }
            last = fixture.check(fixture.charge(number(i)).ip(ip));
        }
        return last;
    }

    @Test
    @Fires("VEL-IP-MSISDNS-1H")
    void check_eleventhNumberOnOneIpInAnHour_flags() {
        assertVerdict(fromIp("100.64.0.9", 1, 11), Decision.FLAG, "VEL-IP-MSISDNS-1H");
    }

    @Test
    @DoesNotFire("VEL-IP-MSISDNS-1H")
    void check_tenthNumberOnOneIpInAnHour_allows() {
        assertAllowed(fromIp("100.64.0.9", 1, 10));
    }

    @Test
    @DoesNotFire("VEL-IP-MSISDNS-1H")
    void check_eleventhNumberWhenTheFirstIsExactlyAnHourOld_allows() {
        fromIp("100.64.0.9", 1, 1);
        fixture.at(START.plus(Duration.ofMinutes(50)));
        fromIp("100.64.0.9", 2, 10);

        fixture.at(START.plus(Duration.ofHours(1)));
        assertAllowed(fromIp("100.64.0.9", 11, 11));
    }

    @Test
    @DoesNotFire("VEL-IP-MSISDNS-1H")
    void check_numbersSpreadOverTwoIps_allows() {
        fromIp("100.64.0.9", 1, 10);
        fixture.advance(MINUTE);

        assertAllowed(fromIp("100.64.0.10", 11, 11));
    }

    // ----- VEL-SIM-BATCH-24H: blockMsisdns24h >= 3 (distinct numbers of one block of 100) -----

    /** A block of 100 consecutive numbers: 13700137000 to 13700137099. */
    private static final String BLOCK = "137001370";

    /** Checks one plain charge of the number, from its own device; returns the verdict. */
    private RiskVerdict chargeOf(String number) {
        return fixture.check(fixture.charge(number));
    }

    @Test
    @Fires("VEL-SIM-BATCH-24H")
    void check_thirdNumberOfABlockIn24Hours_blocksAndOpensACase() {
        assertAllowed(chargeOf(numberInBlock(BLOCK, 0)));
        fixture.advance(Duration.ofHours(1));
        assertAllowed(chargeOf(numberInBlock(BLOCK, 57)));
        fixture.advance(Duration.ofHours(1));

        RiskVerdict third = chargeOf(numberInBlock(BLOCK, 99));

        assertVerdict(third, Decision.BLOCK, "VEL-SIM-BATCH-24H");
        assertThat(third.caseOpened()).isTrue();
        assertThat(fixture.engine.cases().byRequestId(third.requestId())).isPresent();

        fixture.advance(MINUTE);
        assertVerdict(chargeOf(numberInBlock(BLOCK, 1)), Decision.BLOCK, "VEL-SIM-BATCH-24H");
    }

    @Test
    @DoesNotFire("VEL-SIM-BATCH-24H")
    void check_twoNumbersOfABlockIn24Hours_allows() {
        assertAllowed(chargeOf(numberInBlock(BLOCK, 0)));
        fixture.advance(MINUTE);
        assertAllowed(chargeOf(numberInBlock(BLOCK, 1)));
        fixture.advance(MINUTE);

        // a third attempt, but by a number already counted: still two distinct numbers
        assertAllowed(chargeOf(numberInBlock(BLOCK, 0)));
    }

    @Test
    @DoesNotFire("VEL-SIM-BATCH-24H")
    void check_thirdNumberWhenTheFirstIsExactly24HoursOld_allows() {
        chargeOf(numberInBlock(BLOCK, 0));
        fixture.at(START.plus(Duration.ofHours(23)));
        assertAllowed(chargeOf(numberInBlock(BLOCK, 1)));

        fixture.at(START.plus(Duration.ofHours(24)));
        assertAllowed(chargeOf(numberInBlock(BLOCK, 2)));
    }

    @Test
    @Fires("VEL-SIM-BATCH-24H")
    void check_thirdNumberWhenTheFirstIsJustUnder24HoursOld_blocks() {
        chargeOf(numberInBlock(BLOCK, 0));
        fixture.at(START.plus(Duration.ofHours(23)));
        assertAllowed(chargeOf(numberInBlock(BLOCK, 1)));

        fixture.at(START.plus(Duration.ofHours(24)).minusMillis(1));
        assertVerdict(chargeOf(numberInBlock(BLOCK, 2)), Decision.BLOCK, "VEL-SIM-BATCH-24H");
    }

    @Test
    @DoesNotFire("VEL-SIM-BATCH-24H")
    void check_consecutiveNumbersAcrossNeighbouringBlocks_allows() {
        // 13700136998 .. 13700137001 are consecutive, but two fall in block 137001369 and two in
        // 137001370; 13700137100 opens block 137001371.
        String[] numbers = {numberInBlock("137001369", 98), numberInBlock("137001369", 99),
                numberInBlock(BLOCK, 0), numberInBlock(BLOCK, 1), numberInBlock("137001371", 0)};
        for (String number : numbers) {
            assertAllowed(chargeOf(number));
            fixture.advance(MINUTE);
        }
    }

    @Test
    @Fires("VEL-SIM-BATCH-24H")
    void check_blockedAttemptOfTheBlock_counts() {
        fixture.list(ListKind.MSISDN, numberInBlock(BLOCK, 0), START.minus(Duration.ofHours(1)), null);
        assertVerdict(chargeOf(numberInBlock(BLOCK, 0)), Decision.BLOCK, "LIST-MSISDN");
        fixture.advance(MINUTE);
        assertAllowed(chargeOf(numberInBlock(BLOCK, 1)));
        fixture.advance(MINUTE);

        assertVerdict(chargeOf(numberInBlock(BLOCK, 2)), Decision.BLOCK, "VEL-SIM-BATCH-24H");
    }

    // ----- VEL-DEVICE-MSISDNS-7D: deviceMsisdns7d > 5 while deviceMsisdns24h <= 3 -----

    @Test
    @Fires("VEL-DEVICE-MSISDNS-7D")
    void check_sixthNumberOnOneDeviceIn7DaysButThirdToday_blocksAndOpensACase() {
        fromDevice("dev-farm", number(1), number(2), number(3));
        fixture.advance(Duration.ofDays(3));
        assertAllowed(fromDevice("dev-farm", number(4), number(5)));
        fixture.advance(MINUTE);

        RiskVerdict sixth = fromDevice("dev-farm", number(6));

        assertVerdict(sixth, Decision.BLOCK, "VEL-DEVICE-MSISDNS-7D");
        assertThat(sixth.caseOpened()).isTrue();
    }

    @Test
    @DoesNotFire("VEL-DEVICE-MSISDNS-7D")
    void check_sixthNumberWhenTheFirstIsExactly7DaysOld_allows() {
        fromDevice("dev-farm", number(1));
        fixture.at(START.plus(Duration.ofDays(3)));
        fromDevice("dev-farm", number(2), number(3));
        fixture.at(START.plus(Duration.ofDays(6)));
        fromDevice("dev-farm", number(4), number(5));

        fixture.at(START.plus(Duration.ofDays(7)));
        assertAllowed(fromDevice("dev-farm", number(6)));
    }

    // ----- VEL-SIM-BATCH-7D: blockMsisdns7d >= 4 while blockMsisdns24h < 3 -----

    @Test
    @Fires("VEL-SIM-BATCH-7D")
    void check_fourthNumberOfABlockIn7DaysOnAnotherDay_blocksAndOpensACase() {
        chargeOf(numberInBlock(BLOCK, 0));
        fixture.advance(Duration.ofDays(2));
        assertAllowed(chargeOf(numberInBlock(BLOCK, 5)));
        fixture.advance(Duration.ofDays(2));
        assertAllowed(chargeOf(numberInBlock(BLOCK, 9)));
        fixture.advance(Duration.ofHours(1));

        RiskVerdict fourth = chargeOf(numberInBlock(BLOCK, 44));

        assertVerdict(fourth, Decision.BLOCK, "VEL-SIM-BATCH-7D");
        assertThat(fourth.caseOpened()).isTrue();
    }

    @Test
    @DoesNotFire("VEL-SIM-BATCH-7D")
    void check_fourthNumberWhenTheFirstIsExactly7DaysOld_allows() {
        chargeOf(numberInBlock(BLOCK, 0));
        fixture.at(START.plus(Duration.ofDays(2)));
        chargeOf(numberInBlock(BLOCK, 5));
        fixture.at(START.plus(Duration.ofDays(4)));
        chargeOf(numberInBlock(BLOCK, 9));

        fixture.at(START.plus(Duration.ofDays(7)));
        assertAllowed(chargeOf(numberInBlock(BLOCK, 44)));
    }
}
