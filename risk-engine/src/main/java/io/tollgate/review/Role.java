package io.tollgate.review;

/** What a console user may do. */
public enum Role {
    /** Reviews and decides cases. */
    REVIEWER,
    /** Sees rules and statistics; cannot decide cases. */
    ANALYST,
    /** Manages users. */
    ADMIN;

    /** @return whether this role may decide a case */
    public boolean decidesCases() {
        return this == REVIEWER;
    }

    /** @return whether this role may reveal a case's full number (always audited) */
    public boolean revealsNumbers() {
        return this == REVIEWER || this == ADMIN;
    }
}
