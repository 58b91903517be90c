package io.tollgate.cli;

import io.tollgate.replay.Replay;
import io.tollgate.replay.ReplayReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate replay}: decides a history of charges point-in-time with a rule set and reports
 * what it would have stopped. Not thread-safe.
 */
@Command(name = "replay",
        header = "Replays a history of charges against a rule set and reports what it decides.",
        description = {
            "Each charge is decided as of its own ts, so lists, complaints, subscriber profiles and "
                    + "velocity are what they were then. Decisions are kept in memory unless --db is given: then they "
                    + "and their review cases are stored in that database, which is kept.",
            "Prints decisions by outcome, the top rules, per label how many were stopped (BLOCK or CHALLENGE) and caught "
                    + "(not simply ALLOWed) — for 'legit' these are the false-positive rates — and throughput."})
final class ReplayCommand implements Callable<Integer> {
    private static final int TOP_RULES = 10;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HistoryOptions history;

    @Mixin
    private RulesOption rules;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write decisions.csv here: request_id,decision,score,rule_codes,ruleset_version,label.")
    private Path out;

    @Option(names = "--report", paramLabel = "FILE.md",
            description = "Also write the report as Markdown: decisions, per label, every rule with its precision.")
    private Path markdown;

    @Option(names = "--db", paramLabel = "PATH|JDBC_URL",
            description = "Replay into this database (an H2 file or a jdbc: URL) and keep it. Default: a fresh one.")
    private String database;

    @Override
    public Integer call() {
        Path data = history.data();
        Path charges = history.charges();
        if (out != null) {
            Inputs.output(out, "--out");
        }
        if (markdown != null) {
            Inputs.output(markdown, "--report");
        }
        String url = database == null ? null : DatabaseOption.toJdbcUrl(database);
        PrintWriter progress = spec.commandLine().getErr();
        ReplayReport report = Replay.run(new Replay.Options(data, charges, rules.folderOrNull(), url, out,
                replayed -> {
                    progress.printf("replayed %,d charges%n", replayed);
                    progress.flush();
                }));
        PrintWriter writer = spec.commandLine().getOut();
        writer.print(report.toText(TOP_RULES));
        if (out != null) {
            writer.printf("decisions written to %s%n", out);
        }
        if (markdown != null) {
            Inputs.write(markdown, report.toMarkdown(), "--report");
            writer.printf("report written to %s%n", markdown);
        }
        writer.flush();
        return Tollgate.OK;
    }
}
