package io.tollgate.cli;

import io.tollgate.RiskEngine;
import io.tollgate.RuleHit;
import io.tollgate.review.AuditEntry;
import io.tollgate.review.ReviewCase;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate cases show --case ID}: one case — the charge (number masked), every rule hit, the
 * rule-set version, the signals as the rules saw them, and its audit trail. Not thread-safe.
 */
@Command(name = "show",
        header = "Shows one case: the charge (number masked), why, the signals, and its audit trail.")
final class CasesShowCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--case", required = true, paramLabel = "ID", description = "The case id, as 'cases list' shows it.")
    private long caseId;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() {
        ReviewCase shown;
        List<AuditEntry> trail;
        try (RiskEngine engine = RiskEngine.builder().jdbcUrl(database.jdbcUrl()).packagedRules().build()) {
            shown = engine.cases().byId(caseId)
                    .orElseThrow(() -> new BadInputException("--case " + caseId + ": no such case"));
            trail = engine.auditTrail().ofCase(caseId);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("case %d  %s%n", shown.caseId(), shown.status());
        out.printf("  request   %s%n", shown.requestId());
        out.printf("  opened    %s%n", shown.openedAt());
        out.printf("  decision  %s, score %d%n", shown.decision(), shown.score());
        out.printf("  number    %s%n", shown.msisdn().masked());
        out.printf("  device    %s%n", shown.deviceId() == null ? "-" : shown.deviceId());
        out.printf("  merchant  %s%n", shown.merchantId());
        out.printf("  rule set  %s%n", shown.rulesetVersion());
        if (shown.contested()) {
            out.printf("  contest   %s, passed on by %s: %s%n", shown.contest().at(), shown.contest().by(),
                    FailureHandler.mask(shown.contest().statement()));
        }
        out.println("hits");
        for (RuleHit hit : shown.hits()) {
            out.printf("  %-22s %-9s %s%s%n", hit.code(),
                    hit.action() != null ? hit.action().name() : "+" + hit.points(), hit.reason(),
                    hit.shadow() ? " (shadow)" : "");
        }
        out.println("signals");
        out.println(FailureHandler.mask(shown.snapshotJson()).indent(2).stripTrailing());
        out.println("audit trail");
        if (trail.isEmpty()) {
            out.println("  (nothing yet)");
        }
        for (AuditEntry entry : trail) {
            out.printf("  %s %s %s %s -> %s: %s%s%n", entry.at(), entry.actor(), entry.action(), entry.statusBefore(),
                    entry.statusAfter(), entry.note(), entry.detail() == null ? "" : " [" + entry.detail() + "]");
        }
        out.flush();
        return Tollgate.OK;
    }
}
