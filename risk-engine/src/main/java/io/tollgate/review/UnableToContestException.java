package io.tollgate.review;

/** A block could not be contested; {@link #reason()} says why, so an API can answer 400, 404 or 409. */
public final class UnableToContestException extends ReviewException {
    /** Why a contest was refused. */
    public enum Reason {
        /** The statement is missing or too long. */
        BAD_STATEMENT,
        /** No charge with that request id was ever checked. */
        UNKNOWN_REQUEST,
        /** The charge was not blocked: there is nothing to contest. */
        NOT_BLOCKED
    }

    private final Reason reason;

    UnableToContestException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why */
    public Reason reason() {
        return reason;
    }
}
