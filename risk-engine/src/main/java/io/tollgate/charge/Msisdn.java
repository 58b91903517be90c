package io.tollgate.charge;

/**
 * A mainland China mobile number, normalised to 11 digits. {@link #toString()} is masked
 * ({@code 138****1234}) so that a number printed by accident never appears in full; use
 * {@link #digits()} where the full number is meant. Immutable.
 *
 * @param digits the 11 digits, starting with 1
 */
public record Msisdn(String digits) {
    /** An ASCII or a full-width digit, as a Chinese input method may type it. */
    private static final String DIGIT = "[0-9\\uFF10-\\uFF19]";
    /** The first digit of every mobile number. */
    private static final String ONE = "[1\\uFF11]";
    /** What people put between a number's digits: spaces, line breaks, dashes, brackets, slashes; up to 3 in a row. */
    private static final String SEPARATOR = "[ \\t\\r\\n\\u00A0\\u3000\\-\\u2010-\\u2015()/]{0,3}";
    /**
     * 11 digits starting with 1, with separators between any of them ({@code 138 0013 8000},
     * {@code (138) 0013-8000}, {@code 1 3 8 ...}) or dots between the groups of {@code 138.0013.8000}
     * (dots only there, so that an IP address is not taken for a number), standing alone or right
     * after an {@code 86}/{@code 0086} country code.
     */
    private static final java.util.regex.Pattern IN_TEXT = java.util.regex.Pattern.compile(
            "(?<!" + DIGIT + ")((?:00)?86" + SEPARATOR + ")?(" + ONE + "(?:" + SEPARATOR + DIGIT + "){10}|"
                    + ONE + DIGIT + "{2}\\." + DIGIT + "{4}\\." + DIGIT + "{4})(?!" + DIGIT + ")");

    /**
     * The longest text accepted as a written number: {@code 0086-138-0013-8000} is 18 characters;
     * the rest is room for spaces around it.
     */
    public static final int MAX_WRITTEN_LENGTH = 32;

    public Msisdn {
        if (digits == null || digits.length() != 11 || digits.charAt(0) != '1' || !allDigits(digits)) {
            throw new IllegalArgumentException("an MSISDN must be 11 digits starting with 1, got " + mask(digits));
        }
    }

    /**
     * Normalises a number written with a {@code +86}, {@code 86} or {@code 0086} prefix, spaces or dashes.
     *
     * @param field the field name reported on error, e.g. {@code msisdn}
     * @param raw the number as written
     * @return the normalised number
     * @throws InvalidFieldException naming the field and the masked value when it is not a China mobile number
     */
    public static Msisdn parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (raw.length() > MAX_WRITTEN_LENGTH) {
            throw new InvalidFieldException(field, "is longer than " + MAX_WRITTEN_LENGTH + " characters (got "
                    + raw.length() + ")");
        }
        String compact = raw.strip().replace(" ", "").replace("-", "");
        if (compact.startsWith("+86")) {
            compact = compact.substring(3);
        } else if (compact.startsWith("0086")) {
            compact = compact.substring(4);
        } else if (compact.startsWith("86") && compact.length() == 13) {
            compact = compact.substring(2);
        }
        if (compact.length() != 11 || compact.charAt(0) != '1' || !allDigits(compact)) {
            throw new InvalidFieldException(field, "'" + mask(raw.strip())
                    + "' is not a China mobile number (11 digits starting with 1, optionally +86/86/0086)");
        }
        return new Msisdn(compact);
    }

    /** @return the number masked as {@code 138****1234} */
    public String masked() {
        return mask(digits);
    }

    /** @return the 7-digit number segment (号段) that names the carrier and home area */
    public String segment() {
        return digits.substring(0, 7);
    }

    @Override
    public String toString() {
        return masked();
    }

    /**
     * Masks anything that may be a phone number for people to read: keeps the first 3 and last 4
     * characters of 8 or more, and stars the rest; shorter values are starred entirely.
     *
     * @param value any text, may be {@code null}
     * @return the masked text
     */
    public static String mask(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() < 8) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 3) + "****" + value.substring(value.length() - 4);
    }

    /**
     * Masks every standalone China mobile number inside free text (an error message, a signal
     * snapshot, a reviewer's note, a page), also one a person wrote in groups ({@code 138 0013 8000},
     * {@code 138-0013-8000}, {@code (+86) 138 0013 8000}, {@code 138.0013.8000}) or in full-width
     * digits, leaving longer digit runs such as timestamps, and IP addresses, alone. The separators
     * inside a number go with its hidden digits: {@code 138****1234}.
     *
     * @param text any text
     * @return the text with each number shown as {@code 138****1234}
     */
    public static String maskAll(String text) {
        return IN_TEXT.matcher(text).replaceAll(found -> {
            String digits = found.group(2).replaceAll("[^0-9\\uFF10-\\uFF19]", "");
            String prefix = found.group(1) == null ? "" : found.group(1);
            return java.util.regex.Matcher.quoteReplacement(
                    prefix + digits.substring(0, 3) + "****" + digits.substring(7));
        });
    }

    /**
     * Masks text that may echo what a caller sent, more strictly than {@link #maskAll}: every number
     * {@code maskAll} masks, and also the middle of every run of 11 or more digits (its first 3 and
     * last 4 kept), so that no 11 consecutive digits survive, not even a number glued to other
     * digits ({@code 913912345678}). For error messages, never for text with long digit runs to keep.
     *
     * @param text any text
     * @return the text with numbers and long digit runs masked
     */
    public static String maskEchoed(String text) {
        String masked = maskAll(text);
        StringBuilder out = null;
        int run = 0;
        for (int i = 0; i <= masked.length(); i++) {
            if (i < masked.length() && masked.charAt(i) >= '0' && masked.charAt(i) <= '9') {
                run++;
                continue;
            }
            if (run >= 11) {
                if (out == null) {
                    out = new StringBuilder(masked);
                }
                for (int at = i - run + 3; at < i - 4; at++) {
                    out.setCharAt(at, '*');
                }
            }
            run = 0;
        }
        return out == null ? masked : out.toString();
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i)) || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
