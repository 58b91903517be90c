package io.tollgate.cli;

import io.tollgate.RiskEngine;
import io.tollgate.review.ContestOutcome;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate cases contest}: records a subscriber's contest of a blocked charge, as taken by
 * customer service (named with {@code --as}), so a reviewer decides it. Opens a case for a block
 * that had none, reopens one decided CONFIRMED_FRAUD; a second contest changes nothing. Not thread-safe.
 */
@Command(name = "contest",
        header = "Records a subscriber's contest of a blocked charge for a reviewer to decide; audited.")
final class CasesContestCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--request-id", required = true, paramLabel = "ID", description = "The blocked charge's request id.")
    private String requestId;

    @Option(names = "--statement", required = true, paramLabel = "TEXT",
            description = "What the subscriber says (numbers in it are shown masked).")
    private String statement;

    @Option(names = "--as", required = true, paramLabel = "USER",
            description = "Who takes the contest (any role), named in the audit trail.")
    private String actor;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() {
        ContestOutcome outcome;
        try (RiskEngine engine = RiskEngine.builder().jdbcUrl(database.jdbcUrl()).packagedRules().build()) {
            if (engine.users().roleOf(actor).isEmpty()) {
                throw new BadInputException("--as: no user '" + actor + "'");
            }
            outcome = engine.contests().contest(requestId, statement, actor);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!outcome.recorded()) {
            out.printf("case %d: contested already (%s); nothing changed%n", outcome.caseId(), outcome.status());
        } else {
            out.printf("case %d: contest recorded, %s%s%n", outcome.caseId(), outcome.status(),
                    outcome.caseOpened() ? " (the block had no case; this one was opened for it)" : "");
        }
        out.flush();
        return Tollgate.OK;
    }
}
