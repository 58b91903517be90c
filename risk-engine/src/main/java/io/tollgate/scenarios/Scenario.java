package io.tollgate.scenarios;

import io.tollgate.Decision;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rule scenario: given reference data and earlier charges, a charge is checked at an instant and
 * its verdict is compared with what the analyst expects. Rows are {@code Map}s keyed by the CSV
 * column names of DESIGN §4, with defaults already filled in. Immutable.
 *
 * @param file the YAML file it was read from
 * @param name what it shows, e.g. "a number listed after the charge does not block it"
 * @param at when the charge is checked
 * @param subscribers subscriber profile rows
 * @param blacklist blacklist rows
 * @param complaints complaint rows
 * @param disputes deduction and refund rows
 * @param priorCharges charges checked before, each at its own {@code ts}, in time order
 * @param charge the charge under test
 * @param expect what its verdict must be
 */
public record Scenario(
        Path file, String name, Instant at, List<Map<String, String>> subscribers,
        List<Map<String, String>> blacklist, List<Map<String, String>> complaints,
        List<Map<String, String>> disputes, List<PriorCharge> priorCharges, Map<String, String> charge,
        Expectation expect) {

    /**
     * A charge checked before the one under test.
     *
     * @param columns its charges.csv columns
     * @param carrierFailed whether the carrier then reported it failed
     */
    public record PriorCharge(Map<String, String> columns, boolean carrierFailed) {
    }

    /**
     * What the verdict must be; absent parts are not checked.
     *
     * @param decision the decision, or {@code null}
     * @param score the score, or {@code null}
     * @param hits the exact set of hit codes, or {@code null}
     * @param fires codes that must be among the hits
     * @param doesNotFire codes that must not be among the hits (the near misses)
     */
    public record Expectation(Decision decision, Integer score, Set<String> hits, Set<String> fires,
            Set<String> doesNotFire) {
    }
}
