package io.tollgate.cli;

import io.tollgate.RiskEngine;
import io.tollgate.review.AuditEntry;
import io.tollgate.review.CaseStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate cases decide}: confirms fraud, marks a false positive or escalates, as a named
 * user whose role may decide, with a note; the decision and its audit entry are one transaction.
 * The terminal user is trusted to be who {@code --as} says (whoever can write the database file
 * can do anything to it); the web console will authenticate. Not thread-safe.
 */
@Command(name = "decide",
        header = "Decides a case as a named reviewer, with a mandatory note; written to the audit trail.")
final class CasesDecideCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--case", required = true, paramLabel = "ID", description = "The case id.")
    private long caseId;

    @Option(names = "--status", required = true, paramLabel = "STATUS",
            description = "CONFIRMED_FRAUD, FALSE_POSITIVE or ESCALATED.")
    private CaseStatus status;

    @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why; required.")
    private String note;

    @Option(names = "--as", required = true, paramLabel = "USER",
            description = "The deciding user (role REVIEWER), named in the audit trail.")
    private String actor;

    @Option(names = "--blacklist-number",
            description = "With CONFIRMED_FRAUD: also blacklist the case's number (source COMPLIANCE).")
    private boolean blacklistNumber;

    @Option(names = "--blacklist-device",
            description = "With CONFIRMED_FRAUD: also blacklist the case's device (source COMPLIANCE).")
    private boolean blacklistDevice;

    @Option(names = "--unlist-number",
            description = "With FALSE_POSITIVE: take the case's number off the blacklist (every active entry), "
                    + "e.g. for an overturned block that came from a list hit.")
    private boolean unlistNumber;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() {
        AuditEntry entry;
        try (RiskEngine engine = RiskEngine.builder().jdbcUrl(database.jdbcUrl()).packagedRules().build()) {
            entry = engine.caseDecisions().decide(caseId, status, note, actor, blacklistNumber, blacklistDevice,
                    unlistNumber);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("case %d: %s -> %s by %s (audit entry %d)%n", caseId, entry.statusBefore(), entry.statusAfter(),
                entry.actor(), entry.id());
        if (entry.detail() != null) {
            out.println(entry.detail());
        }
        out.flush();
        return Tollgate.OK;
    }
}
