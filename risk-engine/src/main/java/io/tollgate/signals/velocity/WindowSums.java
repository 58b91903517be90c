package io.tollgate.signals.velocity;

import io.tollgate.facts.VelocityWindow;
import java.time.Duration;

/**
 * Attempts and approved spend of one key summed over the windows of a {@link VelocityWindow}, as of
 * one instant, starting with the charge being checked. Not thread-safe: one check's own.
 */
final class WindowSums {
    static final long TEN_MINUTES_MS = Duration.ofMinutes(10).toMillis();
    static final long HOUR_MS = Duration.ofHours(1).toMillis();
    static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final long now;
    private final long dayStart;
    private final long monthStart;
    private int a10m = 1;
    private int a1h = 1;
    private int a24h = 1;
    private int aDay = 1;
    private int aMonth = 1;
    private long s10m;
    private long s1h;
    private long s24h;
    private long sDay;
    private long sMonth;
    /** Figures counted elsewhere (a hot key's own attempts) that replace these sums; null when none. */
    private VelocityWindow replacement;

    /**
     * @param now epoch ms of the check
     * @param dayStart start of its China calendar day
     * @param monthStart start of its China calendar month
     * @param amountFen the charge being checked, counted as one attempt
     */
    WindowSums(long now, long dayStart, long monthStart, long amountFen) {
        this.now = now;
        this.dayStart = dayStart;
        this.monthStart = monthStart;
        s10m = amountFen;
        s1h = amountFen;
        s24h = amountFen;
        sDay = amountFen;
        sMonth = amountFen;
    }

    /** Adds an attempt; one recorded later than {@code now} is not seen as of now. Counts and sums saturate. */
    void add(long time, long approvedFen) {
        if (time > now) {
            return;
        }
        long age = now - time;
        if (age < TEN_MINUTES_MS) {
            a10m = Saturating.increment(a10m);
            s10m = Saturating.add(s10m, approvedFen);
        }
        if (age < HOUR_MS) {
            a1h = Saturating.increment(a1h);
            s1h = Saturating.add(s1h, approvedFen);
        }
        if (age < DAY_MS) {
            a24h = Saturating.increment(a24h);
            s24h = Saturating.add(s24h, approvedFen);
        }
        if (time >= dayStart) {
            aDay = Saturating.increment(aDay);
            sDay = Saturating.add(sDay, approvedFen);
        }
        if (time >= monthStart) {
            aMonth = Saturating.increment(aMonth);
            sMonth = Saturating.add(sMonth, approvedFen);
        }
    }

    /** Makes {@link #window()} answer {@code figures}, counted elsewhere, instead of these sums. */
    void replaceWith(VelocityWindow figures) {
        replacement = figures;
    }

    VelocityWindow window() {
        if (replacement != null) {
            return replacement;
        }
        return new VelocityWindow(a10m, a1h, a24h, aDay, aMonth, s10m, s1h, s24h, sDay, sMonth);
    }
}
