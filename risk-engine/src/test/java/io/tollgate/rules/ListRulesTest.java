package io.tollgate.rules;

import static io.tollgate.EngineFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.signals.lists.ListKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** rules/lists.drl: blacklisted numbers, segments, devices and IPs, as of the check. */
class ListRulesTest extends RuleTestSupport {
    private static final String NUMBER = "13800138000";
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    @Fires("LIST-MSISDN")
    void check_blacklistedNumber_blocks() {
        fixture.list(ListKind.MSISDN, NUMBER, START.minus(HOUR), null);

        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER));

        assertVerdict(verdict, Decision.BLOCK, "LIST-MSISDN");
        assertThat(verdict.caseOpened()).isFalse();
    }

    @Test
    @Fires("LIST-MSISDN")
    void check_blacklistedNumberWrittenWithCountryCode_blocksTheNormalisedNumber() {
        fixture.list(ListKind.MSISDN, "+86 138-0013-8000", START.minus(HOUR), null);

        assertVerdict(fixture.check(fixture.charge("008613800138000")), Decision.BLOCK, "LIST-MSISDN");
    }

    @Test
    @DoesNotFire("LIST-MSISDN")
    void check_neighbourOfBlacklistedNumber_allows() {
        fixture.list(ListKind.MSISDN, "13800138001", START.minus(HOUR), null);

        assertAllowed(fixture.check(fixture.charge(NUMBER)));
    }

    @Test
    @DoesNotFire("LIST-MSISDN")
    void check_entryAddedAfterTheCheck_doesNotBlockUntilItsTime() {
        fixture.list(ListKind.MSISDN, NUMBER, START.plusSeconds(60), null);

        assertAllowed(fixture.check(fixture.charge(NUMBER)));

        fixture.advance(Duration.ofSeconds(60));
        assertVerdict(fixture.check(fixture.charge(NUMBER)), Decision.BLOCK, "LIST-MSISDN");
    }

    @Test
    @Fires("LIST-MSISDN")
    void check_entryAddedAtTheInstantOfTheCheck_blocks() {
        fixture.list(ListKind.MSISDN, NUMBER, START, null);

        assertVerdict(fixture.check(fixture.charge(NUMBER)), Decision.BLOCK, "LIST-MSISDN");
    }

    @Test
    @DoesNotFire("LIST-MSISDN")
    void check_entryExpiredAtTheInstantOfTheCheck_allows() {
        fixture.list(ListKind.MSISDN, NUMBER, START.minus(Duration.ofDays(10)), START);
        fixture.at(START.minusMillis(1));
        assertVerdict(fixture.check(fixture.charge(NUMBER)), Decision.BLOCK, "LIST-MSISDN");

        fixture.at(START);
        assertAllowed(fixture.check(fixture.charge(NUMBER)));
    }

    @Test
    @DoesNotFire("LIST-MSISDN")
    void check_entryRemovedBeforeTheCheck_allows() {
        fixture.list(ListKind.MSISDN, NUMBER, START.minus(HOUR), null);
        assertVerdict(fixture.check(fixture.charge(NUMBER)), Decision.BLOCK, "LIST-MSISDN");

        fixture.advance(Duration.ofMinutes(1));
        assertThat(fixture.engine.removeListEntry(ListKind.MSISDN, NUMBER)).isEqualTo(1);

        assertAllowed(fixture.check(fixture.charge(NUMBER)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"138", "1380013", "1380013800"})
    @Fires("LIST-PREFIX")
    void check_blacklistedSegment_blocks(String prefix) {
        fixture.list(ListKind.MSISDN_PREFIX, prefix, START.minus(HOUR), null);

        assertVerdict(fixture.check(fixture.charge(NUMBER)), Decision.BLOCK, "LIST-PREFIX");
    }

    @ParameterizedTest
    @ValueSource(strings = {"139", "1380014", "1380013801"})
    @DoesNotFire("LIST-PREFIX")
    void check_otherSegmentBlacklisted_allows(String prefix) {
        fixture.list(ListKind.MSISDN_PREFIX, prefix, START.minus(HOUR), null);

        assertAllowed(fixture.check(fixture.charge(NUMBER)));
    }

    @Test
    @DoesNotFire("LIST-PREFIX")
    void check_segmentListedAfterTheCheck_allows() {
        fixture.list(ListKind.MSISDN_PREFIX, "1380013", START.plusMillis(1), null);

        assertAllowed(fixture.check(fixture.charge(NUMBER)));
    }

    @Test
    @Fires("LIST-DEVICE")
    void check_blacklistedDevice_blocks() {
        fixture.list(ListKind.DEVICE, "dev-farm-7", START.minus(HOUR), null);

        assertVerdict(fixture.check(fixture.charge(NUMBER).deviceId("dev-farm-7")), Decision.BLOCK, "LIST-DEVICE");
    }

    @Test
    @DoesNotFire("LIST-DEVICE")
    void check_otherDeviceBlacklisted_allows() {
        fixture.list(ListKind.DEVICE, "dev-farm-7", START.minus(HOUR), null);

        assertAllowed(fixture.check(fixture.charge(NUMBER).deviceId("dev-farm-70")));
        assertAllowed(fixture.check(fixture.charge(NUMBER).deviceId(null)));
    }

    @Test
    @DoesNotFire("LIST-DEVICE")
    void check_deviceEntryExpired_allows() {
        fixture.list(ListKind.DEVICE, "dev-farm-7", START.minus(Duration.ofDays(30)), START.minusMillis(1));

        assertAllowed(fixture.check(fixture.charge(NUMBER).deviceId("dev-farm-7")));
    }

    @Test
    @Fires("LIST-IP")
    void check_blacklistedIp_blocks() {
        fixture.list(ListKind.IP, "10.0.0.1", START.minus(HOUR), null);

        assertVerdict(fixture.check(fixture.charge(NUMBER)), Decision.BLOCK, "LIST-IP");
    }

    @Test
    @DoesNotFire("LIST-IP")
    void check_ipSharingAPrefixWithABlacklistedIp_allows() {
        fixture.list(ListKind.IP, "10.0.0.1", START.minus(HOUR), null);

        assertAllowed(fixture.check(fixture.charge(NUMBER).ip("10.0.0.10")));
        assertAllowed(fixture.check(fixture.charge(NUMBER).ip(null)));
    }

    @Test
    @Fires({"LIST-MSISDN", "LIST-PREFIX", "LIST-DEVICE", "LIST-IP"})
    void check_everythingBlacklisted_reportsEveryList() {
        fixture.list(ListKind.MSISDN, NUMBER, START.minus(HOUR), null);
        fixture.list(ListKind.MSISDN_PREFIX, "1380013", START.minus(HOUR), null);
        fixture.list(ListKind.DEVICE, "dev-" + NUMBER, START.minus(HOUR), null);
        fixture.list(ListKind.IP, "10.0.0.1", START.minus(HOUR), null);

        assertVerdict(fixture.check(fixture.charge(NUMBER)), Decision.BLOCK,
                "LIST-MSISDN", "LIST-PREFIX", "LIST-DEVICE", "LIST-IP");
    }
}
