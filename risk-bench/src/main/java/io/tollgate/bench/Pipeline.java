package io.tollgate.bench;

import io.tollgate.RiskEngine;
import io.tollgate.store.Database;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The two pipelines the benchmarks compare: the same engine (signals, decision, recording on an H2
 * file with the decision log on), deciding with the default DRL rule set or with the same rules
 * written by hand ({@link HandWrittenRules}).
 */
public enum Pipeline {
    /** The default rule set, compiled by Drools: what a gateway runs. */
    DROOLS,
    /** The same rules in plain Java, plugged in through {@link RiskEngine.Builder#evaluator}. */
    HAND_WRITTEN;

    /**
     * Opens an engine of this pipeline on a fresh or existing H2 file, written at every commit
     * (what a gateway runs).
     *
     * @param database the H2 file, without {@code .mv.db}
     * @param clock the engine's clock
     * @return the engine; the caller closes it
     */
    public RiskEngine open(Path database, Clock clock) {
        return open(Database.h2FileUrl(database), clock);
    }

    /**
     * Opens an engine of this pipeline.
     *
     * @param jdbcUrl the database
     * @param clock the engine's clock
     * @return the engine; the caller closes it
     */
    public RiskEngine open(String jdbcUrl, Clock clock) {
        RiskEngine.Builder builder = RiskEngine.builder().jdbcUrl(jdbcUrl).clock(clock);
        if (this == HAND_WRITTEN) {
            builder.evaluator(new HandWrittenRules());
        }
        return builder.build();
    }
}
