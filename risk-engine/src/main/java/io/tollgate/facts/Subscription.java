package io.tollgate.facts;

import io.tollgate.charge.BillingType;
import java.time.Instant;

/**
 * The subscription of this number to this product, from its last approved charge.
 *
 * @param exists whether the number has an approved subscription charge of this product
 * @param billingType the billing type of that charge, or null
 * @param lastChargeAt when it was charged, or null
 * @param periodEnd when the period it paid for ends, or null
 * @param inCurrentPeriod whether that period has not ended as of the check
 */
public record Subscription(
        boolean exists, BillingType billingType, Instant lastChargeAt, Instant periodEnd, boolean inCurrentPeriod) {

    /** No earlier subscription charge. */
    public static final Subscription NONE = new Subscription(false, null, null, null, false);
}
