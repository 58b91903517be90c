package io.tollgate.signals.lists;

import io.tollgate.charge.Fields;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.charge.Msisdn;
import java.time.Instant;
import java.util.Map;

/**
 * One blacklist entry, a row of {@code blacklist.csv}. It counts from {@code addedAt} until
 * {@code expiresAt} or {@code removedAt}, whichever comes first. Immutable.
 *
 * @param kind what it matches
 * @param value the normalised number, prefix, device id or IP
 * @param source who listed it
 * @param reason why, for reviewers
 * @param addedAt when it starts to count
 * @param expiresAt when it stops counting, or {@code null}
 * @param removedAt when it was taken off the list, or {@code null}
 */
public record ListEntry(
        ListKind kind, String value, ListSource source, String reason, Instant addedAt, Instant expiresAt,
        Instant removedAt) {

    public ListEntry {
        if (kind == null || source == null || addedAt == null) {
            throw new IllegalArgumentException("kind, source and addedAt are required");
        }
        value = normalise(kind, value);
        if (reason == null || reason.isBlank()) {
            throw new InvalidFieldException("reason", "is required");
        }
        if (expiresAt != null && !expiresAt.isAfter(addedAt)) {
            throw new InvalidFieldException("expires_at", "'" + expiresAt + "' is not after added_at '" + addedAt + "'");
        }
    }

    /**
     * Reads a {@code blacklist.csv} row.
     *
     * @throws InvalidFieldException for the first missing or bad field
     */
    public static ListEntry fromColumns(Map<String, String> row) {
        ListKind kind = Fields.enumValue(ListKind.class, "kind", Fields.required(row, "kind"));
        String value = Fields.required(row, "value");
        ListSource source = Fields.enumValue(ListSource.class, "source", Fields.required(row, "source"));
        String expires = Fields.optional(row, "expires_at");
        return new ListEntry(kind, value, source, Fields.required(row, "reason"),
                Fields.instant("added_at", Fields.required(row, "added_at")),
                expires == null ? null : Fields.instant("expires_at", expires), null);
    }

    /** @return whether the entry counts at that instant */
    public boolean activeAt(Instant instant) {
        return !addedAt.isAfter(instant)
                && (expiresAt == null || instant.isBefore(expiresAt))
                && (removedAt == null || instant.isBefore(removedAt));
    }

    /** @return the entry as a reviewer reads it, numbers masked */
    public String describe() {
        String shown = kind == ListKind.MSISDN ? Msisdn.mask(value) : value;
        return kind + " " + shown + " by " + source + ": " + reason;
    }

    static String normalise(ListKind kind, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException("value", "is required");
        }
        String stripped = value.strip();
        return switch (kind) {
            case MSISDN -> Msisdn.parse("value", stripped).digits();
            case MSISDN_PREFIX -> {
                if (!stripped.matches("1[0-9]{2,9}")) {
                    throw new InvalidFieldException("value",
                            "'" + Msisdn.mask(stripped) + "' is not a number prefix (3 to 10 digits starting with 1)");
                }
                yield stripped;
            }
            case DEVICE, IP -> {
                if (stripped.length() > 128) {
                    throw new InvalidFieldException("value", "is longer than 128 characters");
                }
                yield stripped;
            }
        };
    }
}
