package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.Carrier;
import io.tollgate.charge.Msisdn;
import io.tollgate.signals.complaints.Complaint;
import io.tollgate.signals.complaints.ComplaintKind;
import io.tollgate.signals.complaints.ComplaintSource;
import io.tollgate.signals.lists.ListEntry;
import io.tollgate.signals.lists.ListKind;
import io.tollgate.signals.lists.ListSource;
import io.tollgate.signals.subscriber.Plan;
import io.tollgate.signals.subscriber.SubscriberProfile;
import io.tollgate.signals.subscriber.SubscriberStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every outcome the gateway reports changes what the very next check sees. */
class OutcomesTest {
    private static final String NUMBER = "13800138000";

    @TempDir
    Path folder;
    EngineFixture fixture;

    @BeforeEach
    void open() {
        fixture = new EngineFixture(folder);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private java.util.List<String> codes(RiskVerdict verdict) {
        return verdict.hits().stream().map(RuleHit::code).toList();
    }

    @Test
    void reportComplaint_nextCheckOfThatNumberAtThatMerchantIsBlocked() {
        fixture.engine.reportComplaint(new Complaint("C1", fixture.clock.instant(), new Msisdn(NUMBER), "M1001", null,
                ComplaintKind.UNAUTHORIZED, ComplaintSource.CARRIER));
        fixture.advance(Duration.ofMinutes(1));

        assertThat(codes(fixture.check(fixture.charge(NUMBER)))).contains("CMP-SAME-MERCHANT", "CMP-MSISDN-30D");
    }

    @Test
    void reportDeduction_addsPointsAndFlags() {
        fixture.check(fixture.charge(NUMBER).requestId("R-DISPUTED"));
        assertThat(fixture.engine.reportDeduction("R-DISPUTED", 500)).isTrue();
        fixture.advance(Duration.ofHours(2));

        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER));

        assertThat(codes(verdict)).containsExactly("CMP-DEDUCTION-90D", "DECIDE-FLAG");
        assertThat(verdict.score()).isEqualTo(40);
        assertThat(verdict.decision()).isEqualTo(Decision.FLAG);
    }

    @Test
    void reportDeduction_olderThan90Days_doesNotCount() {
        fixture.check(fixture.charge(NUMBER).requestId("R-OLD"));
        fixture.engine.reportDeduction("R-OLD", 500);
        fixture.advance(Duration.ofDays(90));

        assertThat(codes(fixture.check(fixture.charge(NUMBER)))).doesNotContain("CMP-DEDUCTION-90D");
    }

    @Test
    void reportRefund_secondRefundAddsPoints_firstDoesNot() {
        fixture.check(fixture.charge(NUMBER).requestId("R-A"));
        fixture.check(fixture.charge(NUMBER).requestId("R-B"));
        fixture.engine.reportRefund("R-A", 500);
        fixture.advance(Duration.ofHours(2));
        assertThat(codes(fixture.check(fixture.charge(NUMBER)))).doesNotContain("CMP-REFUNDS-90D");

        fixture.engine.reportRefund("R-B", 500);
        fixture.advance(Duration.ofHours(2));

        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER));
        assertThat(codes(verdict)).contains("CMP-REFUNDS-90D");
        assertThat(verdict.score()).isEqualTo(30);
        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void reportRefund_retried_countsOnce() {
        fixture.check(fixture.charge(NUMBER).requestId("R-A"));
        fixture.engine.reportRefund("R-A", 500);
        fixture.advance(Duration.ofMinutes(1));
        fixture.engine.reportRefund("R-A", 500); // the gateway retries its report
        fixture.advance(Duration.ofHours(2));

        assertThat(codes(fixture.check(fixture.charge(NUMBER)))).doesNotContain("CMP-REFUNDS-90D");
    }

    @Test
    void reportDeduction_unknownRequest_recordsNothing() {
        assertThat(fixture.engine.reportDeduction("R-NEVER", 500)).isFalse();
        assertThat(fixture.engine.reportCarrierResult("R-NEVER", false)).isFalse();
    }

    @Test
    void changeSubscriberStatus_nextCheckSeesIt() {
        fixture.engine.updateSubscriber(new SubscriberProfile(new Msisdn(NUMBER), Carrier.CMCC,
                LocalDate.of(2020, 1, 1), Plan.POSTPAID, 0, 0, SubscriberStatus.ACTIVE, null,
                fixture.clock.instant().minus(Duration.ofDays(1))));
        assertThat(fixture.check(fixture.charge(NUMBER)).decision()).isEqualTo(Decision.ALLOW);

        assertThat(fixture.engine.changeSubscriberStatus(new Msisdn(NUMBER), SubscriberStatus.SUSPENDED)).isTrue();

        assertThat(codes(fixture.check(fixture.charge(NUMBER)))).contains("CHURN-SUSPENDED");
    }

    @Test
    void addAndRemoveListEntry_takeEffectOnTheNextCheck() {
        fixture.engine.addListEntry(new ListEntry(ListKind.IP, "10.9.9.9", ListSource.COMPLIANCE, "confirmed fraud",
                fixture.clock.instant(), null, null));
        assertThat(fixture.check(fixture.charge(NUMBER).ip("10.9.9.9")).decision()).isEqualTo(Decision.BLOCK);

        fixture.advance(Duration.ofMinutes(1));
        assertThat(fixture.engine.removeListEntry(ListKind.IP, "10.9.9.9")).isEqualTo(1);

        assertThat(fixture.check(fixture.charge("13900139000").ip("10.9.9.9")).decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void updateSubscriber_portedNumber_profileCarrierWinsOverSegment() {
        fixture.engine.updateSubscriber(new SubscriberProfile(new Msisdn(NUMBER), Carrier.CTCC,
                LocalDate.of(2020, 1, 1), Plan.POSTPAID, 0, 0, SubscriberStatus.ACTIVE, LocalDate.of(2025, 1, 1),
                fixture.clock.instant().minus(Duration.ofDays(1))));

        fixture.check(fixture.charge(NUMBER).requestId("R-PORTED").amountFen(5000).deviceId("dev-A"));

        assertThat(fixture.engine.cases().byRequestId("R-PORTED")).hasValueSatisfying(found ->
                assertThat(found.snapshotJson()).contains("\"carrier\":\"CTCC\""));
    }
}
