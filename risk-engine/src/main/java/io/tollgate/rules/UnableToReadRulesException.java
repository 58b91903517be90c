package io.tollgate.rules;

import io.tollgate.TollgateException;

/** A rule set's files could not be read: the folder is missing, empty of {@code .drl} files, or unreadable. */
public final class UnableToReadRulesException extends TollgateException {
    UnableToReadRulesException(String message) {
        super(message);
    }

    UnableToReadRulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
