package io.tollgate.cli;

import io.tollgate.RequestConflictException;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.charge.Msisdn;
import io.tollgate.data.UnableToImportException;
import io.tollgate.review.ReviewException;
import io.tollgate.rules.UnableToReadRulesException;
import io.tollgate.scenarios.InvalidScenarioException;
import io.tollgate.rules.RuleSetRefusedException;
import io.tollgate.store.UnableToOpenDatabaseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes: bad usage and bad input exit with
 * {@link Tollgate#BAD_INPUT} and one line {@code tollgate: <message>} on stderr, anything unexpected
 * with {@link Tollgate#INTERNAL_ERROR}. No stack trace unless {@code TOLLGATE_DEBUG} is set. Phone
 * numbers in messages are masked, whatever threw them; a message that echoes a value the user gave
 * masks it itself, also inside longer digit runs ({@link Msisdn#maskEchoed}), so that a path full
 * of digits stays readable here. Stateless and thread-safe.
 */
final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        fail(command.getErr(), problem.getMessage() + " (see '" + command.getCommandSpec().qualifiedName()
                + " --help')");
        return Tollgate.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception problem, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (isBadInput(problem)) {
            fail(err, describe(problem));
            return Tollgate.BAD_INPUT;
        }
        fail(err, "internal error: " + messageOf(problem));
        String debug = System.getenv("TOLLGATE_DEBUG");
        if (debug != null && !debug.isBlank()) {
            problem.printStackTrace(err);
            err.flush();
        }
        return Tollgate.INTERNAL_ERROR;
    }

    /** Whether the user can fix it by changing what they gave: an argument, a file, a row, a rule. */
    private static boolean isBadInput(Exception problem) {
        return problem instanceof BadInputException
                || problem instanceof InvalidFieldException
                || problem instanceof UnableToImportException
                || problem instanceof RequestConflictException
                || problem instanceof RuleSetRefusedException
                || problem instanceof UnableToOpenDatabaseException
                || problem instanceof UnableToReadRulesException
                || problem instanceof InvalidScenarioException
                || problem instanceof ReviewException
                || problem instanceof IOException
                || problem instanceof UncheckedIOException;
    }

    private static String describe(Exception problem) {
        if (problem instanceof RuleSetRefusedException refused) {
            int more = refused.problems().size() - 1;
            return "rule set refused: " + refused.problems().get(0)
                    + (more > 0 ? " (and " + more + " more; 'tollgate rules check' lists them all)" : "");
        }
        if (problem instanceof UncheckedIOException unchecked) {
            return describeIo(unchecked.getCause());
        }
        if (problem instanceof IOException io) {
            return describeIo(io);
        }
        return messageOf(problem);
    }

    private static String describeIo(IOException problem) {
        if (problem instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file or folder";
        }
        if (problem instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (problem instanceof FileSystemException other && other.getFile() != null) {
            return other.getFile() + ": " + (other.getReason() == null ? "cannot access" : other.getReason());
        }
        return messageOf(problem);
    }

    private static String messageOf(Throwable problem) {
        return problem.getMessage() == null ? problem.getClass().getName() : problem.getMessage();
    }

    private static void fail(PrintWriter err, String message) {
        err.println("tollgate: " + oneLine(mask(message)));
        err.flush();
    }

    /**
     * @param message any text
     * @return the text with every standalone 11-digit mobile number masked as {@code 138****1234}
     */
    static String mask(String message) {
        return Msisdn.maskAll(message);
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
