package io.tollgate.generate;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Generates a labelled data set of direct-carrier-billing traffic — {@code charges.csv} and the
 * reference files a replay needs ({@code subscribers.csv}, {@code blacklist.csv},
 * {@code complaints.csv}, {@code disputes.csv}, {@code subscriptions.csv}) — in the formats of DESIGN §4 and
 * {@code datasets/README.md}. Ordinary customers are mixed with the bad patterns of {@link Label},
 * each charge labelled with the pattern that generated it.
 *
 * <pre>{@code
 * GenerateSummary summary = Generator.run(new Generator.Options(42, 10_000, 30), Path.of("out"), progress);
 * }</pre>
 *
 * <p>The same options give byte-identical files: all randomness comes from the seed, and the
 * period starts on a fixed date (2026-03-01, China time). Memory grows with the number of users,
 * not of charges: the simulation runs day by day, keeps per-subscriber state only, and writes
 * {@code charges.csv} one sorted day at a time. Files appear in the folder only when all are
 * complete. Stateless; each run is independent and runs on the calling thread.
 */
public final class Generator {
    static final String CHARGES = "charges.csv";
    /** The files a run writes, in the order a summary lists them. */
    public static final List<String> FILES = List.of(CHARGES, "subscribers.csv", "blacklist.csv", "complaints.csv",
            "disputes.csv", "subscriptions.csv");

    private Generator() {
    }

    /**
     * What to generate.
     *
     * @param seed the seed of every random draw
     * @param users how many ordinary subscribers (the bad patterns' actors scale with it), at least 1
     * @param days how many days from 2026-03-01, 1 to 366
     */
    public record Options(long seed, int users, int days) {
        /** Default seed of the command line. */
        public static final long DEFAULT_SEED = 42;
        public static final int MAX_DAYS = 366;

        public Options {
            if (users < 1) {
                throw new IllegalArgumentException("users must be at least 1, got " + users);
            }
            if (days < 1 || days > MAX_DAYS) {
                throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", got " + days);
            }
        }
    }

    /**
     * Generates a data set into a folder, replacing files of the same names.
     *
     * @param options what to generate
     * @param folder an existing folder
     * @param progress where one line goes every 100,000 charges
     * @return what was written
     * @throws UncheckedIOException when a file cannot be written; no file of the set is left half-written
     */
    public static GenerateSummary run(Options options, Path folder, PrintWriter progress) {
        long started = System.nanoTime();
        Path scratch;
        try {
            scratch = Files.createTempDirectory(folder, ".generate-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + folder + ": " + e.getMessage(), e);
        }
        try {
            Map<String, Long> rows = new LinkedHashMap<>();
            Map<Label, Long> byLabel = simulate(options, scratch, progress, rows);
            for (String file : FILES) {
                Files.move(scratch.resolve(file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            return new GenerateSummary(options, rows, byLabel, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + folder + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static Map<Label, Long> simulate(Options options, Path folder, PrintWriter progress, Map<String, Long> rows) {
        RandomSource root = new RandomSource(options.seed());
        Horizon horizon = new Horizon(options.days());
        Catalogue catalogue = new Catalogue(root.split());
        Identities identities = new Identities(options.seed(), Math.max(64, options.users() / 10));
        ReferenceData reference = new ReferenceData(horizon);
        try (ChargeStream charges = new ChargeStream(folder.resolve(CHARGES), horizon, progress)) {
            World world = new World(horizon, catalogue, identities, charges, reference);
            int users = options.users();
            LegitTraffic legit = new LegitTraffic(world, root.split(), users);
            List<Pattern> patterns = List.of(
                    legit,
                    new BlacklistedPattern(world, root.split(), users, legit),
                    new TollFraudPattern(world, root.split(), users),
                    new DeviceFarmPattern(world, root.split(), users),
                    new BadDebtPattern(world, root.split(), users),
                    new ComplainerPattern(world, root.split(), users),
                    new OverCapPattern(world, root.split(), users));
            new DuplicateRenewalPattern(world, root.split());
            for (int day = 0; day < horizon.days(); day++) {
                for (Pattern pattern : patterns) {
                    pattern.day(day);
                }
                charges.writeThrough(day);
            }
            rows.put(CHARGES, charges.written());
            long[] written = reference.write(folder, legit::profiles);
            for (int i = 0; i < written.length; i++) {
                rows.put(FILES.get(i + 1), written[i]);
            }
            return charges.byLabel();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a scratch folder left behind is harmless
        }
    }
}
