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
    private static final int OFFSET_SECONDS = 8 * 3600;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final long OFFSET_MS = OFFSET_SECONDS * 1000L;
    private static final long MS_PER_DAY = SECONDS_PER_DAY * 1000L;

    // A fixed offset needs no zone rules: the arithmetic below is what java.time computes for it,
    // without the ZoneRules and date-time objects that every check would otherwise allocate.

    private ChinaTime() {
    }

    /** @return the calendar date in China at that instant */
    public static LocalDate date(Instant instant) {
        return LocalDate.ofEpochDay(day(instant));
    }

    /** @return the first instant of a China calendar date */
    public static Instant startOf(LocalDate date) {
        return Instant.ofEpochSecond(date.toEpochDay() * SECONDS_PER_DAY - OFFSET_SECONDS);
    }

    /** @return the first instant of the China calendar day holding {@code instant} */
    public static Instant dayStart(Instant instant) {
        return Instant.ofEpochSecond(day(instant) * SECONDS_PER_DAY - OFFSET_SECONDS);
    }

    /** @return the first instant of the China calendar month holding {@code instant} */
    public static Instant monthStart(Instant instant) {
        return startOf(date(instant).withDayOfMonth(1));
    }

    /** @return the hour of the day, 0-23, in China */
    public static int hour(Instant instant) {
        return (int) Math.floorMod(instant.getEpochSecond() + OFFSET_SECONDS, SECONDS_PER_DAY) / 3600;
    }

    /** @return the China calendar day holding an epoch millisecond, as days since 1970-01-01 */
    public static long epochDay(long epochMs) {
        return Math.floorDiv(epochMs + OFFSET_MS, MS_PER_DAY);
    }

    /** @return the first epoch millisecond of the China calendar day holding {@code epochMs} */
    public static long dayStartMs(long epochMs) {
        return epochDay(epochMs) * MS_PER_DAY - OFFSET_MS;
    }

    /** @return the first epoch millisecond of the China calendar month holding {@code epochMs} */
    public static long monthStartMs(long epochMs) {
        long day = epochDay(epochMs);
        return (day - LocalDate.ofEpochDay(day).getDayOfMonth() + 1) * MS_PER_DAY - OFFSET_MS;
    }

    /** The China calendar day holding the instant, as days since 1970-01-01. */
    private static long day(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond() + OFFSET_SECONDS, SECONDS_PER_DAY);
    }
}
