package io.tollgate.charge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * China Standard Time (UTC+8, no daylight saving): calendar days and months of spending caps,
 * subscription periods and night hours are counted in it. Thread-safe.
 */
public final class ChinaTime {
    /** UTC+8. */
    public static final ZoneOffset ZONE = ZoneOffset.ofHours(8);

    private ChinaTime() {
    }

    /** @return the calendar date in China at that instant */
    public static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** @return the first instant of a China calendar date */
    public static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    /** @return the first instant of the China calendar day holding {@code instant} */
    public static Instant dayStart(Instant instant) {
        return startOf(date(instant));
    }

    /** @return the first instant of the China calendar month holding {@code instant} */
    public static Instant monthStart(Instant instant) {
        return startOf(date(instant).withDayOfMonth(1));
    }

    /** @return the hour of the day, 0-23, in China */
    public static int hour(Instant instant) {
        return instant.atOffset(ZONE).getHour();
    }
}
