package io.tollgate.replay;

import io.tollgate.RequestConflictException;
import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.data.DataFiles;
import io.tollgate.data.UnableToImportException;
import io.tollgate.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongConsumer;

/**
 * Backtests a candidate rule set against the current one: one history of charges is replayed
 * point-in-time under both, each rule set in its own engine with its own fresh database (deleted
 * afterwards; verdicts and reference data are kept in memory, {@link RiskEngine.Builder#replayInMemory()})
 * and its own clock, and the report says which decisions the candidate would change.
 *
 * <p>Both replays run in one pass: each row is read once, both clocks are set to its {@code ts},
 * and both engines check it, so a million rows need no more memory than a few. Each engine keeps
 * its own state, so a change spreads as it would have: a charge the candidate blocks does not count
 * towards the candidate's spend caps later on.
 *
 * <pre>{@code
 * BacktestReport report = Backtest.run(new Backtest.Options(Path.of("datasets"),
 *         Path.of("datasets/charges.csv"), Path.of("rules"), Path.of("/tmp/candidate")));
 * System.out.print(report.toText());
 * }</pre>
 *
 * <p>Not thread-safe; one backtest runs on one thread.
 */
public final class Backtest {
    /** How many charges pass between two progress reports. */
    public static final long PROGRESS_EVERY = Replay.PROGRESS_EVERY;

    private Backtest() {
    }

    /**
     * What to backtest.
     *
     * @param dataFolder the folder of reference data (subscribers, blacklist, complaints, disputes), or {@code null}
     * @param charges the {@code charges.csv} to replay, in time order
     * @param currentRules the rule set deciding today, or {@code null} for the packaged one
     * @param candidateRules the rule set to compare with it
     * @param progress told the number of charges backtested every {@link #PROGRESS_EVERY}, or {@code null}
     */
    public record Options(Path dataFolder, Path charges, Path currentRules, Path candidateRules,
            LongConsumer progress) {
        public Options {
            if (charges == null) {
                throw new IllegalArgumentException("the charges file is required");
            }
            if (candidateRules == null) {
                throw new IllegalArgumentException("the candidate rules folder is required");
            }
        }

        /** Options without a progress listener. */
        public Options(Path dataFolder, Path charges, Path currentRules, Path candidateRules) {
            this(dataFolder, charges, currentRules, candidateRules, null);
        }
    }

    /**
     * Runs a backtest.
     *
     * @param options what to backtest
     * @return the comparison
     * @throws UnableToImportException naming file, line and reason of a bad row; nothing is left on disk
     * @throws io.tollgate.rules.RuleSetRefusedException when either rule set does not compile
     */
    public static BacktestReport run(Options options) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("tollgate-backtest");
            return backtest(options, scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("backtest failed: " + e.getMessage(), e);
        } finally {
            Replay.deleteQuietly(scratch);
        }
    }

    private static BacktestReport backtest(Options options, Path scratch) {
        SettableClock currentClock = new SettableClock(Instant.EPOCH);
        SettableClock candidateClock = new SettableClock(Instant.EPOCH);
        try (ChargeFeed charges = new ChargeFeed(options.charges());
             Background<DataFiles> data = Background.start("tollgate-backtest-data", options.dataFolder() == null
                     ? () -> null : () -> DataFiles.read(options.dataFolder())); // read while the rules compile
             RiskEngine current = open(scratch.resolve("current"), options.currentRules(), currentClock);
             RiskEngine candidate = open(scratch.resolve("candidate"), options.candidateRules(), candidateClock)) {
            if (data.get() != null) { // read and validated once, stored in both
                current.importData(data.get());
                candidate.importData(data.get());
            }
            BacktestReport.Tally tally = new BacktestReport.Tally();
            long started = System.nanoTime();
            for (ChargeRequest charge = charges.next(); charge != null; charge = charges.next()) {
                currentClock.set(charge.ts());
                candidateClock.set(charge.ts());
                RiskVerdict before = check(current, charge, charges);
                RiskVerdict after = check(candidate, charge, charges);
                tally.add(charges.line(), charge, before, after);
                if (options.progress() != null && tally.checks() % PROGRESS_EVERY == 0) {
                    options.progress().accept(tally.checks());
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return tally.report(current.ruleSet(), candidate.ruleSet(), elapsed);
        }
    }

    private static RiskEngine open(Path folder, Path rules, SettableClock clock) {
        // A scratch database is deleted afterwards: verdicts and reference data stay in memory.
        RiskEngine.Builder builder = RiskEngine.builder().clock(clock).replayInMemory()
                .jdbcUrl(Database.h2FileUrl(folder.resolve("backtest")) + ";WRITE_DELAY=500");
        return (rules == null ? builder.packagedRules() : builder.rules(rules)).build();
    }

    private static RiskVerdict check(RiskEngine engine, ChargeRequest charge, ChargeFeed reader) {
        try {
            return engine.check(charge);
        } catch (RequestConflictException | InvalidFieldException e) {
            throw new UnableToImportException(reader.file() + ":" + reader.line() + ": " + e.getMessage(), e);
        }
    }
}
