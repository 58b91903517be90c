package io.tollgate.signals.complaints;

/** Where a complaint was filed: the carrier's hotline (10086/10010/10000), the regulator (MIIT), or us. */
public enum ComplaintSource {
    CARRIER,
    REGULATOR,
    INTERNAL
}
