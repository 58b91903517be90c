package io.tollgate.generate;

import io.tollgate.charge.ChinaTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The generated period: whole China days from a fixed start (2026-03-01 00:00 +08:00), so a seed
 * always gives the same files. Times are epoch seconds. Immutable and thread-safe.
 */
final class Horizon {
    /** The first day of every generated data set, China time. */
    static final LocalDate START = LocalDate.of(2026, 3, 1);
    static final long DAY = 86_400;
    static final long HOUR = 3_600;
    static final long MINUTE = 60;

    private final int days;
    private final long start;

    /** @param days how many days to generate */
    Horizon(int days) {
        this.days = days;
        this.start = ChinaTime.startOf(START).getEpochSecond();
    }

    int days() {
        return days;
    }

    /** @return the first second of the period */
    long start() {
        return start;
    }

    /** @return the first second after the period */
    long end() {
        return start + days * DAY;
    }

    /** @return the first second of day {@code day} (0 is the start date; may be negative) */
    long dayStart(int day) {
        return start + day * DAY;
    }

    /** @return the day index of an instant (negative before the start) */
    int dayOf(long epochSecond) {
        return (int) Math.floorDiv(epochSecond - start, DAY);
    }

    /** @return the China date of day {@code day} */
    LocalDate date(int day) {
        return START.plusDays(day);
    }

    /** @return the China date of an instant */
    static LocalDate dateOf(long epochSecond) {
        return ChinaTime.date(Instant.ofEpochSecond(epochSecond));
    }

    /** @return the China hour (0-23) of an instant */
    static int hourOf(long epochSecond) {
        return (int) Math.floorMod(epochSecond + 8 * HOUR, DAY) / (int) HOUR;
    }

    /** @return a month key (year × 12 + month) of the China calendar month of an instant */
    static int monthOf(long epochSecond) {
        LocalDate date = dateOf(epochSecond);
        return date.getYear() * 12 + date.getMonthValue();
    }

    /** @return the first second of a China date */
    static long startOf(LocalDate date) {
        return ChinaTime.startOf(date).getEpochSecond();
    }

    /** @return the instant as written in the files: {@code 2026-03-07T16:08:02+08:00} */
    static String format(long epochSecond) {
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, ChinaTime.ZONE);
        StringBuilder text = new StringBuilder(25);
        text.append(local.getYear()).append('-');
        two(text, local.getMonthValue()).append('-');
        two(text, local.getDayOfMonth()).append('T');
        two(text, local.getHour()).append(':');
        two(text, local.getMinute()).append(':');
        two(text, local.getSecond());
        return text.append("+08:00").toString();
    }

    private static StringBuilder two(StringBuilder text, int value) {
        if (value < 10) {
            text.append('0');
        }
        return text.append(value);
    }
}
