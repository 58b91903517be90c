package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CasesCommandTest {
    private static final String NUMBER = "13800138000";

    @TempDir
    Path folder;

    private String db() {
        return folder.resolve("tollgate").toString();
    }

    /** Checks a charge; an OTP typed in {@code otpMs} below 2 s is blocked and opens a case. */
    private String check(String requestId, String ts, long otpMs) {
        CliRun run = CliRun.run("check", "--db", db(), "--rules", CliRun.RULES.toString(),
                "--request-id", requestId, "--ts", ts, "--msisdn", NUMBER,
                "--merchant-id", "M1002", "--product-id", "P1002-01", "--amount-fen", "500",
                "--billing-type", "PER_USE", "--charge-kind", "INITIAL", "--pay-mode", "SMS_OTP",
                "--device-id", "farm-device-1", "--ip", "10.0.0.1", "--otp-latency-ms", Long.toString(otpMs));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().replaceAll("(?s).*\"decision\" : \"([A-Z]+)\".*", "$1");
    }

    @BeforeEach
    void oneBlockedCaseAndTwoUsers() {
        assertThat(check("R-1", "2026-03-10T12:00:00+08:00", 1_000)).isEqualTo("BLOCK");
        assertThat(UsersAddCommandTest.runWithInput("correct horse battery\n",
                "users", "add", "rita", "--role", "REVIEWER", "--db", db()).exitCode()).isZero();
        assertThat(UsersAddCommandTest.runWithInput("correct horse battery\n",
                "users", "add", "anna", "--role", "ANALYST", "--db", db()).exitCode()).isZero();
    }

    @Test
    void casesList_open_showsCaseWithMaskedNumber() {
        CliRun run = CliRun.run("cases", "list", "--db", db());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("OPEN 1,", "138****8000", "FRAUD-OTP-FAST", "M1002").doesNotContain(NUMBER);
        assertThat(run.out().lines()).hasSize(3);
    }

    @Test
    void casesList_otherStatus_filtersTheCaseOut() {
        CliRun run = CliRun.run("cases", "list", "--status", "ESCALATED", "--db", db());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out()).doesNotContain("138****8000");
    }

    @Test
    void casesShow_case_showsHitsSignalsAndMaskedNumberOnly() {
        CliRun run = CliRun.run("cases", "show", "--case", "1", "--db", db());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("case 1  OPEN", "R-1", "138****8000", "FRAUD-OTP-FAST", "BLOCK",
                "signals", "(nothing yet)").doesNotContain(NUMBER);
    }

    @Test
    void casesShow_unknownCase_exitsTwo() {
        CliRun run = CliRun.run("cases", "show", "--case", "42", "--db", db());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().isEqualTo("tollgate: --case 42: no such case");
    }

    @Test
    void casesDecide_confirmedFraudWithBlacklist_isAuditedAndNextCheckIsBlocked() {
        CliRun decide = CliRun.run("cases", "decide", "--case", "1", "--status", "CONFIRMED_FRAUD",
                "--note", "Malware: OTP read in 1 s", "--as", "rita", "--blacklist-number", "--db", db());

        assertThat(decide.exitCode()).as(decide.err()).isZero();
        assertThat(decide.out()).contains("case 1: OPEN -> CONFIRMED_FRAUD by rita", "MSISDN 138****8000")
                .doesNotContain(NUMBER);
        CliRun show = CliRun.run("cases", "show", "--case", "1", "--db", db());
        assertThat(show.out()).contains("case 1  CONFIRMED_FRAUD", "rita DECIDE OPEN -> CONFIRMED_FRAUD: Malware: OTP read in 1 s")
                .doesNotContain(NUMBER);
        // A careful charge (OTP typed in 6 s) of the number is now blocked by the list entry.
        assertThat(check("R-2", "2026-11-26T12:00:00+08:00", 6_000)).isEqualTo("BLOCK");
    }

    @Test
    void casesDecide_byAnalyst_exitsTwoAndChangesNothing() {
        CliRun run = CliRun.run("cases", "decide", "--case", "1", "--status", "FALSE_POSITIVE",
                "--note", "looks fine", "--as", "anna", "--db", db());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("tollgate: user 'anna' is ANALYST and may not decide cases");
        assertThat(CliRun.run("cases", "list", "--db", db()).out()).contains("OPEN 1,");
    }

    @Test
    void casesDecide_withoutNote_exitsTwo() {
        CliRun run = CliRun.run("cases", "decide", "--case", "1", "--status", "FALSE_POSITIVE", "--as", "rita",
                "--db", db());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains("--note");
    }

    @Test
    void casesReveal_reviewer_printsTheFullNumberAndAuditsIt() {
        CliRun run = CliRun.run("cases", "reveal", "--case", "1", "--note", "call the subscriber back", "--as", "rita",
                "--db", db());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo(NUMBER);
        assertThat(CliRun.run("cases", "show", "--case", "1", "--db", db()).out())
                .contains("rita REVEAL_NUMBER", "call the subscriber back").doesNotContain(NUMBER);
    }

    @Test
    void casesReveal_analyst_isRefusedAndNothingShown() {
        CliRun run = CliRun.run("cases", "reveal", "--case", "1", "--note", "curious", "--as", "anna", "--db", db());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.out()).doesNotContain(NUMBER);
        assertThat(run.errLines()).singleElement().asString().contains("may not see full numbers");
        assertThat(CliRun.run("cases", "show", "--case", "1", "--db", db()).out()).doesNotContain("REVEAL_NUMBER");
    }
}
