package io.tollgate.charge;

/** One charge, or a subscription renewed per period. */
public enum BillingType {
    /** 按次: one charge, done. */
    PER_USE,
    /** 自然月: valid to the end of the calendar month, renewed at the start of the next. */
    MONTHLY_CALENDAR,
    /**
     * 自然天: valid from its charge to the same day next month, renewed then; a period is 30 or 31
     * days, so one bought on 31 January (or 15 February) runs 30 days rather than to 28 February.
     */
    MONTHLY_ROLLING;

    /** @return whether this is a subscription (包月) */
    public boolean isSubscription() {
        return this != PER_USE;
    }
}
