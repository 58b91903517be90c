package io.tollgate.signals.velocity;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChinaTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** When the period a subscription charge paid for ends, in China time. Thread-safe. */
public final class SubscriptionPeriods {
    private SubscriptionPeriods() {
    }

    /**
     * {@code MONTHLY_CALENDAR} (自然月): the period ends when the next calendar month starts.
     * {@code MONTHLY_ROLLING} (自然天): it ends at the start of the same day next month (bought on
     * 15 March, valid to 14 April), kept to 30 or 31 days so that 31 January does not end on
     * 28 February.
     *
     * @param type a subscription billing type
     * @param chargedAt when the period was paid for
     * @return the first instant after the period
     * @throws IllegalArgumentException for {@code PER_USE}
     */
    public static Instant periodEnd(BillingType type, Instant chargedAt) {
        LocalDate day = ChinaTime.date(chargedAt);
        return switch (type) {
            case MONTHLY_CALENDAR -> ChinaTime.startOf(day.withDayOfMonth(1).plusMonths(1));
            case MONTHLY_ROLLING -> {
                long days = ChronoUnit.DAYS.between(day, day.plusMonths(1));
                yield ChinaTime.startOf(day.plusDays(Math.max(30, Math.min(31, days))));
            }
            case PER_USE -> throw new IllegalArgumentException("a PER_USE charge has no period");
        };
    }
}
