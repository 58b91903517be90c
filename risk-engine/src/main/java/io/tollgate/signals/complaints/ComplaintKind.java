package io.tollgate.signals.complaints;

/** What a subscriber complained about. */
public enum ComplaintKind {
    UNAUTHORIZED,
    DUPLICATE_CHARGE,
    REFUND_REQUEST,
    QUALITY,
    OTHER
}
