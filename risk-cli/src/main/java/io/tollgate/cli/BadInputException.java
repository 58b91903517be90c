package io.tollgate.cli;

/**
 * Input the command line itself refuses: a missing file or folder, a JSON file that is not a charge.
 * The message names the option or file and what is wrong with it. Exits with {@link Tollgate#BAD_INPUT}.
 */
final class BadInputException extends RuntimeException {
    /** @param message what is wrong, naming the option or file */
    BadInputException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the option or file
     * @param cause the problem underneath
     */
    BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
