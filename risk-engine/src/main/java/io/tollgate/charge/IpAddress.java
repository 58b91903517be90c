package io.tollgate.charge;

/**
 * Tells an IP address literal from any other text, without a name look-up: IPv4 as four decimal
 * numbers 0 to 255 (no leading zeros, which some parsers read as octal), IPv6 as up to eight
 * groups of 1 to 4 hex digits with at most one {@code ::}, optionally ending in an IPv4 address.
 * No zone ({@code %eth0}), no brackets. Thread-safe (stateless).
 */
final class IpAddress {
    private IpAddress() {
    }

    /** @return whether the text is an IPv4 or IPv6 address literal */
    static boolean isLiteral(String text) {
        return text.indexOf(':') >= 0 ? isIpv6(text) : isIpv4(text, 0, text.length());
    }

    private static boolean isIpv4(String text, int from, int to) {
        int parts = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == '.') {
                int length = i - start;
                if (length < 1 || length > 3 || length > 1 && text.charAt(start) == '0') {
                    return false;
                }
                int value = 0;
                for (int j = start; j < i; j++) {
                    char c = text.charAt(j);
                    if (c < '0' || c > '9') {
                        return false;
                    }
                    value = value * 10 + (c - '0');
                }
                if (value > 255 || ++parts > 4) {
                    return false;
                }
                start = i + 1;
            }
        }
        return parts == 4;
    }

    private static boolean isIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        int groups = 0;
        int start = 0;
        int length = text.length();
        int i = 0;
        while (i <= length) {
            if (i == length || text.charAt(i) == ':') {
                int size = i - start;
                if (size == 0) {
                    // empty groups only as the two sides of "::" (or the whole of "::")
                    boolean inDoubleColon = doubleColon >= 0 && (start == doubleColon || start == doubleColon + 1
                            || start == doubleColon + 2 && i == length && doubleColon + 2 == length);
                    if (!inDoubleColon) {
                        return false;
                    }
                } else if (i == length && text.lastIndexOf('.') > start) {
                    if (!isIpv4(text, start, length)) {
                        return false;
                    }
                    groups += 2;
                } else {
                    if (size > 4) {
                        return false;
                    }
                    for (int j = start; j < i; j++) {
                        if (Character.digit(text.charAt(j), 16) < 0 || text.charAt(j) > 'f') {
                            return false;
                        }
                    }
                    groups++;
                }
                start = i + 1;
            }
            i++;
        }
        return doubleColon >= 0 ? groups <= 7 : groups == 8;
    }
}
