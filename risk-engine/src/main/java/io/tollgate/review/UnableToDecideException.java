package io.tollgate.review;

/** A case could not be decided: unknown case or user, a role that may not decide, a missing note, a closed case. */
public final class UnableToDecideException extends ReviewException {
    UnableToDecideException(String message) {
        super(message);
    }
}
