package io.tollgate.review;

import io.tollgate.charge.Msisdn;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A search of the audit trail ({@link AuditTrail#search}); every filter is optional ({@code null}
 * for any) and they all apply together. Immutable.
 *
 * <p>The free text matches notes and details, which are stored with every phone number masked
 * ({@code 139****5678}), so no search can match a hidden digit. Still, the text may not hold 5 or more
 * digits in a row, nor anything shaped like a phone number ({@code 139 1234 5678}): a search must not be a
 * way to ask whether a full number is in the log (in a note written before numbers were masked, say).
 * Look a case up by its id instead.
 *
 * @param actor entries by this user only
 * @param action entries of this action only, e.g. {@code DECIDE}
 * @param caseId entries about this case only
 * @param from entries at or after this instant
 * @param until entries before this instant
 * @param text entries whose note or detail contains this, ignoring case
 * @param offset how many of the newest matching entries to skip, 0 or more
 * @param limit how many entries to return, 1 to {@value #MAX_LIMIT}
 */
public record AuditQuery(
        String actor, String action, Long caseId, Instant from, Instant until, String text, int offset, int limit) {
    /** The most entries one search returns. */
    public static final int MAX_LIMIT = 500;
    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9\\uFF10-\\uFF19]{5}");

    /**
     * Validates the query; blank filters mean any.
     *
     * @throws IllegalArgumentException for a negative offset, a limit out of range, a range that ends
     *     before it starts, or search text with 5 or more digits in a row or a phone number in any form
     */
    public AuditQuery {
        actor = blankToNull(actor);
        action = blankToNull(action);
        text = blankToNull(text);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        if (from != null && until != null && until.isBefore(from)) {
            throw new IllegalArgumentException("the range ends before it starts");
        }
        if (text != null && (DIGIT_RUN.matcher(text).find() || !Msisdn.maskAll(text).equals(text))) {
            throw new IllegalArgumentException("search text must not hold 5 or more digits in a row, nor a phone"
                    + " number in any form; numbers are masked, look a case up by its id");
        }
    }

    /**
     * @param limit how many entries to return
     * @return the newest entries, unfiltered
     */
    public static AuditQuery newest(int limit) {
        return new AuditQuery(null, null, null, null, null, null, 0, limit);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
