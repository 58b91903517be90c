package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import io.tollgate.RuleStatistics;
import io.tollgate.replay.Replay;
import io.tollgate.replay.ReplayReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule in @mode("shadow") is evaluated and recorded, and never changes the decision or the score. */
class ShadowRulesTest {
    private static final String SHADOW = """
            package rules;
            import io.tollgate.facts.Charge;

            rule "Shadow: block charges over 4 CNY"
                @code("SHADOW-BLOCK-4")
                @action("BLOCK")
                @mode("shadow")
                @reason("Trying a much lower limit.")
            when
                Charge( amountFen > 400 )
            then
            end

            rule "Shadow: points for any charge"
                @code("SHADOW-POINTS")
                @score(100)
                @mode("shadow")
                @reason("Trying points.")
            when
                Charge()
            then
            end
            """;

    @TempDir
    Path folder;
    EngineFixture fixture;

    @BeforeEach
    void open() throws IOException {
        Path rules = EngineFixture.copyRules(folder.resolve("rules"));
        Files.writeString(rules.resolve("shadow.drl"), SHADOW);
        fixture = new EngineFixture(folder, rules);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void check_shadowHits_recordedButNeitherDecisionNorScoreChange() {
        RiskVerdict verdict = fixture.check(fixture.charge("13800138000").amountFen(500));

        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
        assertThat(verdict.score()).isZero();
        assertThat(verdict.hits()).extracting(RuleHit::code).containsExactlyInAnyOrder("SHADOW-BLOCK-4", "SHADOW-POINTS");
        assertThat(verdict.hits()).allSatisfy(hit -> assertThat(hit.shadow()).isTrue());
        assertThat(verdict.ruleCodes()).isEmpty();
        assertThat(verdict.decisionWithShadow(io.tollgate.charge.PayMode.SMS_OTP)).isEqualTo(Decision.BLOCK);
    }

    @Test
    void ruleStatistics_countEnforcedAndShadowHitsAndShadowChanges() {
        fixture.check(fixture.charge("13800138000").amountFen(500));
        fixture.check(fixture.charge("13900139000").amountFen(300));
        fixture.check(fixture.charge("13600136000").amountFen(5000));

        RuleStatistics statistics = fixture.engine.ruleStatistics();

        assertThat(statistics.decisions()).isEqualTo(3);
        assertThat(statistics.byRule()).containsEntry("SHADOW-POINTS", new RuleStatistics.Count(0, 3))
                .containsEntry("SHADOW-BLOCK-4", new RuleStatistics.Count(0, 2))
                .containsEntry("VEL-AMOUNT-30", new RuleStatistics.Count(1, 0));
        assertThat(statistics.shadowChangedDecisions()).isEqualTo(2);
    }

    @Test
    void replay_reportsWhatShadowRulesWouldHaveChanged() throws IOException {
        Path charges = folder.resolve("charges.csv");
        Files.writeString(charges, """
                request_id,ts,msisdn,merchant_id,product_id,amount_fen,billing_type,charge_kind,pay_mode,otp_latency_ms,label
                R1,2026-03-09T12:00:00+08:00,13800138000,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,6000,legit
                R2,2026-03-09T12:01:00+08:00,13900139000,M1001,P1,300,PER_USE,INITIAL,SMS_OTP,6000,legit
                """);

        ReplayReport report = Replay.run(new Replay.Options(null, charges, folder.resolve("rules"), null, null));

        assertThat(report.shadowHits()).containsEntry("SHADOW-BLOCK-4", 1L).containsEntry("SHADOW-POINTS", 2L);
        assertThat(report.shadowChangedDecisions()).isEqualTo(1);
        assertThat(report.toText(5)).contains("would have changed 1 decisions");
    }
}
