package io.tollgate.signals.subscriber;

/** How the subscriber pays the carrier. */
public enum Plan {
    /** Pays in advance; a charge above the balance cannot be collected. */
    PREPAID,
    /** Pays the monthly bill afterwards. */
    POSTPAID
}
