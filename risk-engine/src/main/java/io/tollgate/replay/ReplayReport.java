package io.tollgate.replay;

import io.tollgate.Decision;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay decided: counts by decision, hits by rule, and per label how much was stopped
 * and caught. Immutable once built.
 *
 * @param rulesetVersion the version that decided
 * @param checks charges replayed
 * @param byDecision verdicts per decision
 * @param ruleHits enforced hits per rule code
 * @param shadowHits shadow hits per rule code
 * @param byLabel decisions per label, for charges that carry one
 * @param ruleHitsLabelled enforced hits per rule code on charges that carry a label
 * @param ruleHitsBad enforced hits per rule code on charges labelled with a bad pattern (not {@code legit})
 * @param shadowChangedDecisions decisions the shadow rules would have changed had they been enforced
 * @param elapsed wall time of the checks
 */
public record ReplayReport(
        String rulesetVersion, long checks, Map<Decision, Long> byDecision, Map<String, Long> ruleHits,
        Map<String, Long> shadowHits, Map<String, Map<Decision, Long>> byLabel, Map<String, Long> ruleHitsLabelled,
        Map<String, Long> ruleHitsBad, long shadowChangedDecisions, Duration elapsed) {

    /** The label of charges from real customers; other labels name a bad pattern. */
    public static final String LEGIT = "legit";

    /** @return checks per second of wall time */
    public double checksPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : checks / seconds;
    }

    /**
     * The report as people read it: decisions, the top rules, the per-label table, throughput.
     * "Stopped" is the share that did not go through unconfirmed (BLOCK or CHALLENGE); "caught" the
     * share not simply ALLOWed (flagged, challenged or blocked). For {@code legit} these are the
     * false-positive rates.
     *
     * @param topRules how many rules to list
     * @return the text, lines ending in {@code \n}
     */
    public String toText(int topRules) {
        StringBuilder out = new StringBuilder();
        out.append("rule set ").append(rulesetVersion).append('\n');
        out.append(String.format(Locale.ROOT, "%d charges replayed%n", checks));
        for (Decision decision : Decision.values()) {
            long count = byDecision.getOrDefault(decision, 0L);
            out.append(String.format(Locale.ROOT, "  %-9s %8d  %6.2f%%%n", decision, count, percent(count, checks)));
        }
        out.append(String.format(Locale.ROOT, "top rules (enforced hits; precision: share of labelled hits on bad labels)%n"));
        topRules(topRules).forEach(code -> out.append(String.format(Locale.ROOT, "  %-24s %8d  %s%n", code,
                ruleHits.get(code), precision(code))));
        if (!shadowHits.isEmpty()) {
            out.append(String.format(Locale.ROOT, "shadow rules (recorded, not enforced): would have changed %d decisions%n",
                    shadowChangedDecisions));
            shadowHits.forEach((code, count) -> out.append(String.format(Locale.ROOT, "  %-24s %8d%n", code, count)));
        }
        if (!byLabel.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%-20s %7s %7s %7s %9s %7s %8s %7s%n",
                    "label", "n", "ALLOW", "FLAG", "CHALLENGE", "BLOCK", "stopped", "caught"));
            for (String label : sortedLabels()) {
                Map<Decision, Long> counts = byLabel.get(label);
                long n = total(counts);
                long allow = counts.getOrDefault(Decision.ALLOW, 0L);
                long challenge = counts.getOrDefault(Decision.CHALLENGE, 0L);
                long block = counts.getOrDefault(Decision.BLOCK, 0L);
                out.append(String.format(Locale.ROOT, "%-20s %7d %7d %7d %9d %7d %7.1f%% %6.1f%%%n", label, n, allow,
                        counts.getOrDefault(Decision.FLAG, 0L), challenge, block,
                        percent(block + challenge, n), percent(n - allow, n)));
            }
            out.append(String.format(Locale.ROOT, "%-20s %7d  caught %.2f%%, stopped %.2f%%%n", "all bad labels", badTotal(),
                    percent(badCaught(), badTotal()), percent(badStopped(), badTotal())));
        }
        out.append(String.format(Locale.ROOT, "%.0f checks/s (%d checks in %.2f s)%n", checksPerSecond(), checks,
                elapsed.toNanos() / 1e9));
        return out.toString();
    }

    /**
     * The same report as a Markdown document, for {@code replay --report FILE.md}.
     *
     * @return Markdown text
     */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Replay report\n\n");
        out.append(String.format(Locale.ROOT, "Rule set `%s`, %d charges, %.0f checks/s.%n%n", rulesetVersion, checks,
                checksPerSecond()));
        out.append("## Decisions\n\n| decision | charges | share |\n|---|---:|---:|\n");
        for (Decision decision : Decision.values()) {
            long count = byDecision.getOrDefault(decision, 0L);
            out.append(String.format(Locale.ROOT, "| %s | %d | %.2f%% |%n", decision, count, percent(count, checks)));
        }
        if (!byLabel.isEmpty()) {
            out.append("\n## Per label\n\nStopped: BLOCK or CHALLENGE. Caught: anything but ALLOW. For `legit` these are false positives.\n\n");
            out.append("| label | n | ALLOW | FLAG | CHALLENGE | BLOCK | stopped | caught |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (String label : sortedLabels()) {
                Map<Decision, Long> counts = byLabel.get(label);
                long n = total(counts);
                long allow = counts.getOrDefault(Decision.ALLOW, 0L);
                long challenge = counts.getOrDefault(Decision.CHALLENGE, 0L);
                long block = counts.getOrDefault(Decision.BLOCK, 0L);
                out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.2f%% | %.2f%% |%n", label, n,
                        allow, counts.getOrDefault(Decision.FLAG, 0L), challenge, block,
                        percent(block + challenge, n), percent(n - allow, n)));
            }
            out.append(String.format(Locale.ROOT, "%nAll bad labels: caught %.2f%%, stopped %.2f%%.%n",
                    percent(badCaught(), badTotal()), percent(badStopped(), badTotal())));
        }
        out.append("\n## Rules\n\n| rule | hits | precision |\n|---|---:|---:|\n");
        topRules(Integer.MAX_VALUE).forEach(code -> out.append(String.format(Locale.ROOT, "| `%s` | %d | %s |%n", code,
                ruleHits.get(code), precision(code).strip())));
        if (!shadowHits.isEmpty()) {
            out.append(String.format(Locale.ROOT,
                    "%n## Shadow rules (recorded, not enforced)%n%nWould have changed %d decisions.%n%n| rule | hits |%n|---|---:|%n",
                    shadowChangedDecisions));
            shadowHits.forEach((code, count) -> out.append(String.format(Locale.ROOT, "| `%s` | %d |%n", code, count)));
        }
        return out.toString();
    }

    private List<String> topRules(int limit) {
        return ruleHits.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** "97.5%" of the rule's labelled hits that fell on bad labels, or "-" with no labelled hit. */
    private String precision(String code) {
        long labelled = ruleHitsLabelled.getOrDefault(code, 0L);
        return labelled == 0 ? "      -" : String.format(Locale.ROOT, "%6.1f%%", percent(ruleHitsBad.getOrDefault(code, 0L), labelled));
    }

    private List<String> sortedLabels() {
        return byLabel.keySet().stream()
                .sorted(Comparator.comparing((String label) -> !label.equals(LEGIT)).thenComparing(label -> label))
                .toList();
    }

    private static long total(Map<Decision, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return charges with a bad label */
    public long badTotal() {
        return badSum(counts -> total(counts));
    }

    /** @return charges with a bad label that were not simply allowed */
    public long badCaught() {
        return badSum(counts -> total(counts) - counts.getOrDefault(Decision.ALLOW, 0L));
    }

    /** @return charges with a bad label that were blocked or challenged */
    public long badStopped() {
        return badSum(counts -> counts.getOrDefault(Decision.BLOCK, 0L) + counts.getOrDefault(Decision.CHALLENGE, 0L));
    }

    private long badSum(java.util.function.ToLongFunction<Map<Decision, Long>> measure) {
        return byLabel.entrySet().stream().filter(entry -> !entry.getKey().equals(LEGIT))
                .mapToLong(entry -> measure.applyAsLong(entry.getValue())).sum();
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /** Accumulates a report; not thread-safe. */
    static final class Tally {
        private long checks;
        private final Map<Decision, Long> byDecision = new EnumMap<>(Decision.class);
        private final Map<String, Long> ruleHits = new TreeMap<>();
        private final Map<String, Long> shadowHits = new TreeMap<>();
        private final Map<String, Map<Decision, Long>> byLabel = new TreeMap<>();
        private final Map<String, Long> ruleHitsLabelled = new TreeMap<>();
        private final Map<String, Long> ruleHitsBad = new TreeMap<>();
        private long shadowChanged;

        void add(io.tollgate.RiskVerdict verdict, io.tollgate.charge.PayMode payMode, String label) {
            checks++;
            if (verdict.decisionWithShadow(payMode) != verdict.decision()) {
                shadowChanged++;
            }
            byDecision.merge(verdict.decision(), 1L, Long::sum);
            for (io.tollgate.RuleHit hit : verdict.hits()) {
                (hit.shadow() ? shadowHits : ruleHits).merge(hit.code(), 1L, Long::sum);
                if (!hit.shadow() && label != null) {
                    ruleHitsLabelled.merge(hit.code(), 1L, Long::sum);
                    if (!label.equals(LEGIT)) {
                        ruleHitsBad.merge(hit.code(), 1L, Long::sum);
                    }
                }
            }
            if (label != null) {
                byLabel.computeIfAbsent(label, l -> new EnumMap<>(Decision.class))
                        .merge(verdict.decision(), 1L, Long::sum);
            }
        }

        long checks() {
            return checks;
        }

        ReplayReport report(String version, Duration elapsed) {
            return new ReplayReport(version, checks, Map.copyOf(byDecision), Map.copyOf(ruleHits),
                    Map.copyOf(shadowHits), Map.copyOf(byLabel), Map.copyOf(ruleHitsLabelled), Map.copyOf(ruleHitsBad),
                    shadowChanged, elapsed);
        }
    }
}
