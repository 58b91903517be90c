package io.tollgate.review;

/** An API token could not be issued or revoked: a bad or taken name, an unknown token, or an actor who is not an ADMIN. */
public final class UnableToManageTokenException extends ReviewException {
    UnableToManageTokenException(String message) {
        super(message);
    }
}
