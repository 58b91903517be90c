package io.tollgate.charge;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Strict parsing of text fields (CSV cells, JSON values, command-line options) into typed values.
 * Every failure is an {@link InvalidFieldException} naming the field and the value. Thread-safe.
 */
public final class Fields {
    private Fields() {
    }

    /**
     * Quotes a value someone sent for an error message: in single quotes, control characters written
     * as {@code \\uXXXX}, and cut short after 40 characters with its length, so that a message stays
     * one short line whatever was sent. Numbers in it are masked by the exception that carries it.
     *
     * @param value any text, may be {@code null}
     * @return {@code 'value'}, or {@code null} for null
     */
    public static String quoted(String value) {
        return FreeText.quoted(value);
    }

    /**
     * Shows a name or value someone sent in a message, as {@link #quoted} does but without quotes
     * or length: cut short after 40 characters with an ellipsis.
     *
     * @param value any text
     * @return the text as a message may show it
     */
    public static String shown(String value) {
        return FreeText.shown(value);
    }

    /**
     * @param row the fields of one record keyed by column name
     * @param field the column name
     * @return the trimmed value, never empty
     * @throws InvalidFieldException when the column is missing or blank
     */
    public static String required(Map<String, String> row, String field) {
        String value = optional(row, field);
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    /**
     * @return the trimmed value, or {@code null} when the column is missing or blank
     */
    public static String optional(Map<String, String> row, String field) {
        String value = row.get(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip();
    }

    /**
     * Parses an enum constant exactly (case-sensitive, no aliases).
     *
     * @throws InvalidFieldException naming the accepted values
     */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining("|"));
        throw new InvalidFieldException(field, "unknown value " + quoted(value) + " (expected " + accepted + ")");
    }

    /**
     * Reads a whole number written in ASCII digits, with an optional sign. {@link Long#parseLong}
     * alone also reads other scripts' digits ({@code ５００}, {@code ١٠٠}), which no contract accepts.
     *
     * @throws InvalidFieldException when the value is not a whole number that fits a {@code long}
     */
    public static long longValue(String field, String value) {
        int first = !value.isEmpty() && (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
        boolean ascii = value.length() > first;
        for (int i = first; i < value.length() && ascii; i++) {
            ascii = value.charAt(i) >= '0' && value.charAt(i) <= '9';
        }
        try {
            if (ascii) {
                return Long.parseLong(value);
            }
        } catch (NumberFormatException e) {
            // out of range: refused below
        }
        throw new InvalidFieldException(field, quoted(value) + " is not a whole number");
    }

    /** @throws InvalidFieldException when the value is not ISO-8601 with an offset */
    public static Instant instant(String field, String value) {
        Instant common = secondsWithOffset(value);
        if (common != null) {
            return common;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException ignored) {
                throw new InvalidFieldException(field,
                        quoted(value) + " is not an ISO-8601 timestamp with offset, e.g. 2026-03-07T16:08:02+08:00");
            }
        }
    }

    /**
     * Checks that an instant is in the years a charge's {@code ts} may be in (2000 to 2099), where
     * the engine's time arithmetic stays in range. A charge's, a complaint's and a dispute's time must be:
     * every check of a number counts in milliseconds from its complaints and disputes.
     *
     * @param field the field reported on error, e.g. {@code ts}
     * @param value an instant, or {@code null} (passed through)
     * @return {@code value}
     * @throws InvalidFieldException when it is outside those years
     */
    public static Instant countable(String field, Instant value) {
        if (value != null && (value.isBefore(ChargeRequest.EARLIEST_TS) || !value.isBefore(ChargeRequest.LATEST_TS))) {
            throw new InvalidFieldException(field, "'" + value + "' is outside the years 2000 to 2099");
        }
        return value;
    }

    /**
     * The common form {@code 2026-03-07T16:08:02+08:00} read without a formatter, which took most of
     * the time of parsing a charge; {@code null} for any other form or a value out of range, which
     * the formatter then reads or refuses.
     */
    private static Instant secondsWithOffset(String value) {
        if (value.length() != 25 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != 'T'
                || value.charAt(13) != ':' || value.charAt(16) != ':' || value.charAt(22) != ':') {
            return null;
        }
        char sign = value.charAt(19);
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        int offsetHours = digits(value, 20, 2);
        int offsetMinutes = digits(value, 23, 2);
        boolean allDigits = (year | month | day | hour | minute | second | offsetHours | offsetMinutes) >= 0;
        if ((sign != '+' && sign != '-') || !allDigits) {
            return null;
        }
        try {
            int direction = sign == '+' ? 1 : -1;
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(direction * offsetHours, direction * offsetMinutes);
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** @return the decimal number in {@code length} chars from {@code start}, or -1 when one is not a digit */
    private static int digits(String value, int start, int length) {
        int number = 0;
        for (int i = start; i < start + length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    /** @throws InvalidFieldException when the value is not a {@code YYYY-MM-DD} date */
    public static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, quoted(value) + " is not a date YYYY-MM-DD");
        }
    }
}
