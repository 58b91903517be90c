package io.tollgate.generate;

import io.tollgate.charge.PayMode;

/**
 * One number's subscription (包月) to one product, as its renewal schedule sees it. Not thread-safe.
 */
final class Subscription {
    final long msisdn;
    final Product product;
    final PayMode mode;
    final Label label;
    /** The ordinary subscriber it belongs to, or {@code null} for a pattern's own number. */
    final Person owner;
    long lastCharge;
    long nextDue;
    boolean ended;

    /**
     * @param msisdn the number
     * @param product the subscription product
     * @param mode the mode the user consented with; renewals repeat it
     * @param label the label of its renewals
     * @param owner the ordinary subscriber, or {@code null}
     */
    Subscription(long msisdn, Product product, PayMode mode, Label label, Person owner) {
        this.msisdn = msisdn;
        this.product = product;
        this.mode = mode;
        this.label = label;
        this.owner = owner;
    }
}
