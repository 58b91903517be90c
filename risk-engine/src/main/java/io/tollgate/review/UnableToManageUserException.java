package io.tollgate.review;

/**
 * A change to a user was refused: an unknown user, an actor who is not an active ADMIN, or a change
 * that would lock the console (an ADMIN disabling or demoting themselves, or the last active ADMIN).
 */
public final class UnableToManageUserException extends ReviewException {
    UnableToManageUserException(String message) {
        super(message);
    }
}
