package io.tollgate.store;

import io.tollgate.TollgateException;

/**
 * A verdict could not be written to the decision log (or its case to the case store). Nothing of
 * the check was recorded, velocity did not move, and the gateway must not rely on the verdict.
 */
public final class UnableToRecordException extends TollgateException {
    /** @param message what failed, with the request id */
    public UnableToRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
