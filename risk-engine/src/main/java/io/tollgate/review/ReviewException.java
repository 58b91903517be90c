package io.tollgate.review;

/** Base of the review feature's failures: each one a user can act on, with a message that says how. */
public abstract class ReviewException extends RuntimeException {
    ReviewException(String message) {
        super(message);
    }
}
