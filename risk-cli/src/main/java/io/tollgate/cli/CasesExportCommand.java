package io.tollgate.cli;

import io.tollgate.RiskEngine;
import io.tollgate.review.CaseFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate cases export}: every case that matches the filters (not one page), as CSV with
 * numbers masked, to a file or standard output, streamed. The export names its user ({@code --as},
 * any role) and is written to the audit trail before the first row. Not thread-safe.
 */
@Command(name = "export",
        header = "Exports the cases that match the filters as CSV, numbers masked; written to the audit trail.")
final class CasesExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private CaseFilterOptions filters;

    @Option(names = "--as", required = true, paramLabel = "USER", description = "Who exports, named in the audit trail.")
    private String actor;

    @Option(names = "--out", paramLabel = "FILE", description = "Where the CSV goes. Default: standard output.")
    private Path out;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() throws IOException {
        CaseFilter filter = filters.filter();
        try (RiskEngine engine = RiskEngine.builder().jdbcUrl(database.jdbcUrl()).packagedRules().build()) {
            if (engine.users().roleOf(actor).isEmpty()) {
                throw new BadInputException("--as: no user '" + actor + "'");
            }
            if (out == null) {
                PrintWriter stdout = spec.commandLine().getOut();
                engine.cases().exportCsv(filter, actor, stdout);
                stdout.flush();
                return Tollgate.OK;
            }
            long count;
            try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                count = engine.cases().exportCsv(filter, actor, writer);
            }
            spec.commandLine().getOut().printf("exported %d cases (%s) to %s%n", count, filter.describe(), out);
            spec.commandLine().getOut().flush();
        }
        return Tollgate.OK;
    }
}
