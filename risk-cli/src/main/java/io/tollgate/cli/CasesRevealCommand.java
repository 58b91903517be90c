package io.tollgate.cli;

import io.tollgate.RiskEngine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate cases reveal}: prints a case's full number for a REVIEWER or an ADMIN, after
 * writing who, when and why to the audit trail. Not thread-safe.
 */
@Command(name = "reveal",
        header = "Shows a case's full number to a REVIEWER or ADMIN, and records that in the audit trail.")
final class CasesRevealCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--case", required = true, paramLabel = "ID", description = "The case id, as 'cases list' shows it.")
    private long caseId;

    @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why the full number is needed.")
    private String note;

    @Option(names = "--as", required = true, paramLabel = "USER", description = "Who is asking: a REVIEWER or an ADMIN.")
    private String actor;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() {
        String number;
        try (RiskEngine engine = RiskEngine.builder().jdbcUrl(database.jdbcUrl()).packagedRules().build()) {
            number = engine.caseDecisions().revealNumber(caseId, note, actor);
        }
        spec.commandLine().getOut().println(number);
        spec.commandLine().getOut().flush();
        return Tollgate.OK;
    }
}
