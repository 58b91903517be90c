package io.tollgate.charge;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an instant exactly as {@link Instant#toString()} does ({@code 2026-03-07T10:15:30.250Z}),
 * without the formatter's objects: the fingerprint of every check holds one. Thread-safe (stateless).
 */
final class IsoInstant {
    /** 10000-01-01T00:00:00Z: from there on (and before 1970) the JDK's own text is used. */
    private static final long YEAR_10000 = 253_402_300_800L;
    private static final int SECONDS_PER_DAY = 86_400;

    private IsoInstant() {
    }

    /** Appends {@code String.valueOf(instant)}: {@code null}, or the ISO-8601 text of the instant in UTC. */
    static StringBuilder append(StringBuilder text, Instant instant) {
        if (instant == null || instant.getEpochSecond() < 0 || instant.getEpochSecond() >= YEAR_10000) {
            return text.append(instant);
        }
        long seconds = instant.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(seconds / SECONDS_PER_DAY);
        int secondOfDay = (int) (seconds % SECONDS_PER_DAY);
        digits(text, date.getYear(), 4).append('-');
        digits(text, date.getMonthValue(), 2).append('-');
        digits(text, date.getDayOfMonth(), 2).append('T');
        digits(text, secondOfDay / 3600, 2).append(':');
        digits(text, secondOfDay / 60 % 60, 2).append(':');
        digits(text, secondOfDay % 60, 2);
        int nano = instant.getNano();
        if (nano > 0) { // milli-, micro- or nanoseconds, as many digits as needed in groups of three
            text.append('.');
            if (nano % 1_000_000 == 0) {
                digits(text, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(text, nano / 1_000, 6);
            } else {
                digits(text, nano, 9);
            }
        }
        return text.append('Z');
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        for (int place = width - 1, divisor = pow10(place); place >= 0; place--, divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
        return text;
    }

    private static int pow10(int exponent) {
        int value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
