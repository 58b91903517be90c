package io.tollgate.charge;

/**
 * What text a charge's ids and free-text fields may hold, and how a value is shown in a message.
 * Refused: C0 controls (U+0000-U+001F), DEL and C1 controls (U+007F-U+009F), the line and paragraph
 * separators (U+2028, U+2029), the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), which make a value read differently from what it holds ("Trojan Source"), and
 * UTF-16 surrogates not in a pair. One pass over the chars, no allocation: it runs on every check.
 * Thread-safe (stateless).
 */
final class FreeText {
    /** How many chars of a value a message shows before it cuts the value short. */
    static final int SHOWN = 40;

    private FreeText() {
    }

    /**
     * @param value any text
     * @return the index of the first char {@code value} may not hold, or -1 when there is none
     */
    static int firstRefused(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: one code point beyond the BMP
            } else if (refused(c)) {
                return i;
            }
        }
        return -1;
    }

    /** @return whether {@code c}, standing alone (not in a surrogate pair), is refused */
    private static boolean refused(char c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return true;
        }
        return c >= 0x2028 && (c <= 0x202E || (c >= 0x2066 && c <= 0x2069) || Character.isSurrogate(c));
    }

    /** @return what a refused char is, for a message, e.g. {@code a control character U+0000} */
    static String describe(char c) {
        String kind = Character.isSurrogate(c) ? "a lone surrogate"
                : c == 0x2028 || c == 0x2029 ? "a line or paragraph separator"
                : c >= 0x202A ? "a bidirectional control character"
                : "a control character";
        return kind + " " + String.format("U+%04X", (int) c);
    }

    /**
     * Quotes a value for a message: {@link #shown} in single quotes, with the value's length when it
     * was cut. Masking numbers is the exception's job.
     *
     * @param value any text, may be {@code null}
     * @return {@code 'value'}, or {@code null} for null
     */
    static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        String shown = "'" + shown(value) + "'";
        return value.length() > SHOWN ? shown + " (" + value.length() + " characters)" : shown;
    }

    /**
     * Shows a value in a message: every refused char written as {@code \\uXXXX}, and a value longer
     * than {@value #SHOWN} chars cut there and ended with an ellipsis.
     *
     * @param value any text
     * @return the value as a message may show it
     */
    static String shown(String value) {
        int end = Math.min(value.length(), SHOWN);
        StringBuilder text = new StringBuilder(end + 8);
        escape(value, end, text);
        return end < value.length() ? text.append('…').toString() : text.toString();
    }

    /**
     * @param text any text
     * @return the text with every refused char written as {@code \\uXXXX}; {@code text} itself when none is
     */
    static String escaped(String text) {
        if (firstRefused(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        escape(text, text.length(), out);
        return out.toString();
    }

    /** Appends the first {@code end} chars of {@code text}, refused ones (and a pair cut at the end) escaped. */
    private static void escape(String text, int end, StringBuilder out) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (refused(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
    }
}
