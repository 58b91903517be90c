package io.tollgate.signals.lists;

/** What a list entry matches. */
public enum ListKind {
    /** One number, 11 digits. */
    MSISDN,
    /** Every number starting with these 3 to 10 digits, e.g. a segment (号段) {@code 1700123}. */
    MSISDN_PREFIX,
    /** A device id. */
    DEVICE,
    /** An IP address. */
    IP
}
