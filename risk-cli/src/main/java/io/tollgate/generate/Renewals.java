package io.tollgate.generate;

import io.tollgate.signals.velocity.SubscriptionPeriods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The renewal calendar of one pattern's subscriptions: when a period ends (the contract's own
 * definition, {@link SubscriptionPeriods}: a calendar plan at the start of the next month, a
 * rolling plan 30 or 31 days on), the carrier's batch job renews it in the early hours of that
 * day. Holds only the renewals due in the period. Not thread-safe.
 */
final class Renewals {
    private final Horizon horizon;
    private final List<List<Subscription>> byDay = new ArrayList<>();

    Renewals(Horizon horizon) {
        this.horizon = horizon;
        for (int day = 0; day < horizon.days(); day++) {
            byDay.add(null);
        }
    }

    /**
     * @param type the billing type
     * @param chargedAt when the period was paid for
     * @return the first second after the period paid for
     */
    static long periodEnd(io.tollgate.charge.BillingType type, long chargedAt) {
        return SubscriptionPeriods.periodEnd(type, Instant.ofEpochSecond(chargedAt)).getEpochSecond();
    }

    /**
     * Records a charge of the subscription and puts its next renewal in the calendar.
     *
     * @param subscription the subscription
     * @param chargedAt when it was charged
     * @param random the caller's stream (the batch job's hour)
     */
    void charged(Subscription subscription, long chargedAt, RandomSource random) {
        subscription.lastCharge = chargedAt;
        long end = periodEnd(subscription.product.billingType(), chargedAt);
        subscription.nextDue = end + random.between(5 * Horizon.MINUTE, 7 * Horizon.HOUR);
        int day = horizon.dayOf(subscription.nextDue);
        if (day >= 0 && day < horizon.days()) {
            List<Subscription> due = byDay.get(day);
            if (due == null) {
                due = new ArrayList<>();
                byDay.set(day, due);
            }
            due.add(subscription);
        }
    }

    /** @return the subscriptions due on {@code day}, forgotten by the calendar */
    List<Subscription> due(int day) {
        List<Subscription> due = byDay.get(day);
        byDay.set(day, null);
        return due == null ? List.of() : due;
    }
}
