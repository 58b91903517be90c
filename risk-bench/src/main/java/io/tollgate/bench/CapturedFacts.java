package io.tollgate.bench;

import io.tollgate.RiskEngine;
import io.tollgate.RuleHit;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.replay.SettableClock;
import io.tollgate.rules.RuleEvaluator;
import io.tollgate.rules.RuleSetCompiler;
import io.tollgate.rules.RuleSource;
import io.tollgate.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The facts the engine computed for every charge of a generated data set, captured by replaying it
 * point-in-time through the Drools pipeline: realistic input for benchmarking rule evaluation alone.
 * Immutable once captured.
 */
final class CapturedFacts {
    private CapturedFacts() {
    }

    /**
     * @param traffic the charges to replay, in time order
     * @return one list of facts per charge
     */
    static List<List<Object>> capture(Traffic traffic) {
        Path folder;
        try {
            folder = Files.createTempDirectory("tollgate-bench-facts");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<Object>> captured = new ArrayList<>(traffic.charges().size());
        RuleEvaluator drools = RuleSetCompiler.compile(RuleSource.packaged().read());
        RuleEvaluator capturing = new RuleEvaluator() {
            @Override
            public String version() {
                return drools.version();
            }

            @Override
            public List<RuleHit> evaluate(Collection<?> facts) {
                captured.add(List.copyOf(facts));
                return drools.evaluate(facts);
            }
        };
        SettableClock clock = new SettableClock(traffic.start());
        try (RiskEngine engine = RiskEngine.builder().clock(clock).evaluator(capturing)
                .jdbcUrl(Database.h2FileUrl(folder.resolve("capture")) + ";WRITE_DELAY=500").build()) {
            engine.importData(traffic.dataFolder());
            for (ChargeRequest charge : traffic.charges()) {
                clock.set(charge.ts());
                engine.check(charge);
            }
        } finally {
            Traffic.deleteRecursively(folder);
        }
        return List.copyOf(captured);
    }
}
