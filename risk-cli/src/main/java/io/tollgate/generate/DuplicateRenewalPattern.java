package io.tollgate.generate;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import java.time.LocalDate;

/**
 * Renewals billed inside a period already paid for, labelled {@code duplicate_renewal} (only the
 * duplicate: the subscriber's own charges stay {@code legit}). They come from two popular service
 * providers' billing: a renewal job that resends a renewal it thinks timed out, minutes or hours
 * later; a job that treats a brand-new subscriber as due within a day or two of the purchase; and,
 * at one of them, a job that bills its rolling (自然天) plans on the first of every month as if they
 * were calendar plans. A plan bought before the period can be billed twice in it with no earlier
 * charge in {@code charges.csv}; {@code subscriptions.csv} holds the period it paid for. Not thread-safe.
 */
final class DuplicateRenewalPattern implements World.SubscriptionListener {
    private final World world;
    private final Horizon horizon;
    private final RandomSource random;

    /**
     * @param world the run; this pattern listens to its subscription charges
     * @param random this pattern's stream
     */
    DuplicateRenewalPattern(World world, RandomSource random) {
        this.world = world;
        this.horizon = world.horizon;
        this.random = random;
        world.listen(this);
    }

    @Override
    public void charged(Subscription subscription, long ts, ChargeKind kind) {
        Merchant merchant = subscription.product.merchant();
        if (!world.catalogue.doubleBillers().contains(merchant)) {
            return;
        }
        long periodEnd = Renewals.periodEnd(subscription.product.billingType(), ts);
        if (merchant == world.catalogue.calendarBiller()
                && subscription.product.billingType() == BillingType.MONTHLY_ROLLING && random.chance(0.6)) {
            LocalDate nextMonth = Horizon.dateOf(ts).withDayOfMonth(1).plusMonths(1);
            long billed = Horizon.startOf(nextMonth) + random.between(5 * Horizon.MINUTE, 6 * Horizon.HOUR);
            if (billed < periodEnd) {
                duplicate(subscription, billed);
                return;
            }
        }
        if (kind == ChargeKind.RENEWAL && random.chance(0.15)) {
            duplicate(subscription, ts + random.between(3 * Horizon.MINUTE, 8 * Horizon.HOUR));
        } else if (kind == ChargeKind.INITIAL && random.chance(0.08)) {
            duplicate(subscription, ts + random.between(Horizon.HOUR, 2 * Horizon.DAY));
        }
    }

    private void duplicate(Subscription subscription, long ts) {
        if (ts < horizon.start()) {
            return; // billed twice before the period: not in the file
        }
        Person owner = subscription.owner;
        world.charges.add(new Charge(ts, subscription.msisdn, owner == null ? null : owner.requestCarrier(),
                subscription.product, ChargeKind.RENEWAL, subscription.mode, null, null, Charge.NO_OTP,
                Label.DUPLICATE_RENEWAL));
    }
}
