package io.tollgate.cli;

import io.tollgate.RiskEngine;
import io.tollgate.RuleHit;
import io.tollgate.review.CaseFilter;
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

/**
 * {@code tollgate cases list}: the queue under the console's filters, highest score first, then
 * oldest, one page at a time; the counts per status respect the other filters. Not thread-safe.
 */
@Command(name = "list",
        header = "Lists the cases that match the filters, highest score first, then oldest; numbers masked.")
final class CasesListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private CaseFilterOptions filters;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "The most cases to list (a page). Default: ${DEFAULT-VALUE}")
    private int limit;

    @Option(names = "--page", paramLabel = "N", defaultValue = "1",
            description = "Which page of --limit cases. Default: ${DEFAULT-VALUE}")
    private int page;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new BadInputException("--limit: must be at least 1, got " + limit);
        }
        if (page < 1) {
            throw new BadInputException("--page: must be at least 1, got " + page);
        }
        CaseFilter filter = filters.filter();
        List<ReviewCase> cases;
        Map<CaseStatus, Long> counts;
        try (RiskEngine engine = RiskEngine.builder().jdbcUrl(database.jdbcUrl()).packagedRules().build()) {
            cases = engine.cases().find(filter, (long) (page - 1) * limit, limit);
            counts = engine.cases().countByStatus(filter);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        out.printf("%-6s %-20s %-15s %-9s %5s %-11s %-10s %s%n",
                "case", "opened_at", "status", "decision", "score", "number", "merchant", "rules");
        for (ReviewCase c : cases) {
            out.printf("%-6d %-20s %-15s %-9s %5d %-11s %-10s %s%s%n", c.caseId(), c.openedAt(), c.status(),
                    c.decision(), c.score(), c.msisdn().masked(), FailureHandler.mask(c.merchantId()),
                    c.hits().stream().map(RuleHit::code).collect(Collectors.joining(";")),
                    c.contested() ? " CONTESTED" : "");
        }
        out.flush();
        return Tollgate.OK;
    }
}
