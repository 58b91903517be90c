package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real engine on a real H2 file with the repository's rules (and, when a test asks, other rule
 * sets), closed after each test. After each test marked {@link Fires} it checks that a verdict of
 * the test really carried each code the mark claims, so the mark that {@link RuleCoverageTest}
 * counts cannot lie.
 */
abstract class RuleTestSupport {
    @TempDir
    Path folder;
    EngineFixture fixture;
    private final List<EngineFixture> opened = new ArrayList<>();

    @BeforeEach
    void openEngine() {
        fixture = openEngine(EngineFixture.RULES);
    }

    /** Opens another engine, on its own database, deciding with the rule set in {@code rules}. */
    EngineFixture openEngine(Path rules) {
        Path database = folder.resolve("engine-" + opened.size());
        try {
            Files.createDirectories(database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EngineFixture engine = new EngineFixture(database, rules);
        opened.add(engine);
        return engine;
    }

    @AfterEach
    void checkFiresAndClose(TestInfo info) {
        try {
            Fires fires = info.getTestMethod().map(method -> method.getAnnotation(Fires.class)).orElse(null);
            if (fires != null) {
                Set<String> fired = new HashSet<>();
                opened.forEach(engine -> fired.addAll(engine.firedCodes));
                assertThat(fired).as("codes that fired in a test marked @Fires").contains(fires.value());
            }
        } finally {
            opened.forEach(EngineFixture::close);
        }
    }

    /** @return the codes of the verdict's hits, in firing order */
    static List<String> codes(RiskVerdict verdict) {
        return verdict.hits().stream().map(RuleHit::code).toList();
    }

    /** Asserts the decision and that exactly these rules hit, in any order. */
    static void assertVerdict(RiskVerdict verdict, Decision decision, String... codes) {
        assertThat(codes(verdict)).as("hits of %s", verdict.requestId()).containsExactlyInAnyOrder(codes);
        assertThat(verdict.decision()).as("decision of %s with hits %s", verdict.requestId(), codes(verdict))
                .isEqualTo(decision);
    }

    /** Asserts that no rule hit and the charge is allowed. */
    static void assertAllowed(RiskVerdict verdict) {
        assertVerdict(verdict, Decision.ALLOW);
        assertThat(verdict.score()).isZero();
        assertThat(verdict.caseOpened()).isFalse();
    }
}
