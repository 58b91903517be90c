package io.tollgate.review;

/** A user could not be added: a bad or taken name, or a password that is too short. */
public final class UnableToAddUserException extends ReviewException {
    UnableToAddUserException(String message) {
        super(message);
    }
}
