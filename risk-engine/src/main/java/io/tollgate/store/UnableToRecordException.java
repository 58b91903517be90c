package io.tollgate.store;

import io.tollgate.TollgateException;

/**
 * A verdict could not be written to the decision log (or its case to the case store). Nothing of
 * the check was counted, velocity did not move, and the gateway must not rely on the verdict. When
 * a wait on storage timed out ({@link DecisionWriter#STORAGE_WAIT}), the verdict may still be
 * stored later by whoever was stuck; a retry of the request id then returns it.
 */
public final class UnableToRecordException extends TollgateException {
    /** @param message what failed, with the request id */
    public UnableToRecordException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what failed */
    public UnableToRecordException(String message) {
        super(message);
    }
}
