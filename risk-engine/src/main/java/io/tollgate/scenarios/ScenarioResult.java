package io.tollgate.scenarios;

import io.tollgate.RiskVerdict;
import java.util.List;

/**
 * How one scenario went. Immutable.
 *
 * @param scenario the scenario
 * @param verdict the verdict of its charge, or {@code null} when it could not run
 * @param differences what differed from the expectation; empty when it passed
 */
public record ScenarioResult(Scenario scenario, RiskVerdict verdict, List<String> differences) {

    public ScenarioResult {
        differences = List.copyOf(differences);
    }

    /** @return whether the verdict was as expected */
    public boolean passed() {
        return differences.isEmpty();
    }

    /** @return {@code file: "name": difference; difference} */
    public String describe() {
        return scenario.file() + ": \"" + scenario.name() + "\": " + String.join("; ", differences);
    }
}
