package io.tollgate.replay;

import io.tollgate.Decision;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.Msisdn;
import io.tollgate.rules.RuleMeta;
import io.tollgate.rules.RuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a backtest found: how the candidate rule set's decisions differ from the current one's on
 * the same history. Immutable once built.
 *
 * <p>"Stopped" is BLOCK or CHALLENGE (the charge does not go through unconfirmed); "caught" is
 * anything but ALLOW, as in {@link ReplayReport}.
 *
 * @param current the replay under the current rule set: decisions, hits per rule, per label, shadow hits
 * @param candidate the same under the candidate rule set
 * @param matrix charges per decision under current, then per decision under candidate (every cell present)
 * @param added rules whose {@code @code} is only in the candidate
 * @param removed rules whose {@code @code} is only in the current set
 * @param changed rules in both whose metadata or DRL text differs
 * @param knockOn rules unchanged in both sets whose hits differ, because other decisions changed the signals
 * @param changedCharges charges whose decision differs
 * @param largestChanged the changed charges with the largest amounts, largest first (at most {@link #LARGEST})
 * @param newlyStopped charges stopped under the candidate but not under the current set
 * @param newlyLetThrough charges stopped under the current set but not under the candidate
 * @param elapsed wall time of both replays' checks
 */
public record BacktestReport(
        ReplayReport current, ReplayReport candidate, Map<Decision, Map<Decision, Long>> matrix,
        List<RuleChange> added, List<RuleChange> removed, List<RuleChange> changed, List<RuleChange> knockOn,
        long changedCharges, List<ChangedCharge> largestChanged, Shift newlyStopped, Shift newlyLetThrough,
        Duration elapsed) {

    /** How many changed charges the report lists. */
    public static final int LARGEST = 20;

    public BacktestReport {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        knockOn = List.copyOf(knockOn);
        largestChanged = List.copyOf(largestChanged);
    }

    /**
     * One rule as the two sets have it.
     *
     * @param code its {@code @code}
     * @param before its metadata in the current set, or {@code null} when added
     * @param after its metadata in the candidate set, or {@code null} when removed
     * @param differences what differs, e.g. {@code "action FLAG -> BLOCK"}, {@code "condition"}; empty unless changed
     * @param hitsCurrent its hits (enforced or shadow) under the current set
     * @param hitsCandidate its hits under the candidate set
     */
    public record RuleChange(String code, RuleMeta before, RuleMeta after, List<String> differences,
            long hitsCurrent, long hitsCandidate) {
        public RuleChange {
            differences = List.copyOf(differences);
        }

        /** @return where the rule is written, {@code file:line}, in the candidate (or else the current) set */
        public String location() {
            RuleMeta meta = after != null ? after : before;
            return meta.file() + ":" + meta.line();
        }
    }

    /**
     * A charge whose decision the candidate changes. The number is masked.
     *
     * @param line the line of {@code charges.csv} it starts on
     * @param requestId its request id
     * @param msisdn its number, masked ({@code 138****1234})
     * @param amountFen its amount in fen
     * @param label its label, or {@code null}
     * @param before the decision under the current set
     * @param after the decision under the candidate
     * @param codesBefore codes of the enforced hits under the current set
     * @param codesAfter codes of the enforced hits under the candidate
     */
    public record ChangedCharge(int line, String requestId, String msisdn, long amountFen, String label,
            Decision before, Decision after, List<String> codesBefore, List<String> codesAfter) {
        public ChangedCharge {
            codesBefore = List.copyOf(codesBefore);
            codesAfter = List.copyOf(codesAfter);
        }
    }

    /**
     * Charges that moved across the "stopped" line, and their money.
     *
     * @param charges how many
     * @param amountFen their amounts, in fen
     * @param legitCharges how many of them are labelled {@code legit}
     * @param legitAmountFen their amounts, in fen
     */
    public record Shift(long charges, long amountFen, long legitCharges, long legitAmountFen) {
        /** @return the amount in CNY, e.g. {@code 1,234.50} */
        public String cny() {
            return BacktestReport.cny(amountFen);
        }
    }

    /** @return charges backtested */
    public long checks() {
        return current.checks();
    }

    /**
     * @param before a decision under the current set
     * @param after a decision under the candidate
     * @return how many charges went from one to the other
     */
    public long moved(Decision before, Decision after) {
        return matrix.get(before).get(after);
    }

    /**
     * The report as people read it: the decision-change matrix, the money that moves, the rules
     * that differ, per label, the largest changed charges (numbers masked) and shadow rules.
     *
     * @return the text, lines ending in {@code \n}
     */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("current   ").append(current.rulesetVersion()).append('\n');
        out.append("candidate ").append(candidate.rulesetVersion()).append('\n');
        out.append(format("%,d charges backtested; %,d changed decision (%.2f%%)%n", checks(), changedCharges,
                percent(changedCharges, checks())));

        out.append(format("%ndecision changes (rows: current, columns: candidate)%n"));
        out.append(format("  %-9s", "")).append(Arrays.stream(Decision.values())
                .map(d -> format(" %10s", d)).collect(Collectors.joining())).append('\n');
        for (Decision before : Decision.values()) {
            out.append(format("  %-9s", before));
            for (Decision after : Decision.values()) {
                out.append(format(" %,10d", moved(before, after)));
            }
            out.append('\n');
        }
        out.append(format("newly stopped       %s%n", shiftText(newlyStopped)));
        out.append(format("newly let through   %s%n", shiftText(newlyLetThrough)));

        out.append(format("%nrules (hits current -> candidate)%n"));
        if (added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
            out.append("  no rule added, removed or changed\n");
        }
        added.forEach(rule -> out.append(format("  added    %-24s %10s -> %-10s %s%n", rule.code(), "-",
                format("%,d", rule.hitsCandidate()), rule.location())));
        removed.forEach(rule -> out.append(format("  removed  %-24s %,10d -> %-10s %s%n", rule.code(),
                rule.hitsCurrent(), "-", rule.location())));
        changed.forEach(rule -> out.append(format("  changed  %-24s %,10d -> %-10s %s: %s%n", rule.code(),
                rule.hitsCurrent(), format("%,d", rule.hitsCandidate()), rule.location(),
                String.join(", ", rule.differences()))));
        if (!knockOn.isEmpty()) {
            out.append("unchanged rules whose hits moved (knock-on through velocity and other state)\n");
            knockOn.forEach(rule -> out.append(format("           %-24s %,10d -> %,d%n", rule.code(),
                    rule.hitsCurrent(), rule.hitsCandidate())));
        }

        if (!current.byLabel().isEmpty()) {
            out.append(format("%n%-20s %8s  %-20s  %s%n", "label", "n", "caught", "stopped"));
            for (String label : labels()) {
                long n = total(current.byLabel().get(label));
                out.append(format("%-20s %,8d  %-20s  %s%n", label, n,
                        arrow(caught(current, label), caught(candidate, label), n),
                        arrow(stopped(current, label), stopped(candidate, label), n)));
            }
            out.append(format("%-20s %,8d  %-20s  %s%n", "all bad labels", current.badTotal(),
                    arrow(current.badCaught(), candidate.badCaught(), current.badTotal()),
                    arrow(current.badStopped(), candidate.badStopped(), current.badTotal())));
            if (current.byLabel().containsKey(ReplayReport.LEGIT)) {
                long n = total(current.byLabel().get(ReplayReport.LEGIT));
                out.append(format("legit stopped %s, flagged %s (false positives)%n",
                        arrow(stopped(current, ReplayReport.LEGIT), stopped(candidate, ReplayReport.LEGIT), n),
                        arrow(flagged(current), flagged(candidate), n)));
            }
        }

        out.append(format("%nlargest changed charges (%d of %,d)%n", largestChanged.size(), changedCharges));
        if (!largestChanged.isEmpty()) {
            out.append(format("  %-20s %-11s %10s  %-18s %-20s %s%n", "request_id", "msisdn", "CNY", "label",
                    "current -> candidate", "rules under current | under candidate"));
        }
        largestChanged.forEach(charge -> out.append(format("  %-20s %-11s %10s  %-18s %-20s %s | %s%n",
                charge.requestId(), charge.msisdn(), cny(charge.amountFen()), labelOf(charge),
                charge.before() + " -> " + charge.after(), codes(charge.codesBefore()), codes(charge.codesAfter()))));

        out.append(format("%nshadow rules (recorded, not enforced): hits current -> candidate%n"));
        TreeSet<String> shadowCodes = new TreeSet<>(current.shadowHits().keySet());
        shadowCodes.addAll(candidate.shadowHits().keySet());
        if (shadowCodes.isEmpty()) {
            out.append("  no shadow hit under either set\n");
        }
        shadowCodes.forEach(code -> out.append(format("  %-24s %,10d -> %,d%n", code,
                current.shadowHits().getOrDefault(code, 0L), candidate.shadowHits().getOrDefault(code, 0L))));
        out.append(format("shadow rules would have changed %,d decisions under current, %,d under candidate%n",
                current.shadowChangedDecisions(), candidate.shadowChangedDecisions()));
        out.append(format("  (approximation: the strictest of the decision and the shadow hits' actions;"
                + " shadow points are not added to the score)%n"));

        out.append(format("%n%.0f charges/s, each checked under both sets (%,d charges in %.2f s)%n",
                checksPerSecond(), checks(), elapsed.toNanos() / 1e9));
        return out.toString();
    }

    /**
     * The same report as a Markdown document, for {@code backtest --report FILE.md}.
     *
     * @return Markdown text
     */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Backtest report\n\n");
        out.append(format("Current rule set `%s`, candidate `%s`; %,d charges, %,d (%.2f%%) changed decision.%n",
                current.rulesetVersion(), candidate.rulesetVersion(), checks(), changedCharges,
                percent(changedCharges, checks())));
        out.append("Stopped: BLOCK or CHALLENGE. Caught: anything but ALLOW.\n");

        out.append("\n## Decision changes\n\nRows: decision under the current set; columns: under the candidate.\n\n");
        out.append("| current \\ candidate |").append(Arrays.stream(Decision.values()).map(d -> " " + d + " |")
                .collect(Collectors.joining())).append("\n|---|---:|---:|---:|---:|\n");
        for (Decision before : Decision.values()) {
            out.append("| ").append(before).append(" |");
            for (Decision after : Decision.values()) {
                long count = moved(before, after);
                out.append(format(before == after || count == 0 ? " %,d |" : " **%,d** |", count));
            }
            out.append('\n');
        }
        out.append("\n| | charges | CNY | of which legit | legit CNY |\n|---|---:|---:|---:|---:|\n");
        out.append(shiftRow("newly stopped", newlyStopped)).append(shiftRow("newly let through", newlyLetThrough));

        out.append("\n## Rules added, removed and changed\n\n");
        if (added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
            out.append("No rule added, removed or changed.\n");
        } else {
            out.append("| | rule | where | hits current | hits candidate | what differs |\n|---|---|---|---:|---:|---|\n");
            added.forEach(rule -> out.append(format("| added | `%s` | %s | - | %,d | |%n", rule.code(), rule.location(),
                    rule.hitsCandidate())));
            removed.forEach(rule -> out.append(format("| removed | `%s` | %s | %,d | - | |%n", rule.code(),
                    rule.location(), rule.hitsCurrent())));
            changed.forEach(rule -> out.append(format("| changed | `%s` | %s | %,d | %,d | %s |%n", rule.code(),
                    rule.location(), rule.hitsCurrent(), rule.hitsCandidate(),
                    String.join(", ", rule.differences()))));
        }
        if (!knockOn.isEmpty()) {
            out.append("\nUnchanged rules whose hits moved, because other decisions changed velocity and other state:\n\n");
            out.append("| rule | hits current | hits candidate |\n|---|---:|---:|\n");
            knockOn.forEach(rule -> out.append(format("| `%s` | %,d | %,d |%n", rule.code(), rule.hitsCurrent(),
                    rule.hitsCandidate())));
        }

        if (!current.byLabel().isEmpty()) {
            out.append("\n## Per label\n\n| label | n | caught current | caught candidate | stopped current | stopped candidate |\n");
            out.append("|---|---:|---:|---:|---:|---:|\n");
            for (String label : labels()) {
                long n = total(current.byLabel().get(label));
                out.append(format("| %s | %,d | %s | %s | %s | %s |%n", label, n, share(caught(current, label), n),
                        share(caught(candidate, label), n), share(stopped(current, label), n),
                        share(stopped(candidate, label), n)));
            }
            long bad = current.badTotal();
            out.append(format("| **all bad labels** | %,d | %s | %s | %s | %s |%n", bad, share(current.badCaught(), bad),
                    share(candidate.badCaught(), bad), share(current.badStopped(), bad),
                    share(candidate.badStopped(), bad)));
            if (current.byLabel().containsKey(ReplayReport.LEGIT)) {
                long n = total(current.byLabel().get(ReplayReport.LEGIT));
                out.append(format("%nFalse positives on `legit`: stopped %s → %s, flagged %s → %s.%n",
                        share(stopped(current, ReplayReport.LEGIT), n), share(stopped(candidate, ReplayReport.LEGIT), n),
                        share(flagged(current), n), share(flagged(candidate), n)));
            }
        }

        out.append(format("%n## Largest changed charges%n%nThe %d changed charges with the largest amounts, of %,d.%n%n",
                largestChanged.size(), changedCharges));
        if (!largestChanged.isEmpty()) {
            out.append("| line | request id | msisdn | CNY | label | current → candidate | rules current | rules candidate |\n");
            out.append("|---:|---|---|---:|---|---|---|---|\n");
            largestChanged.forEach(charge -> out.append(format("| %d | %s | %s | %s | %s | %s → %s | %s | %s |%n",
                    charge.line(), charge.requestId(), charge.msisdn(), cny(charge.amountFen()), labelOf(charge),
                    charge.before(), charge.after(), codes(charge.codesBefore()), codes(charge.codesAfter()))));
        }

        out.append("\n## Shadow rules (recorded, not enforced)\n\n");
        TreeSet<String> shadowCodes = new TreeSet<>(current.shadowHits().keySet());
        shadowCodes.addAll(candidate.shadowHits().keySet());
        if (shadowCodes.isEmpty()) {
            out.append("No shadow hit under either set.\n");
        } else {
            out.append("| rule | hits current | hits candidate |\n|---|---:|---:|\n");
            shadowCodes.forEach(code -> out.append(format("| `%s` | %,d | %,d |%n", code,
                    current.shadowHits().getOrDefault(code, 0L), candidate.shadowHits().getOrDefault(code, 0L))));
        }
        out.append(format("%nShadow rules would have changed %,d decisions under the current set and %,d under the "
                + "candidate. Approximation: a decision with shadow rules enforced is the strictest of the decision "
                + "and the shadow hits' actions (a CHALLENGE on an OTP or WAP charge counting as FLAG); shadow points "
                + "are not added to the score, since the decision rules ran without them.%n",
                current.shadowChangedDecisions(), candidate.shadowChangedDecisions()));
        out.append(format("%n%.0f charges/s, each checked under both sets.%n", checksPerSecond()));
        return out.toString();
    }

    /** @return charges per second of wall time, each checked by both engines */
    public double checksPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : checks() / seconds;
    }

    private List<String> labels() {
        return current.byLabel().keySet().stream()
                .sorted(Comparator.comparing((String label) -> !label.equals(ReplayReport.LEGIT))
                        .thenComparing(Function.identity()))
                .toList();
    }

    private static long caught(ReplayReport report, String label) {
        Map<Decision, Long> counts = report.byLabel().getOrDefault(label, Map.of());
        return total(counts) - counts.getOrDefault(Decision.ALLOW, 0L);
    }

    private static long stopped(ReplayReport report, String label) {
        Map<Decision, Long> counts = report.byLabel().getOrDefault(label, Map.of());
        return counts.getOrDefault(Decision.BLOCK, 0L) + counts.getOrDefault(Decision.CHALLENGE, 0L);
    }

    private static long flagged(ReplayReport report) {
        return report.byLabel().getOrDefault(ReplayReport.LEGIT, Map.of()).getOrDefault(Decision.FLAG, 0L);
    }

    private static long total(Map<Decision, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String arrow(long before, long after, long whole) {
        return share(before, whole) + " -> " + share(after, whole);
    }

    private static String share(long part, long whole) {
        return format("%.2f%%", percent(part, whole));
    }

    private static String shiftText(Shift shift) {
        return format("%,8d charges %12s CNY  (legit: %,d charges, %s CNY)", shift.charges(), shift.cny(),
                shift.legitCharges(), cny(shift.legitAmountFen()));
    }

    private static String shiftRow(String name, Shift shift) {
        return format("| %s | %,d | %s | %,d | %s |%n", name, shift.charges(), shift.cny(), shift.legitCharges(),
                cny(shift.legitAmountFen()));
    }

    private static String labelOf(ChangedCharge charge) {
        return charge.label() == null ? "-" : charge.label();
    }

    private static String codes(List<String> codes) {
        return codes.isEmpty() ? "-" : String.join(",", codes);
    }

    static String cny(long fen) {
        return format("%,d.%02d", fen / 100, fen % 100);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    private static boolean stopped(Decision decision) {
        return decision == Decision.BLOCK || decision == Decision.CHALLENGE;
    }

    /** Accumulates a backtest, one charge decided by both sets at a time; not thread-safe. */
    static final class Tally {
        /** Largest amount first; among equal amounts, the earlier row first. */
        private static final Comparator<ChangedCharge> LARGEST_FIRST = Comparator
                .comparingLong(ChangedCharge::amountFen).reversed().thenComparingInt(ChangedCharge::line);

        private final ReplayReport.Tally current = new ReplayReport.Tally();
        private final ReplayReport.Tally candidate = new ReplayReport.Tally();
        private final long[][] matrix = new long[Decision.values().length][Decision.values().length];
        /** The head is the changed charge that ranks last, so that it is the one to drop. */
        private final PriorityQueue<ChangedCharge> largest = new PriorityQueue<>(LARGEST_FIRST.reversed());
        private final long[] newlyStopped = new long[4];
        private final long[] newlyLetThrough = new long[4];
        private long changed;

        void add(int line, ChargeRequest charge, RiskVerdict before, RiskVerdict after) {
            current.add(before, charge.payMode(), charge.label());
            candidate.add(after, charge.payMode(), charge.label());
            matrix[before.decision().ordinal()][after.decision().ordinal()]++;
            if (before.decision() == after.decision()) {
                return;
            }
            changed++;
            if (!stopped(before.decision()) && stopped(after.decision())) {
                shift(newlyStopped, charge);
            } else if (stopped(before.decision()) && !stopped(after.decision())) {
                shift(newlyLetThrough, charge);
            }
            ChangedCharge worstKept = largest.peek();
            if (largest.size() < LARGEST || charge.amountFen() > worstKept.amountFen()) {
                largest.add(new ChangedCharge(line, charge.requestId(), Msisdn.mask(charge.msisdn().digits()),
                        charge.amountFen(), charge.label(), before.decision(), after.decision(), enforced(before),
                        enforced(after)));
                if (largest.size() > LARGEST) {
                    largest.poll();
                }
            }
        }

        long checks() {
            return current.checks();
        }

        BacktestReport report(RuleSet currentRules, RuleSet candidateRules, Duration elapsed) {
            ReplayReport before = current.report(currentRules.version(), elapsed);
            ReplayReport after = candidate.report(candidateRules.version(), elapsed);
            Map<Decision, Map<Decision, Long>> cells = new EnumMap<>(Decision.class);
            for (Decision from : Decision.values()) {
                Map<Decision, Long> row = new EnumMap<>(Decision.class);
                for (Decision to : Decision.values()) {
                    row.put(to, matrix[from.ordinal()][to.ordinal()]);
                }
                cells.put(from, Map.copyOf(row));
            }
            RuleComparison rules = RuleComparison.of(currentRules, candidateRules, before, after);
            List<ChangedCharge> top = new ArrayList<>(largest);
            top.sort(LARGEST_FIRST);
            return new BacktestReport(before, after, Map.copyOf(cells), rules.added, rules.removed, rules.changed,
                    rules.knockOn, changed, top, toShift(newlyStopped), toShift(newlyLetThrough), elapsed);
        }

        private static List<String> enforced(RiskVerdict verdict) {
            return verdict.hits().stream().filter(hit -> !hit.shadow()).map(io.tollgate.RuleHit::code).toList();
        }

        private static void shift(long[] sums, ChargeRequest charge) {
            sums[0]++;
            sums[1] += charge.amountFen();
            if (ReplayReport.LEGIT.equals(charge.label())) {
                sums[2]++;
                sums[3] += charge.amountFen();
            }
        }

        private static Shift toShift(long[] sums) {
            return new Shift(sums[0], sums[1], sums[2], sums[3]);
        }
    }

    /** The rules of two sets compared by {@code @code}. */
    private static final class RuleComparison {
        private final List<RuleChange> added = new ArrayList<>();
        private final List<RuleChange> removed = new ArrayList<>();
        private final List<RuleChange> changed = new ArrayList<>();
        private final List<RuleChange> knockOn = new ArrayList<>();

        static RuleComparison of(RuleSet currentRules, RuleSet candidateRules, ReplayReport before, ReplayReport after) {
            Map<String, RuleMeta> old = byCode(currentRules);
            Map<String, RuleMeta> now = byCode(candidateRules);
            TreeSet<String> codes = new TreeSet<>(old.keySet());
            codes.addAll(now.keySet());
            RuleComparison comparison = new RuleComparison();
            for (String code : codes) {
                RuleMeta a = old.get(code);
                RuleMeta b = now.get(code);
                long hitsBefore = hits(before, code);
                long hitsAfter = hits(after, code);
                if (a == null) {
                    comparison.added.add(new RuleChange(code, null, b, List.of(), hitsBefore, hitsAfter));
                } else if (b == null) {
                    comparison.removed.add(new RuleChange(code, a, null, List.of(), hitsBefore, hitsAfter));
                } else {
                    List<String> differences = differences(a, b);
                    RuleChange change = new RuleChange(code, a, b, differences, hitsBefore, hitsAfter);
                    if (!differences.isEmpty()) {
                        comparison.changed.add(change);
                    } else if (hitsBefore != hitsAfter) {
                        comparison.knockOn.add(change);
                    }
                }
            }
            return comparison;
        }

        private static Map<String, RuleMeta> byCode(RuleSet rules) {
            return rules.rules().stream().collect(Collectors.toMap(RuleMeta::code, Function.identity()));
        }

        private static long hits(ReplayReport report, String code) {
            return report.ruleHits().getOrDefault(code, 0L) + report.shadowHits().getOrDefault(code, 0L);
        }

        /**
         * What differs between two versions of one rule: each piece of metadata, then the DRL text
         * from {@code when} on ("condition"), then the rest of the text ("attributes": salience,
         * ruleflow-group, comments) when no metadata accounts for it. Where it is written (file and
         * line) is not a change: moving a rule changes nothing it decides.
         */
        static List<String> differences(RuleMeta a, RuleMeta b) {
            List<String> differences = new ArrayList<>();
            if (!a.name().equals(b.name())) {
                differences.add("name");
            }
            if (a.points() != b.points()) {
                differences.add("points " + a.points() + " -> " + b.points());
            }
            if (a.action() != b.action()) {
                differences.add("action " + (a.action() == null ? "none" : a.action()) + " -> "
                        + (b.action() == null ? "none" : b.action()));
            }
            if (!a.reason().equals(b.reason())) {
                differences.add("reason");
            }
            if (a.shadow() != b.shadow()) {
                differences.add("mode " + mode(a) + " -> " + mode(b));
            }
            if (a.review() != b.review()) {
                differences.add("review " + a.review() + " -> " + b.review());
            }
            String textA = a.text() == null ? "" : a.text();
            String textB = b.text() == null ? "" : b.text();
            int whenA = whenKeyword(textA);
            int whenB = whenKeyword(textB);
            if (!textA.substring(whenA).equals(textB.substring(whenB))) {
                differences.add("condition");
            }
            if (differences.isEmpty() && !textA.substring(0, whenA).equals(textB.substring(0, whenB))) {
                differences.add("attributes");
            }
            return differences;
        }

        private static String mode(RuleMeta meta) {
            return meta.shadow() ? "shadow" : "enforce";
        }

        /** @return where the {@code when} keyword starts, outside quoted names and reasons; 0 when not found */
        private static int whenKeyword(String text) {
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && quoted) {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && text.startsWith("when", i) && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))
                        && (i + 4 == text.length() || Character.isWhitespace(text.charAt(i + 4)))) {
                    return i;
                }
            }
            return 0;
        }
    }
}
