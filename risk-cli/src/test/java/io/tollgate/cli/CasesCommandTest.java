package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
        // A careful charge (OTP typed in 6 s) of the number is now blocked by the list entry. Lists are
        // point in time and the entry is dated by the wall clock, so the charge is a minute from now.
        String soon = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(1).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(check("R-2", soon, 6_000)).isEqualTo("BLOCK");
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

    /** Any full mainland mobile number standing alone. */
    private static final java.util.regex.Pattern FULL_NUMBER = java.util.regex.Pattern.compile("(?<![0-9])1[0-9]{10}(?![0-9])");

    @Test
    void casesList_filters_narrowTheQueue() {
        assertThat(CliRun.run("cases", "list", "--rule", "FRAUD-OTP-FAST", "--merchant", "M1002", "--decision", "BLOCK",
                "--from", "2026-03-10", "--to", "2026-03-10", "--contested", "no", "--db", db()).out())
                .contains("138****8000");
        for (String[] none : new String[][] {{"--decision", "FLAG"}, {"--rule", "VEL-AMOUNT-30"}, {"--merchant", "M9"},
            {"--from", "2026-03-11"}, {"--to", "2026-03-09"}, {"--contested", "yes"}, {"--page", "2"}}) {
            CliRun run = CliRun.run("cases", "list", none[0], none[1], "--db", db());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).as(none[0]).doesNotContain("138****8000");
        }
        assertThat(CliRun.run("cases", "list", "--status", "ALL", "--db", db()).out()).contains("138****8000");
    }

    @Test
    void casesList_badFilter_exitsTwoNamingOptionAndValue() {
        CliRun run = CliRun.run("cases", "list", "--from", "10/03/2026", "--db", db());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("tollgate: --from: '10/03/2026' is not a date YYYY-MM-DD (China time)");
    }

    @Test
    void casesExport_toStdout_maskedCsvOfEveryMatchingCase() {
        CliRun run = CliRun.run("cases", "export", "--status", "ALL", "--as", "anna", "--db", db());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out()).startsWith("case_id,opened_at,status,").contains("1,2026-03-10T12:00+08:00,OPEN,no,BLOCK,",
                "138****8000", "FRAUD-OTP-FAST").doesNotContainPattern(FULL_NUMBER);
    }

    @Test
    void casesExport_toFile_isAuditedWithTheFilter() throws Exception {
        Path csv = folder.resolve("cases.csv");

        CliRun run = CliRun.run("cases", "export", "--rule", "FRAUD-OTP-FAST", "--out", csv.toString(), "--as", "rita",
                "--db", db());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("exported 1 cases (status=OPEN rule=FRAUD-OTP-FAST) to ");
        assertThat(java.nio.file.Files.readString(csv)).contains("138****8000").doesNotContainPattern(FULL_NUMBER);
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                io.tollgate.store.Database.h2FileUrl(folder.resolve("tollgate")), "tollgate", "");
                java.sql.ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT actor, action, detail FROM audit_entry WHERE case_id IS NULL")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3))
                    .isEqualTo("rita EXPORT_CASES CSV of status=OPEN rule=FRAUD-OTP-FAST");
        }
    }

    @Test
    void casesExport_unknownOrMissingUser_exitsTwo() {
        CliRun unknown = CliRun.run("cases", "export", "--as", "mallory", "--db", db());
        CliRun missing = CliRun.run("cases", "export", "--db", db());

        assertThat(unknown.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(unknown.errLines()).singleElement().asString().isEqualTo("tollgate: --as: no user 'mallory'");
        assertThat(unknown.out()).isEmpty();
        assertThat(missing.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(missing.err()).contains("--as");
    }

    @Test
    void casesContest_block_marksTheCaseOnceAndListShowsIt() {
        CliRun first = CliRun.run("cases", "contest", "--request-id", "R-1", "--statement",
                "Subscriber says she typed the code herself; call 13800138000", "--as", "anna", "--db", db());
        CliRun second = CliRun.run("cases", "contest", "--request-id", "R-1", "--statement", "again", "--as", "anna",
                "--db", db());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out().strip()).isEqualTo("case 1: contest recorded, OPEN");
        assertThat(second.out().strip()).isEqualTo("case 1: contested already (OPEN); nothing changed");
        assertThat(CliRun.run("cases", "list", "--contested", "yes", "--db", db()).out()).contains("CONTESTED");
        assertThat(CliRun.run("cases", "show", "--case", "1", "--db", db()).out())
                .contains("anna CONTEST", "call 138****8000", "  contest   ", "passed on by anna: Subscriber says")
                .doesNotContainPattern(FULL_NUMBER);
    }

    @Test
    void casesContest_unknownOrAllowedRequest_exitsTwo() {
        assertThat(check("R-2", "2026-03-10T12:30:00+08:00", 6_000)).isEqualTo("ALLOW");

        CliRun unknown = CliRun.run("cases", "contest", "--request-id", "R-9", "--statement", "x", "--as", "anna",
                "--db", db());
        CliRun allowed = CliRun.run("cases", "contest", "--request-id", "R-2", "--statement", "x", "--as", "anna",
                "--db", db());
        CliRun nobody = CliRun.run("cases", "contest", "--request-id", "R-1", "--statement", "x", "--as", "mallory",
                "--db", db());

        assertThat(unknown.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(unknown.errLines()).singleElement().asString().isEqualTo("tollgate: request_id: 'R-9' was never checked");
        assertThat(allowed.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(allowed.err()).contains("was ALLOW, not BLOCK");
        assertThat(nobody.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(nobody.err()).contains("--as: no user 'mallory'");
    }
}
