package io.tollgate.charge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
        throw new InvalidFieldException(field, "unknown value '" + value + "' (expected " + accepted + ")");
    }

    /** @throws InvalidFieldException when the value is not a whole number */
    public static long longValue(String field, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "'" + value + "' is not a whole number");
        }
    }

    /** @throws InvalidFieldException when the value is not ISO-8601 with an offset */
    public static Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException ignored) {
                throw new InvalidFieldException(field,
                        "'" + value + "' is not an ISO-8601 timestamp with offset, e.g. 2026-03-07T16:08:02+08:00");
            }
        }
    }

    /** @throws InvalidFieldException when the value is not a {@code YYYY-MM-DD} date */
    public static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "'" + value + "' is not a date YYYY-MM-DD");
        }
    }
}
