package io.tollgate.replay;

import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.data.DataFiles;
import io.tollgate.data.UnableToImportException;
import io.tollgate.store.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Replays a history of charges point-in-time: a fresh engine (its own database unless one is
 * given) imports the reference data, then checks each charge with its clock set to the charge's
 * own timestamp, so lists, complaints, profiles and velocity are what they were then. The same
 * inputs always give the same decisions. The charges are checked one by one on the calling thread
 * (so each sees every check before it); they are read and parsed ahead on a thread of their own,
 * and the reference data is read while the rule set compiles. Into a fresh database, deleted
 * afterwards, the engine keeps its verdicts and reference data in memory
 * ({@link RiskEngine.Builder#replayInMemory()}): no check writes to the database. Into a database
 * that is kept, it is built for a replay ({@link RiskEngine.Builder#replay()}): no check waits for
 * a commit, and every decision and case is committed before {@link #run} returns. Both decide
 * alike. Not thread-safe: one call is one replay.
 */
public final class Replay {
    /** The columns a replayed {@code charges.csv} must have. */
    public static final Set<String> CHARGE_COLUMNS = Set.of("request_id", "ts", "msisdn", "merchant_id", "product_id",
            "amount_fen", "billing_type", "charge_kind", "pay_mode");
    private static final String OUT_HEADER = "request_id,decision,score,rule_codes,ruleset_version,label";

    private Replay() {
    }

    /**
     * What to replay.
     *
     * @param dataFolder the folder of reference data (subscribers, blacklist, complaints), or {@code null}
     * @param charges the {@code charges.csv} to replay, in time order
     * @param rulesFolder the rule set to decide with, or {@code null} for the packaged one
     * @param jdbcUrl the database to replay into, or {@code null} for a fresh one deleted afterwards
     * @param out where to write {@code decisions.csv}, or {@code null}
     * @param progress told the number of charges replayed every {@link #PROGRESS_EVERY}, or {@code null}
     */
    public record Options(Path dataFolder, Path charges, Path rulesFolder, String jdbcUrl, Path out,
            LongConsumer progress) {
        public Options {
            if (charges == null) {
                throw new IllegalArgumentException("the charges file is required");
            }
        }

        /** Options without a progress listener. */
        public Options(Path dataFolder, Path charges, Path rulesFolder, String jdbcUrl, Path out) {
            this(dataFolder, charges, rulesFolder, jdbcUrl, out, null);
        }
    }

    /** How many charges pass between two progress reports. */
    public static final long PROGRESS_EVERY = 100_000;

    /**
     * Runs a replay.
     *
     * @return the report
     * @throws UnableToImportException naming file, line and reason of a bad row; no output file is left
     */
    public static ReplayReport run(Options options) {
        Path scratch = null;
        try {
            String url = options.jdbcUrl();
            if (url == null) {
                scratch = Files.createTempDirectory("tollgate-replay");
                // A scratch database is deleted afterwards: it needs no write at every commit.
                url = Database.h2FileUrl(scratch.resolve("replay")) + ";WRITE_DELAY=500";
            }
            return replay(options, url);
        } catch (IOException e) {
            throw new UncheckedIOException("replay failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static ReplayReport replay(Options options, String url) throws IOException {
        SettableClock clock = new SettableClock(Instant.EPOCH);
        RiskEngine.Builder builder = RiskEngine.builder().jdbcUrl(url).clock(clock);
        if (options.jdbcUrl() == null) {
            builder.replayInMemory(); // the scratch database is deleted afterwards: keep no decision in it
        } else {
            builder.replay();
        }
        if (options.rulesFolder() != null) {
            builder.rules(options.rulesFolder());
        }
        Path partial = options.out() == null ? null
                : Files.createTempFile(options.out().toAbsolutePath().getParent(), ".decisions", ".csv.partial");
        try (ChargeFeed charges = new ChargeFeed(options.charges());
             Background<DataFiles> data = Background.start("tollgate-replay-data", options.dataFolder() == null
                     ? () -> null : () -> DataFiles.read(options.dataFolder())); // read while the rules compile
             BufferedWriter writer = partial == null ? null
                     : Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            ReplayReport report;
            try (RiskEngine engine = builder.build()) {
                if (data.get() != null) {
                    engine.importData(data.get());
                }
                if (writer != null) {
                    writer.write(OUT_HEADER);
                    writer.newLine();
                }
                ReplayReport.Tally tally = new ReplayReport.Tally();
                StringBuilder row = new StringBuilder(160);
                long started = System.nanoTime();
                for (ChargeRequest charge = charges.next(); charge != null; charge = charges.next()) {
                    clock.set(charge.ts());
                    RiskVerdict verdict = check(engine, charge, charges);
                    tally.add(verdict, charge.payMode(), charge.label());
                    if (options.progress() != null && tally.checks() % PROGRESS_EVERY == 0) {
                        options.progress().accept(tally.checks());
                    }
                    if (writer != null) {
                        writeRow(writer, row, verdict, charge.label());
                    }
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                report = tally.report(engine.rulesetVersion(), elapsed);
            } // closing the engine commits every decision and case still queued
            if (writer != null) {
                writer.flush();
                Files.move(partial, options.out(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                partial = null;
            }
            return report;
        } finally {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** Checks a charge; one the engine refuses (an amount over its ceiling) is a bad row of the file. */
    private static RiskVerdict check(RiskEngine engine, ChargeRequest charge, ChargeFeed reader) {
        try {
            return engine.check(charge);
        } catch (InvalidFieldException e) {
            throw new UnableToImportException(reader.file() + ":" + reader.line() + ": " + e.getMessage(), e);
        }
    }

    private static void writeRow(BufferedWriter writer, StringBuilder row, RiskVerdict verdict, String label)
            throws IOException {
        row.setLength(0);
        row.append(csv(verdict.requestId())).append(',').append(verdict.decision().name()).append(',')
                .append(verdict.score()).append(',').append(csv(verdict.ruleCodes())).append(',')
                .append(verdict.rulesetVersion()).append(',').append(csv(label == null ? "" : label))
                .append(System.lineSeparator());
        writer.append(row);
    }

    static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
