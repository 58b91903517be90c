package io.tollgate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.rules.RuleMeta;
import io.tollgate.rules.RuleSetCompiler;
import io.tollgate.rules.RuleSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample in datasets/ exercises every rule, and the rules catch its bad patterns without hurting legit traffic. */
class DatasetsReplayTest {
    private static final Path DATASETS = Path.of("..", "datasets");
    private static ReplayReport report;

    @BeforeAll
    static void replay() {
        report = Replay.run(new Replay.Options(DATASETS, DATASETS.resolve("charges.csv"), EngineFixture.RULES, null, null));
    }

    @Test
    void everyRuleFiresOnTheSample() {
        var codes = RuleSetCompiler.compile(RuleSource.folder(EngineFixture.RULES).read()).rules().stream()
                .map(RuleMeta::code).toList();

        assertThat(report.ruleHits().keySet()).containsAll(codes);
    }

    @Test
    void legitChargesAreNeverStopped() {
        Map<Decision, Long> legit = report.byLabel().get(ReplayReport.LEGIT);

        assertThat(legit.getOrDefault(Decision.BLOCK, 0L)).isZero();
        assertThat(legit.getOrDefault(Decision.CHALLENGE, 0L)).isZero();
        long all = legit.values().stream().mapToLong(Long::longValue).sum();
        assertThat(legit.getOrDefault(Decision.FLAG, 0L)).isLessThanOrEqualTo(all / 100);
    }

    @Test
    void everyBadPatternIsCaught() {
        report.byLabel().forEach((label, decisions) -> {
            if (!label.equals(ReplayReport.LEGIT)) {
                assertThat(decisions.getOrDefault(Decision.ALLOW, 0L)).as(label).isZero();
            }
        });
    }
}
