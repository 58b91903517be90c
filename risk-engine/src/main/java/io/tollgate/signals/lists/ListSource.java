package io.tollgate.signals.lists;

/** Who put an entry on the list. */
public enum ListSource {
    CARRIER,
    REGULATOR,
    INTERNAL,
    COMPLIANCE
}
