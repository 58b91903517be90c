package io.tollgate.data;

import io.tollgate.TollgateException;

/**
 * A data file could not be imported; the message reads {@code file:line: reason}. Nothing of the
 * import was stored.
 */
public final class UnableToImportException extends TollgateException {
    /** @param message {@code file:line: reason}, phone numbers masked */
    public UnableToImportException(String message) {
        super(message);
    }

    /** @param message {@code file:line: reason}, phone numbers masked */
    public UnableToImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
