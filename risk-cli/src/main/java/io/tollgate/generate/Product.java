package io.tollgate.generate;

import io.tollgate.charge.BillingType;

/**
 * Something a service provider sells: one billing type and one price everywhere. Immutable.
 *
 * @param id e.g. {@code P1004-02}
 * @param merchant who sells it
 * @param billingType per use or a kind of subscription
 * @param amountFen the price in fen
 * @param bigTicket a rare 50 or 100 CNY item, never drawn as an ordinary purchase
 */
record Product(String id, Merchant merchant, BillingType billingType, long amountFen, boolean bigTicket) {
    /** @return whether it is a subscription (包月) */
    boolean subscription() {
        return billingType.isSubscription();
    }
}
