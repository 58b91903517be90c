package io.tollgate.cli;

import io.tollgate.RiskEngine;
import io.tollgate.RuleHit;
import io.tollgate.review.CaseStatus;
import io.tollgate.review.ReviewCase;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tollgate cases list}: the queue of one status, highest score first, then oldest. Not thread-safe. */
@Command(name = "list",
        header = "Lists the cases of one status, highest score first, then oldest; numbers masked.")
final class CasesListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "OPEN",
            description = "OPEN, CONFIRMED_FRAUD, FALSE_POSITIVE or ESCALATED. Default: ${DEFAULT-VALUE}")
    private CaseStatus status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "The most cases to list. Default: ${DEFAULT-VALUE}")
    private int limit;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new BadInputException("--limit: must be at least 1, got " + limit);
        }
        List<ReviewCase> cases;
        Map<CaseStatus, Long> counts;
        try (RiskEngine engine = RiskEngine.builder().jdbcUrl(database.jdbcUrl()).packagedRules().build()) {
            cases = engine.cases().list(status, limit);
            counts = engine.cases().countByStatus();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        out.printf("%-6s %-20s %-15s %-9s %5s %-11s %-10s %s%n",
                "case", "opened_at", "status", "decision", "score", "number", "merchant", "rules");
        for (ReviewCase c : cases) {
            out.printf("%-6d %-20s %-15s %-9s %5d %-11s %-10s %s%n", c.caseId(), c.openedAt(), c.status(),
                    c.decision(), c.score(), c.msisdn().masked(), c.merchantId(),
                    c.hits().stream().map(RuleHit::code).collect(Collectors.joining(";")));
        }
        out.flush();
        return Tollgate.OK;
    }
}
