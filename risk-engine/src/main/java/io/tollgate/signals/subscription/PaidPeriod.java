package io.tollgate.signals.subscription;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.Fields;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.charge.Msisdn;
import io.tollgate.facts.Subscription;
import io.tollgate.signals.velocity.SubscriptionPeriods;
import java.time.Instant;
import java.util.Map;

/**
 * The last charge of a subscription (包月) as the gateway's billing knew it before Tollgate saw its
 * charges, a row of {@code subscriptions.csv}: a renewal of a plan paid before the history starts can
 * then be compared with the period already paid for. Immutable.
 *
 * @param msisdn the number
 * @param merchantId the service provider
 * @param productId the subscription product (a merchant's own id)
 * @param billingType {@code MONTHLY_CALENDAR} or {@code MONTHLY_ROLLING}
 * @param lastChargedAt when the period was paid for
 */
public record PaidPeriod(Msisdn msisdn, String merchantId, String productId, BillingType billingType,
        Instant lastChargedAt) {

    public PaidPeriod {
        if (msisdn == null || merchantId == null || productId == null || billingType == null || lastChargedAt == null) {
            throw new IllegalArgumentException("msisdn, merchantId, productId, billingType and lastChargedAt are required");
        }
        if (!billingType.isSubscription()) {
            throw new InvalidFieldException("billing_type", "'" + billingType + "' is not a subscription"
                    + " (MONTHLY_CALENDAR or MONTHLY_ROLLING)");
        }
    }

    /**
     * Reads a {@code subscriptions.csv} row.
     *
     * @param row the row, keyed by column name
     * @return the paid period
     * @throws InvalidFieldException for the first missing or bad field
     */
    public static PaidPeriod fromColumns(Map<String, String> row) {
        return new PaidPeriod(
                Msisdn.parse("msisdn", Fields.required(row, "msisdn")),
                Fields.required(row, "merchant_id"),
                Fields.required(row, "product_id"),
                Fields.enumValue(BillingType.class, "billing_type", Fields.required(row, "billing_type")),
                Fields.instant("last_charged_at", Fields.required(row, "last_charged_at")));
    }

    /**
     * The subscription fact from the later of this period and what the engine's own history shows.
     *
     * @param tracked the subscription from the charges the engine has recorded
     * @param now the instant of the check
     * @return {@code tracked} when it is as recent or this period was paid after {@code now}, else this period
     */
    public Subscription mergedWith(Subscription tracked, Instant now) {
        if (lastChargedAt.isAfter(now)
                || (tracked.exists() && !tracked.lastChargeAt().isBefore(lastChargedAt))) {
            return tracked;
        }
        Instant periodEnd = SubscriptionPeriods.periodEnd(billingType, lastChargedAt);
        return new Subscription(true, billingType, lastChargedAt, periodEnd, now.isBefore(periodEnd));
    }
}
