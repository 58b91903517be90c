package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.Msisdn;
import io.tollgate.signals.complaints.Complaint;
import io.tollgate.signals.complaints.ComplaintKind;
import io.tollgate.signals.complaints.ComplaintSource;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CMP-MERCHANT-RATE: a merchant over 30 complaints per 10,000 approved charges has its new subscriptions flagged. */
class MerchantRateRuleTest {
    private static final String MERCHANT = "M9";

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

    /** Approved charges of the merchant from as many distinct numbers, spread over the last day. */
    private void approvedCharges(int count) {
        for (int i = 0; i < count; i++) {
            String number = String.format("1390%07d", i);
            RiskVerdict verdict = fixture.check(fixture.charge(number).merchantId(MERCHANT).deviceId("d" + i).ip(null));
            assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
            fixture.advance(Duration.ofSeconds(30));
        }
    }

    private void complaints(int count) {
        for (int i = 0; i < count; i++) {
            fixture.engine.reportComplaint(new Complaint("C" + i, fixture.clock.instant(),
                    new Msisdn(String.format("1370%07d", i)), MERCHANT, null, ComplaintKind.UNAUTHORIZED,
                    ComplaintSource.CARRIER));
        }
        fixture.advance(Duration.ofMinutes(1));
    }

    private RiskVerdict newSubscription(ChargeKind kind, BillingType type) {
        return fixture.check(fixture.charge("13800138000").merchantId(MERCHANT).billingType(type).chargeKind(kind));
    }

    private static java.util.List<String> codes(RiskVerdict verdict) {
        return verdict.hits().stream().map(RuleHit::code).toList();
    }

    @Test
    void check_merchantOverBudget_flagsNewSubscription() {
        approvedCharges(1000);
        complaints(4); // 40 per 10,000

        RiskVerdict verdict = newSubscription(ChargeKind.INITIAL, BillingType.MONTHLY_CALENDAR);

        assertThat(codes(verdict)).contains("CMP-MERCHANT-RATE");
        assertThat(verdict.decision()).isEqualTo(Decision.FLAG);
    }

    @Test
    void check_merchantExactlyAtBudget_doesNotFlag() {
        approvedCharges(1000);
        complaints(3); // 30 per 10,000: at the budget, not over

        assertThat(codes(newSubscription(ChargeKind.INITIAL, BillingType.MONTHLY_ROLLING)))
                .doesNotContain("CMP-MERCHANT-RATE");
    }

    @Test
    void check_tooFewChargesForARate_doesNotFlag() {
        approvedCharges(999);
        complaints(20);

        assertThat(codes(newSubscription(ChargeKind.INITIAL, BillingType.MONTHLY_CALENDAR)))
                .doesNotContain("CMP-MERCHANT-RATE");
    }

    @Test
    void check_overBudgetButPerUseOrRenewal_doesNotFlag() {
        approvedCharges(1000);
        complaints(4);

        assertThat(codes(newSubscription(ChargeKind.INITIAL, BillingType.PER_USE))).doesNotContain("CMP-MERCHANT-RATE");
        assertThat(codes(fixture.check(fixture.charge("13600136000").merchantId(MERCHANT)
                .billingType(BillingType.MONTHLY_CALENDAR).chargeKind(ChargeKind.RENEWAL))))
                .doesNotContain("CMP-MERCHANT-RATE");
    }
}
