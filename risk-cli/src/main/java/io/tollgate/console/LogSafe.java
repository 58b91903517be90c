package io.tollgate.console;

import io.tollgate.charge.Msisdn;

/**
 * Makes a value a caller chose (a login name, a path, a token's name, an error message quoting the
 * input) fit to log: every phone number in it masked, also one glued to other digits
 * ({@link Msisdn#maskEchoed}), every control character escaped so that it cannot end the log line
 * and forge the next one (line breaks and tabs as backslash escapes, other control characters, Unicode
 * line separators and invisible format characters as a backslash, u and four hex digits, a
 * backslash doubled), and at most {@value #MAX_LENGTH} characters of it. Every value the console
 * and the JSON API log that did not come from Tollgate itself goes through {@link #of}. Stateless.
 */
final class LogSafe {
    /** The longest value logged; the rest is cut and counted. */
    static final int MAX_LENGTH = 200;

    private LogSafe() {
    }

    /**
     * @param value anything, may be {@code null}
     * @return its text masked, escaped and cut; {@code "null"} for {@code null}
     */
    static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String masked = Msisdn.maskEchoed(String.valueOf(value));
        StringBuilder safe = new StringBuilder(Math.min(masked.length(), MAX_LENGTH) + 16);
        int end = Math.min(masked.length(), MAX_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = masked.charAt(i);
            switch (c) {
                case '\n' -> safe.append("\\n");
                case '\r' -> safe.append("\\r");
                case '\t' -> safe.append("\\t");
                case '\\' -> safe.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                            || Character.getType(c) == Character.FORMAT) {
                        safe.append(String.format("\\u%04x", (int) c));
                    } else {
                        safe.append(c);
                    }
                }
            }
        }
        if (masked.length() > MAX_LENGTH) {
            safe.append("...(").append(masked.length() - MAX_LENGTH).append(" more characters)");
        }
        return safe.toString();
    }
}
