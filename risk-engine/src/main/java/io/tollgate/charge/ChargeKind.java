package io.tollgate.charge;

/** The first charge of a purchase or subscription, or the renewal of a subscription. */
public enum ChargeKind {
    INITIAL,
    RENEWAL
}
