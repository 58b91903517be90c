package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.EngineFixture;
import io.tollgate.RiskEngine;
import io.tollgate.replay.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetRefusalTest {
    @TempDir
    Path folder;

    private static final String GOOD = """
            package rules;

            import io.tollgate.facts.Charge;

            rule "Big charge"
                @code("T-BIG")
                @action("FLAG")
                @reason("big")
            when
                Charge( amountFen > 3000 )
            then
            end
            """;

    private static RuleSet compile(String name, String content) {
        return RuleSetCompiler.compile(List.of(new RuleFile(name, content)));
    }

    @Test
    void compile_syntaxError_refusedWithFileAndLine() {
        String broken = GOOD.replace("Charge( amountFen > 3000 )", "Charge( amountFen > )");

        assertThatThrownBy(() -> compile("broken.drl", broken))
                .isInstanceOf(RuleSetRefusedException.class)
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems())
                        .isNotEmpty()
                        .allSatisfy(problem -> assertThat(problem).startsWith("broken.drl:10:")));
    }

    @Test
    void compile_unknownFactType_refusedWithFileAndLine() {
        assertThatThrownBy(() -> compile("typo.drl", GOOD.replace("Charge( amountFen", "Chrage( amountFen")))
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems())
                        .anySatisfy(problem -> assertThat(problem).startsWith("typo.drl:").contains("Chrage")));
    }

    @Test
    void compile_ruleWithoutCode_refusedWithFileAndLine() {
        assertThatThrownBy(() -> compile("nocode.drl", GOOD.replace("    @code(\"T-BIG\")\n", "")))
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems())
                        .containsExactly("nocode.drl:5: rule \"Big charge\": missing @code"));
    }

    @Test
    void compile_ruleWithoutReason_refused() {
        assertThatThrownBy(() -> compile("noreason.drl", GOOD.replace("    @reason(\"big\")\n", "")))
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems())
                        .containsExactly("noreason.drl:5: rule \"Big charge\": missing @reason"));
    }

    @Test
    void compile_duplicateCode_refusedNamingBothPlaces() {
        String second = GOOD.replace("Big charge", "Another big charge");

        assertThatThrownBy(() -> RuleSetCompiler.compile(List.of(new RuleFile("a.drl", GOOD),
                new RuleFile("b.drl", second))))
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems())
                        .containsExactly("b.drl:5: rule \"Another big charge\": @code(\"T-BIG\") is already used at a.drl:5"));
    }

    @Test
    void compile_unknownActionOrMetadata_refused() {
        String bad = GOOD.replace("@action(\"FLAG\")", "@action(\"DENY\")").replace("@reason(\"big\")",
                "@reason(\"big\")\n    @owner(\"me\")");

        assertThatThrownBy(() -> compile("bad.drl", bad))
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems()).containsExactlyInAnyOrder(
                        "bad.drl:5: rule \"Big charge\": unknown metadata @owner (allowed: @code, @score, @action, @reason, @mode, @review)",
                        "bad.drl:5: rule \"Big charge\": unknown @action(\"DENY\") (allowed: BLOCK, CHALLENGE, FLAG)"));
    }

    @Test
    void compile_bothScoreAndAction_refused() {
        assertThatThrownBy(() -> compile("both.drl", GOOD.replace("@action(\"FLAG\")", "@action(\"FLAG\")\n    @score(10)")))
                .hasMessageContaining("needs exactly one of @score or @action");
    }

    @Test
    void compile_scoreAtTheLimit_compiles_beyondIt_isRefused() {
        assertThat(compile("max.drl", GOOD.replace("@action(\"FLAG\")", "@score(1000)")).rules()).hasSize(1);
        assertThat(compile("min.drl", GOOD.replace("@action(\"FLAG\")", "@score(-1000)")).rules()).hasSize(1);

        for (String score : new String[] {"1001", "-1001", "2147483647"}) {
            assertThatThrownBy(() -> compile("big.drl", GOOD.replace("@action(\"FLAG\")", "@score(" + score + ")")))
                    .isInstanceOf(RuleSetRefusedException.class)
                    .hasMessageContaining("@score(" + score + ") is outside -1000 to 1000");
        }
    }

    @Test
    void version_isStableAndChangesWithContent() {
        RuleSet one = compile("a.drl", GOOD);
        RuleSet same = compile("a.drl", GOOD);
        RuleSet other = compile("a.drl", GOOD.replace("3000", "3001"));

        assertThat(one.version()).hasSize(64).isEqualTo(same.version()).isNotEqualTo(other.version());
    }

    @Test
    void reload_brokenRuleSet_isRefusedAndPreviousKeepsDeciding() throws IOException {
        Path rules = folder.resolve("rules");
        EngineFixture.copyRules(rules);
        SettableClock clock = new SettableClock(EngineFixture.START);
        try (RiskEngine engine = RiskEngine.builder().rules(rules).database(folder.resolve("db")).clock(clock).build()) {
            String before = engine.rulesetVersion();
            Files.writeString(rules.resolve("velocity.drl"), "package rules;\nrule \"oops\"\nwhen\n  Velocity( > 1 )\nthen\nend\n");

            ReloadReport report = engine.reloadRules();

            assertThat(report.accepted()).isFalse();
            assertThat(report.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("velocity.drl:4:"));
            assertThat(engine.rulesetVersion()).isEqualTo(before);
            var verdict = engine.check(io.tollgate.charge.ChargeRequest.builder().requestId("R1").msisdn("13800138000")
                    .merchantId("M1").productId("P1").amountFen(5000)
                    .billingType(io.tollgate.charge.BillingType.PER_USE)
                    .chargeKind(io.tollgate.charge.ChargeKind.INITIAL)
                    .payMode(io.tollgate.charge.PayMode.SMS_OTP).otpLatencyMs(8000L).deviceId("d").build());
            assertThat(verdict.rulesetVersion()).isEqualTo(before);
            assertThat(verdict.hits()).extracting(io.tollgate.RuleHit::code).contains("VEL-AMOUNT-30");
        }
    }

    @Test
    void reload_changedRuleSet_swapsAndReportsChanges() throws IOException {
        Path rules = folder.resolve("rules");
        EngineFixture.copyRules(rules);
        try (RiskEngine engine = RiskEngine.builder().rules(rules).database(folder.resolve("db"))
                .clock(new SettableClock(EngineFixture.START)).build()) {
            String before = engine.rulesetVersion();
            Files.writeString(rules.resolve("extra.drl"), GOOD);
            Path velocity = rules.resolve("velocity.drl");
            Files.writeString(velocity, Files.readString(velocity).replace(
                    "@reason(\"A single charge over 30 CNY; most price points are 1-30 CNY.\")",
                    "@reason(\"A single charge over 30 CNY.\")"));

            Path churn = rules.resolve("churn.drl");
            Files.writeString(churn, Files.readString(churn).replace("arrearsDays >= 30", "arrearsDays >= 45"));

            ReloadReport report = engine.reloadRules();

            assertThat(report.accepted()).isTrue();
            assertThat(report.previousVersion()).isEqualTo(before);
            assertThat(report.version()).isEqualTo(engine.rulesetVersion()).isNotEqualTo(before);
            assertThat(report.added()).containsExactly("T-BIG");
            assertThat(report.changed()).containsExactly("CHURN-ARREARS-30", "VEL-AMOUNT-30");
            assertThat(report.removed()).isEmpty();
        }
    }
}
