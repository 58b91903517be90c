package io.tollgate.cli;

import io.tollgate.replay.Backtest;
import io.tollgate.replay.BacktestReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate backtest}: replays one history of charges under the current and a candidate rule
 * set and reports which decisions the candidate changes, before it goes live. Not thread-safe.
 */
@Command(name = "backtest",
        header = "Compares a candidate rule set with the current one on a history of charges.",
        description = {
            "Replays the charges point-in-time under both rule sets in one pass, each with its own fresh database "
                    + "(deleted afterwards), and prints: the decision-change matrix; the amount newly stopped "
                    + "(BLOCK or CHALLENGE) and newly let through; rules added, removed and changed (by @code) with "
                    + "their hits; per label the caught and stopped shares under each set; the 20 changed charges "
                    + "with the largest amounts (numbers masked); and shadow rules' hits."})
final class BacktestCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HistoryOptions history;

    @Mixin
    private RulesOption rules;

    @Option(names = "--candidate", paramLabel = "DIR", required = true,
            description = "Folder of .drl files: the candidate rule set to compare with --rules.")
    private Path candidate;

    @Option(names = "--report", paramLabel = "FILE.md", description = "Also write the report as Markdown.")
    private Path markdown;

    @Override
    public Integer call() {
        Path data = history.data();
        Path charges = history.charges();
        Inputs.folder(candidate, "--candidate");
        if (markdown != null) {
            Inputs.output(markdown, "--report");
        }
        PrintWriter progress = spec.commandLine().getErr();
        BacktestReport report = Backtest.run(new Backtest.Options(data, charges, rules.folderOrNull(), candidate,
                backtested -> {
                    progress.printf("backtested %,d charges%n", backtested);
                    progress.flush();
                }));
        PrintWriter writer = spec.commandLine().getOut();
        writer.print(report.toText());
        if (markdown != null) {
            Inputs.write(markdown, report.toMarkdown(), "--report");
            writer.printf("report written to %s%n", markdown);
        }
        writer.flush();
        return Tollgate.OK;
    }
}
