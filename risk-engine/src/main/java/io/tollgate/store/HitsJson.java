package io.tollgate.store;

import io.tollgate.RuleHit;
import java.util.List;

/**
 * A verdict's hits as the JSON stored in {@code hits_json}, written by hand: the same text
 * {@link Json#write} gives for the list (fields in component order, {@code "action":null} for a points
 * rule, Jackson's escaping), at a fraction of its cost on the journal thread. Thread-safe.
 */
final class HitsJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HitsJson() {
    }

    /** @return the hits as a JSON array of objects */
    static String write(List<RuleHit> hits) {
        StringBuilder out = new StringBuilder(hits.size() * 128 + 2).append('[');
        for (int i = 0; i < hits.size(); i++) {
            RuleHit hit = hits.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"code\":");
            string(out, hit.code());
            out.append(",\"points\":").append(hit.points()).append(",\"action\":");
            if (hit.action() == null) {
                out.append("null");
            } else {
                string(out, hit.action().name());
            }
            out.append(",\"reason\":");
            string(out, hit.reason());
            out.append(",\"shadow\":").append(hit.shadow()).append(",\"review\":").append(hit.review()).append('}');
        }
        return out.append(']').toString();
    }

    /** A JSON string as Jackson escapes it: quote, backslash and control characters; the rest as is. */
    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
