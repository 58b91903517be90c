package io.tollgate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * One in-process run of the command line, with what it printed.
 *
 * @param exitCode what {@code execute} returned
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
record CliRun(int exitCode, String out, String err) {
    /** The repository's rule set, as analysts edit it (tests run in the module folder). */
    static final Path RULES = Path.of("..", "rules");

    /** Runs {@code tollgate} with these arguments through {@code new CommandLine(new Tollgate())}. */
    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Tollgate.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** @return the lines printed on stderr */
    List<String> errLines() {
        return err.lines().toList();
    }
}
