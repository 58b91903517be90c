package io.tollgate.review;

/** Where a review case stands. */
public enum CaseStatus {
    OPEN,
    CONFIRMED_FRAUD,
    FALSE_POSITIVE,
    ESCALATED
}
