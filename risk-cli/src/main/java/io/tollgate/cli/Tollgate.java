package io.tollgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tollgate} command line: imports reference data, checks one charge, replays a history
 * of charges against a rule set, and checks a rule set before it goes live.
 *
 * <pre>{@code
 * tollgate import --data datasets
 * tollgate check --request-id R1 --msisdn 13800138000 --merchant-id M1001 --product-id P1001-01 \
 *     --amount-fen 500 --billing-type PER_USE --charge-kind INITIAL --pay-mode SMS_OTP
 * tollgate replay --data datasets --charges datasets/charges.csv --out decisions.csv
 * tollgate rules check --rules rules
 * }</pre>
 *
 * <p>Every subcommand returns its exit code; failures are turned into exit codes and one line on
 * stderr by {@link FailureHandler}, in one place. Not thread-safe: one command line runs one command.
 */
@Command(name = "tollgate",
        header = "Risk and complaint control for direct carrier billing.",
        description = "Scores carrier-billing charges with the Drools rule set under ./rules "
                + "(or the one packaged in the jar) and the reference data in an embedded H2 database.",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        subcommands = {ImportCommand.class, CheckCommand.class, ReplayCommand.class, BacktestCommand.class, RulesCommand.class, GenerateCommand.class, UsersCommand.class, TokensCommand.class, CasesCommand.class, ServeCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (check: whatever the decision)",
            "1:a failed check or test (e.g. rules check refused the rule set)",
            "2:bad usage or bad input, explained in one line on stderr",
            "70:internal error (a bug); set TOLLGATE_DEBUG=1 to see the stack trace"})
public final class Tollgate {
    /** The command ran and did what was asked. */
    public static final int OK = 0;
    /** A check or test ran and failed, e.g. a rule set that does not compile. */
    public static final int FAILED = 1;
    /** Bad usage or bad input: an unknown option, a missing file, a bad field or CSV row. */
    public static final int BAD_INPUT = 2;
    /** An unexpected error inside Tollgate (sysexits {@code EX_SOFTWARE}). */
    public static final int INTERNAL_ERROR = 70;

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the arguments, e.g. {@code rules check --rules rules}
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with Tollgate's exception handling; tests call {@code execute} on it in-process
     * after pointing {@code setOut}/{@code setErr} at their own writers.
     *
     * @return a new command line for one run
     */
    public static CommandLine commandLine() {
        FailureHandler failures = new FailureHandler();
        return new CommandLine(new Tollgate())
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures);
    }
}
