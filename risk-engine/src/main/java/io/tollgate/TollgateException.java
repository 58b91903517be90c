package io.tollgate;

/**
 * Base of every exception Tollgate throws on purpose. Messages never contain a full phone number.
 */
public abstract class TollgateException extends RuntimeException {
    protected TollgateException(String message) {
        super(message);
    }

    protected TollgateException(String message, Throwable cause) {
        super(message, cause);
    }
}
