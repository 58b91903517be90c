package io.tollgate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.data.UnableToImportException;
import io.tollgate.replay.BacktestReport.ChangedCharge;
import io.tollgate.replay.BacktestReport.RuleChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestTest {
    private static final String HEADER = "request_id,ts,msisdn,carrier,merchant_id,product_id,amount_fen,billing_type,"
            + "charge_kind,pay_mode,device_id,ip,otp_latency_ms,label\n";

    @TempDir
    Path folder;
    Path candidate;
    Path charges;

    /**
     * The candidate: the repository's rules with VEL-AMOUNT-30 flagging from 20 CNY instead of 30,
     * FRAUD-OTP-FAST removed, and two rules added — T-BAD-MERCHANT blocks merchant M9999, and
     * T-SHADOW-BIG would block charges over 40 CNY but is in shadow mode.
     */
    @BeforeEach
    void candidateAndCharges() throws IOException {
        candidate = EngineFixture.copyRules(folder.resolve("candidate"));
        Path velocity = candidate.resolve("velocity.drl");
        String velocityText = Files.readString(velocity);
        assertThat(velocityText).contains("Charge( amountFen > 3000 )");
        Files.writeString(velocity, velocityText.replace("Charge( amountFen > 3000 )", "Charge( amountFen > 2000 )"));
        Path fraud = candidate.resolve("fraud.drl");
        Files.writeString(fraud, withoutRule(Files.readString(fraud), "FRAUD-OTP-FAST"));
        Files.writeString(candidate.resolve("candidate.drl"), """
                package rules;

                import io.tollgate.facts.Charge;

                rule "Merchant under investigation"
                    @code("T-BAD-MERCHANT")
                    @action("BLOCK")
                    @reason("The merchant is under investigation.")
                when
                    Charge( merchantId == "M9999" )
                then
                end

                rule "Charges over 40 CNY would be blocked"
                    @code("T-SHADOW-BIG")
                    @action("BLOCK")
                    @mode("shadow")
                    @reason("Trying out a block of charges over 40 CNY.")
                when
                    Charge( amountFen > 4000 )
                then
                end
                """);
        // Five numbers from different blocks, devices and IPs, so that velocity plays no part.
        charges = Files.writeString(folder.resolve("charges.csv"), HEADER + """
                R1,2026-03-10T12:00:00+08:00,13800138000,,M1001,P1,2500,PER_USE,INITIAL,SMS_OTP,d1,10.0.0.1,6000,legit
                R2,2026-03-10T12:01:00+08:00,13900139001,,M9999,P9,500,PER_USE,INITIAL,SMS_OTP,d2,10.0.0.2,6000,complainer
                R3,2026-03-10T12:02:00+08:00,13700137002,,M1001,P1,800,PER_USE,INITIAL,WAP,d3,10.0.0.3,500,toll_fraud
                R4,2026-03-10T12:03:00+08:00,13600136003,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d4,10.0.0.4,6000,legit
                R5,2026-03-10T12:04:00+08:00,13500135004,,M1001,P1,5000,PER_USE,INITIAL,SMS_OTP,d5,10.0.0.5,6000,legit
                """);
    }

    private BacktestReport backtest() {
        return Backtest.run(new Backtest.Options(null, charges, EngineFixture.RULES, candidate));
    }

    @Test
    void run_candidateWithOneThresholdLoweredAndRulesAddedAndRemoved_reportsEveryChange() {
        BacktestReport report = backtest();

        assertThat(report.checks()).isEqualTo(5);
        assertThat(report.changedCharges()).isEqualTo(3);
        assertThat(report.moved(Decision.ALLOW, Decision.FLAG)).isEqualTo(1);    // R1: 25 CNY, newly over 20
        assertThat(report.moved(Decision.ALLOW, Decision.BLOCK)).isEqualTo(1);   // R2: the added rule
        assertThat(report.moved(Decision.BLOCK, Decision.ALLOW)).isEqualTo(1);   // R3: the removed rule
        assertThat(report.moved(Decision.ALLOW, Decision.ALLOW)).isEqualTo(1);   // R4
        assertThat(report.moved(Decision.FLAG, Decision.FLAG)).isEqualTo(1);     // R5: over 30 CNY either way
        assertThat(report.matrix().values().stream().mapToLong(row -> row.values().stream()
                .mapToLong(Long::longValue).sum()).sum()).isEqualTo(5);

        assertThat(report.added()).extracting(RuleChange::code).containsExactly("T-BAD-MERCHANT", "T-SHADOW-BIG");
        assertThat(report.added().get(0).hitsCandidate()).isEqualTo(1);
        assertThat(report.removed()).singleElement().satisfies(rule -> {
            assertThat(rule.code()).isEqualTo("FRAUD-OTP-FAST");
            assertThat(rule.hitsCurrent()).isEqualTo(1);
            assertThat(rule.location()).startsWith("fraud.drl:");
        });
        assertThat(report.changed()).singleElement().satisfies(rule -> {
            assertThat(rule.code()).isEqualTo("VEL-AMOUNT-30");
            assertThat(rule.differences()).containsExactly("condition");
            assertThat(rule.hitsCurrent()).isEqualTo(1);
            assertThat(rule.hitsCandidate()).isEqualTo(2);
        });

        assertThat(report.newlyStopped()).isEqualTo(new BacktestReport.Shift(1, 500, 0, 0));
        assertThat(report.newlyStopped().cny()).isEqualTo("5.00");
        assertThat(report.newlyLetThrough()).isEqualTo(new BacktestReport.Shift(1, 800, 0, 0));

        assertThat(report.largestChanged()).extracting(ChangedCharge::requestId).containsExactly("R1", "R3", "R2");
        ChangedCharge largest = report.largestChanged().get(0);
        assertThat(largest.msisdn()).isEqualTo("138****8000");
        assertThat(largest.amountFen()).isEqualTo(2500);
        assertThat(largest.label()).isEqualTo("legit");
        assertThat(largest.before()).isEqualTo(Decision.ALLOW);
        assertThat(largest.after()).isEqualTo(Decision.FLAG);
        assertThat(largest.codesBefore()).isEmpty();
        assertThat(largest.codesAfter()).containsExactly("VEL-AMOUNT-30");
        assertThat(report.largestChanged().get(1).codesBefore()).containsExactly("FRAUD-OTP-FAST");
    }

    @Test
    void run_shadowRuleInCandidate_countsItsHitsAndTheDecisionsItWouldChange() {
        BacktestReport report = backtest();

        assertThat(report.current().shadowHits()).isEmpty();
        assertThat(report.candidate().shadowHits()).containsExactly(java.util.Map.entry("T-SHADOW-BIG", 1L));
        assertThat(report.current().shadowChangedDecisions()).isZero();
        assertThat(report.candidate().shadowChangedDecisions()).isEqualTo(1);  // R5: FLAG, BLOCK if enforced
    }

    @Test
    void toText_printsEverySectionWithNumbersMasked() {
        String text = backtest().toText();

        assertThat(text).contains("5 charges backtested; 3 changed decision", "decision changes",
                        "changed  VEL-AMOUNT-30", "condition", "added    T-BAD-MERCHANT", "removed  FRAUD-OTP-FAST",
                        "largest changed charges (3 of 3)", "138****8000", "ALLOW -> FLAG",
                        "shadow rules would have changed 0 decisions under current, 1 under candidate")
                .containsPattern("newly stopped\\s+1 charges\\s+5\\.00 CNY")
                .containsPattern("newly let through\\s+1 charges\\s+8\\.00 CNY")
                .containsPattern("legit\\s+3\\s+33\\.33% -> 66\\.67%")
                .containsPattern("toll_fraud\\s+1\\s+100\\.00% -> 0\\.00%\\s+100\\.00% -> 0\\.00%")
                .doesNotContain("13800138000", "13700137002");
        assertThat(backtest().toMarkdown()).startsWith("# Backtest report")
                .contains("| ALLOW | 1 | **1** | 0 | **1** |", "| changed | `VEL-AMOUNT-30` |",
                        "| 2 | R1 | 138****8000 | 25.00 | legit | ALLOW → FLAG | - | VEL-AMOUNT-30 |")
                .doesNotContain("13800138000");
    }

    @Test
    void run_sameRulesTwice_changesNothing() {
        BacktestReport report = Backtest.run(new Backtest.Options(null, charges, EngineFixture.RULES,
                EngineFixture.copyRules(folder.resolve("same"))));

        assertThat(report.changedCharges()).isZero();
        assertThat(report.added()).isEmpty();
        assertThat(report.removed()).isEmpty();
        assertThat(report.changed()).isEmpty();
        assertThat(report.knockOn()).isEmpty();
        assertThat(report.largestChanged()).isEmpty();
        assertThat(report.current().rulesetVersion()).isEqualTo(report.candidate().rulesetVersion());
        assertThat(report.newlyStopped().charges()).isZero();
    }

    @Test
    void run_badRow_namesFileAndLineAndLeavesNoDatabase() throws IOException {
        Files.writeString(charges, HEADER
                + "R1,2026-03-10T12:00:00+08:00,13800138000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n"
                + "R2,2026-03-10T12:01:00+08:00,13800138000,,M1001,P1,-5,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n");
        List<Path> scratchBefore = scratchFolders();

        assertThatThrownBy(this::backtest)
                .isInstanceOf(UnableToImportException.class)
                .hasMessageEndingWith("charges.csv:3: amount_fen: must be a positive number of fen, got -5");
        assertThat(scratchFolders()).isEqualTo(scratchBefore);
    }

    @Test
    void run_amountOverTheEnginesCeiling_namesFileAndLine() throws IOException {
        Files.writeString(charges, HEADER
                + "R1,2026-03-10T12:00:00+08:00,13800138000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n"
                + "R2,2026-03-10T12:01:00+08:00,13800138000,,M1001,P1,100001,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n");

        assertThatThrownBy(this::backtest)
                .isInstanceOf(UnableToImportException.class)
                .hasMessageEndingWith("charges.csv:3: amount_fen: must be at most 100000 fen (this engine's ceiling), "
                        + "got 100001");
    }

    @Test
    void run_chargesOutOfOrder_refused() throws IOException {
        Files.writeString(charges, HEADER
                + "R1,2026-03-10T12:00:00+08:00,13800138000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n"
                + "R2,2026-03-10T11:00:00+08:00,13800138000,,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,d1,,6000,legit\n");

        assertThatThrownBy(this::backtest).hasMessageContaining("charges.csv:3: ts").hasMessageContaining("time order");
    }

    private static List<Path> scratchFolders() throws IOException {
        try (Stream<Path> paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return paths.filter(path -> path.getFileName().toString().startsWith("tollgate-backtest")).sorted().toList();
        }
    }

    /** @return the rule text without the rule of this code, from its {@code rule} keyword to its {@code end} */
    private static String withoutRule(String drl, String code) {
        int at = drl.indexOf("@code(\"" + code + "\")");
        int start = drl.lastIndexOf("\nrule ", at) + 1;
        int end = drl.indexOf("\nend\n", at) + "\nend\n".length();
        assertThat(at).isPositive();
        return drl.substring(0, start) + drl.substring(end);
    }
}
