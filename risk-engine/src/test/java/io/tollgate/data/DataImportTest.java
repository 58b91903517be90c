package io.tollgate.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.RuleHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataImportTest {
    @TempDir
    Path folder;
    Path data;
    EngineFixture fixture;

    @BeforeEach
    void open() throws IOException {
        fixture = new EngineFixture(folder);
        data = Files.createDirectories(folder.resolve("data"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(data.resolve(file), content);
    }

    private static final String SUBSCRIBERS = """
            msisdn,carrier,activated_on,plan,balance_fen,arrears_days,status,ported_on,updated_at
            13800138000,CMCC,2020-01-01,POSTPAID,0,0,CLOSING,,2026-03-01T00:00:00+08:00
            """;
    private static final String BLACKLIST = """
            kind,value,source,reason,added_at,expires_at,extra_column
            DEVICE,dev-farm,INTERNAL,"SIM farm, seen 2026-02",2026-03-01T00:00:00+08:00,,ignored
            """;

    @Test
    void importData_goodFiles_nextCheckSeesThem() throws IOException {
        write("subscribers.csv", SUBSCRIBERS);
        write("blacklist.csv", BLACKLIST);

        DataFiles imported = fixture.engine.importData(data);

        assertThat(imported.size()).isEqualTo(2);
        assertThat(fixture.check(fixture.charge("13800138000")).hits()).extracting(RuleHit::code)
                .contains("CHURN-CLOSING");
        assertThat(fixture.check(fixture.charge("13900139000").deviceId("dev-farm")).decision())
                .isEqualTo(Decision.BLOCK);
    }

    @Test
    void importData_profiles_areReadBackWhenTheEngineReopens() throws IOException {
        write("subscribers.csv", SUBSCRIBERS);
        fixture.engine.importData(data);

        fixture.restart();

        assertThat(fixture.check(fixture.charge("13800138000")).hits()).extracting(RuleHit::code)
                .contains("CHURN-CLOSING");
    }

    @Test
    void importData_disputes_countForTheNumber() throws IOException {
        write("disputes.csv", """
                kind,ts,msisdn,amount_fen,request_id
                DEDUCTION,2026-03-01T10:00:00+08:00,13800138000,500,R-OLD
                """);

        fixture.engine.importData(data);

        assertThat(fixture.check(fixture.charge("13800138000")).hits()).extracting(RuleHit::code)
                .contains("CMP-DEDUCTION-90D");
    }

    @Test
    void importData_disputesTwice_countOnce() throws IOException {
        write("disputes.csv", """
                kind,ts,msisdn,amount_fen,request_id
                REFUND,2026-03-02T10:00:00+08:00,13800138000,500,
                """);
        fixture.engine.importData(data);

        fixture.engine.importData(data);

        // one refund, not two: CMP-REFUNDS-90D needs two
        assertThat(fixture.check(fixture.charge("13800138000")).hits()).extracting(RuleHit::code)
                .doesNotContain("CMP-REFUNDS-90D");
    }

    @Test
    void importData_twice_isIdempotent() throws IOException {
        write("blacklist.csv", BLACKLIST);
        fixture.engine.importData(data);

        fixture.engine.importData(data);

        assertThat(fixture.check(fixture.charge("13900139000").deviceId("dev-farm")).hits())
                .extracting(RuleHit::code).containsOnlyOnce("LIST-DEVICE");
    }

    @Test
    void importData_badRowInOneFile_namesFileAndLineAndImportsNothing() throws IOException {
        write("subscribers.csv", SUBSCRIBERS);
        write("blacklist.csv", BLACKLIST);
        write("complaints.csv", """
                complaint_id,ts,msisdn,merchant_id,product_id,kind,source
                C1,2026-03-05T10:00:00+08:00,13900139000,M1001,,UNAUTHORIZED,CARRIER
                C2,2026-03-05T10:00:00+08:00,1390013900,M1001,,UNAUTHORIZED,CARRIER
                """);

        assertThatThrownBy(() -> fixture.engine.importData(data))
                .isInstanceOf(UnableToImportException.class)
                .hasMessageEndingWith("complaints.csv:3: msisdn: '139****3900' is not a China mobile number "
                        + "(11 digits starting with 1, optionally +86/86/0086)");

        assertThat(fixture.check(fixture.charge("13800138000")).hits()).isEmpty();
        assertThat(fixture.check(fixture.charge("13900139000").deviceId("dev-farm")).hits()).isEmpty();
    }

    @Test
    void importData_missingColumn_namesIt() throws IOException {
        write("blacklist.csv", "kind,value,source,added_at\nDEVICE,d,INTERNAL,2026-03-01T00:00:00+08:00\n");

        assertThatThrownBy(() -> fixture.engine.importData(data))
                .hasMessageEndingWith("blacklist.csv:1: missing column 'reason'");
    }

    @Test
    void importData_unknownEnum_namesFieldAndValue() throws IOException {
        write("blacklist.csv", BLACKLIST.replace("DEVICE,", "PHONE,"));

        assertThatThrownBy(() -> fixture.engine.importData(data))
                .hasMessageEndingWith("blacklist.csv:2: kind: unknown value 'PHONE' (expected MSISDN|MSISDN_PREFIX|DEVICE|IP)");
    }

    @Test
    void importData_rowWithTooFewFields_namesLine() throws IOException {
        write("subscribers.csv", SUBSCRIBERS + "13900139000,CMCC,2020-01-01\n");

        assertThatThrownBy(() -> fixture.engine.importData(data))
                .hasMessageEndingWith("subscribers.csv:3: expected 9 fields as in the header, found 3");
    }

    private io.tollgate.charge.ChargeRequest.Builder renewal(String productId, io.tollgate.charge.BillingType type) {
        return fixture.charge("13800138000").productId(productId).billingType(type)
                .chargeKind(io.tollgate.charge.ChargeKind.RENEWAL).deviceId(null).ip(null).otpLatencyMs(null);
    }

    @Test
    void importData_subscriptionPaidBeforeTheHistory_renewalInItsPeriodIsBlocked() throws IOException {
        write("subscriptions.csv", """
                msisdn,merchant_id,product_id,billing_type,last_charged_at
                13800138000,M1001,P1001-02,MONTHLY_CALENDAR,2026-03-01T00:20:00+08:00
                13800138000,M1001,P1001-03,MONTHLY_ROLLING,2026-02-06T03:00:00+08:00
                13800138000,M1001,P1001-04,MONTHLY_ROLLING,2026-03-10T12:00:01+08:00
                """);

        DataFiles imported = fixture.engine.importData(data);

        assertThat(imported.paidPeriods()).hasSize(3);
        assertThat(fixture.check(renewal("P1001-02", io.tollgate.charge.BillingType.MONTHLY_CALENDAR)
                .requestId("R-CAL")).hits()).extracting(RuleHit::code).containsExactly("SUB-DUP-RENEWAL");
        // paid on 6 February: that period ended on 6 March, so this renewal is on time
        assertThat(fixture.check(renewal("P1001-03", io.tollgate.charge.BillingType.MONTHLY_ROLLING)
                .requestId("R-ROLL")).hits()).isEmpty();
        // paid one second after the check: not yet known (point-in-time)
        assertThat(fixture.check(renewal("P1001-04", io.tollgate.charge.BillingType.MONTHLY_ROLLING)
                .requestId("R-LATER")).hits()).isEmpty();
    }

    @Test
    void importData_subscriptionRowOfAPerUseProduct_namesFileLineAndField() throws IOException {
        write("subscribers.csv", SUBSCRIBERS);
        write("subscriptions.csv", """
                msisdn,merchant_id,product_id,billing_type,last_charged_at
                13800138000,M1001,P1001-02,MONTHLY_CALENDAR,2026-03-01T00:20:00+08:00
                13800138000,M1001,P1001-01,PER_USE,2026-03-01T00:20:00+08:00
                """);

        assertThatThrownBy(() -> fixture.engine.importData(data))
                .isInstanceOf(UnableToImportException.class)
                .hasMessageEndingWith("subscriptions.csv:3: billing_type: 'PER_USE' is not a subscription"
                        + " (MONTHLY_CALENDAR or MONTHLY_ROLLING)");

        assertThat(fixture.check(fixture.charge("13800138000")).hits()).isEmpty();
    }
}
