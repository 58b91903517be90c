package io.tollgate.generate;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What a run of the generator wrote: rows per file, charges per label, and how long it took.
 * Immutable.
 *
 * @param options what was generated
 * @param fileRows data rows (without the header) per file name, in the order the files are listed
 * @param byLabel charges per label, every label present
 * @param elapsed wall time of the run
 */
public record GenerateSummary(Generator.Options options, Map<String, Long> fileRows, Map<Label, Long> byLabel,
        Duration elapsed) {

    public GenerateSummary {
        fileRows = Map.copyOf(fileRows);
        byLabel = Map.copyOf(byLabel);
    }

    /** @return rows of {@code charges.csv} */
    public long charges() {
        return fileRows.getOrDefault(Generator.CHARGES, 0L);
    }

    /** @return charges labelled with a bad pattern, i.e. not {@code legit} */
    public long badCharges() {
        return charges() - byLabel.getOrDefault(Label.LEGIT, 0L);
    }

    /** @return charges written per second of wall time */
    public double chargesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : charges() / seconds;
    }

    /** @return the summary as people read it, lines ending in {@code \n} */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "generated %d days of traffic for %d users, seed %d%n", options.days(),
                options.users(), options.seed()));
        out.append(String.format(Locale.ROOT, "%-18s %10s%n", "file", "rows"));
        for (String file : Generator.FILES) {
            out.append(String.format(Locale.ROOT, "%-18s %10d%n", file, fileRows.getOrDefault(file, 0L)));
        }
        out.append(String.format(Locale.ROOT, "%-18s %10s %7s%n", "label", "charges", "share"));
        for (Label label : Label.values()) {
            long count = byLabel.getOrDefault(label, 0L);
            out.append(String.format(Locale.ROOT, "%-18s %10d %6.2f%%%n", label.csv(), count, percent(count)));
        }
        out.append(String.format(Locale.ROOT, "%-18s %10d %6.2f%%%n", "(all bad)", badCharges(), percent(badCharges())));
        out.append(String.format(Locale.ROOT, "%.0f charges/s (%d charges in %.2f s)%n", chargesPerSecond(), charges(),
                elapsed.toNanos() / 1e9));
        return out.toString();
    }

    private double percent(long count) {
        return charges() == 0 ? 0 : 100.0 * count / charges();
    }
}
