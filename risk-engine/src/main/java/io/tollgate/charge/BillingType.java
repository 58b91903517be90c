package io.tollgate.charge;

/** One charge, or a subscription renewed per period. */
public enum BillingType {
    /** 按次: one charge, done. */
    PER_USE,
    /** 自然月: valid to the end of the calendar month, renewed at the start of the next. */
    MONTHLY_CALENDAR,
    /** 自然天: valid from its charge to the same day next month (30 or 31 days), renewed then. */
    MONTHLY_ROLLING;

    /** @return whether this is a subscription (包月) */
    public boolean isSubscription() {
        return this != PER_USE;
    }
}
