package io.tollgate.store;

import io.tollgate.TollgateException;

/** The database could not be opened or its schema could not be migrated. */
public final class UnableToOpenDatabaseException extends TollgateException {
    UnableToOpenDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
