package io.tollgate;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.ChinaTime;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates charges as {@code charges.csv} columns from a seeded {@link Random}: mostly plain values
 * that the rules decide, mixed with boundary and hostile ones (nulls, blanks, huge, unicode, control
 * characters, lone surrogates, negative, zero, MAX, far-away timestamps, phone numbers in every
 * field). Each charge says which fields the input contract refuses, and which it may refuse or not
 * (a contract not settled yet, such as an IP address that is not one), so a test can tell a verdict
 * the engine should not have given. Not thread-safe: one generator per test.
 */
final class FuzzedCharges {
    /** A full mainland mobile number anywhere in a text: 1, then 3-9, then 9 digits. */
    static final java.util.regex.Pattern FULL_NUMBER = java.util.regex.Pattern.compile("1[3-9][0-9]{9}");
    /** The characters no id, free-text field or message may hold. */
    static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile(
            "[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF]");

    /**
     * One generated charge.
     *
     * @param columns the columns, a missing one left out (never mapped to null)
     * @param refused the fields the contract refuses
     * @param mayBeRefused the fields it may refuse or accept
     * @param reusedId whether the request id is one used before, so a conflict is a fair answer
     */
    record Fuzzed(Map<String, String> columns, Set<String> refused, Set<String> mayBeRefused, boolean reusedId) {
        /** @return whether the contract requires a verdict (every field valid) */
        boolean valid() {
            return refused.isEmpty() && mayBeRefused.isEmpty();
        }
    }

    private enum Tag { VALID, REFUSED, EITHER, ABSENT }

    private record Value(String text, Tag tag) {
    }

    private static final String[] FORBIDDEN = {"\u0000", "\u0001", "\u0007", "\u001B", "\u007F", "\u0085", "\u009F",
        "\u2028", "\u2029", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
        "\uD800", "\uDBFF", "\uDC00", "\uDFFF"};
    private static final String[] PRINTABLE_UNICODE = {"商户", "ünï", "\uD83D\uDE00", "\u00A0", "\u200B", "ﬀ", "١٢٣",
        "１３９", "Ω", "\uFEFF", "\uFFFD"};

    private final Random random;
    private final long ceiling;
    private final List<String> numbers;
    private int sequence;

    /**
     * @param seed the seed: the same seed generates the same charges
     * @param ceiling the engine's largest amount in fen
     */
    FuzzedCharges(long seed, long ceiling) {
        this.random = new Random(seed);
        this.ceiling = ceiling;
        // a few numbers charged again and again, so velocity limits and caps come into play
        this.numbers = List.of("13800138000", "13900139000", "18912345678", "15000150000", "13700137005",
                "13700137006", "17012345678", "19912345678");
    }

    /**
     * @param now the instant of the engine's clock the charge is checked at: a plain {@code ts} is
     *     near it, within the skew the engine accepts
     * @return the next charge
     */
    Fuzzed next(Instant now) {
        sequence++;
        boolean hostile = random.nextInt(100) < 45;
        Map<String, Value> values = new LinkedHashMap<>();
        values.put("request_id", hostile && chance(30) ? hostileId("request_id", true) : requestId());
        values.put("ts", hostile && chance(25) ? hostileTs(now) : chance(50) ? absent() : valid(ts(now)));
        values.put("msisdn", hostile && chance(25) ? hostileMsisdn() : valid(chance(40)
                ? pick(numbers.toArray(String[]::new)) : "13" + (3 + random.nextInt(7)) + (10_000_000 + random.nextInt(90_000_000))));
        values.put("carrier", hostile && chance(15) ? hostileEnum("CMCC", "CUCC", "CTCC") : chance(80) ? absent()
                : valid(pick("CMCC", "CUCC", "CTCC")));
        values.put("merchant_id", hostile && chance(20) ? hostileId("merchant_id", true)
                : valid(pick("M1001", "M1002", "M2001", "SP-商户-7")));
        values.put("product_id", hostile && chance(20) ? hostileId("product_id", true) : valid(pick("P1", "P2", "VIP")));
        values.put("amount_fen", hostile && chance(35) ? hostileAmount()
                : valid(String.valueOf(pick(100L, 500L, 1000L, 2000L, 3000L, 5000L, 10000L))));
        String billing = pick("PER_USE", "PER_USE", "PER_USE", "MONTHLY_CALENDAR", "MONTHLY_ROLLING");
        values.put("billing_type", hostile && chance(15) ? hostileEnum("PER_USE", "MONTHLY_CALENDAR", "MONTHLY_ROLLING")
                : valid(billing));
        values.put("charge_kind", hostile && chance(15) ? hostileEnum("INITIAL", "RENEWAL")
                : valid(billing.equals("PER_USE") && !chance(3) ? "INITIAL" : pick("INITIAL", "RENEWAL")));
        values.put("pay_mode", hostile && chance(15) ? hostileEnum("SMS_DIRECT", "SMS_OTP", "WAP")
                : valid(pick("SMS_OTP", "SMS_OTP", "SMS_DIRECT", "WAP")));
        values.put("device_id", hostile && chance(20) ? hostileId("device_id", false) : chance(30) ? absent()
                : valid("dev-" + (chance(70) ? "own-" + sequence : random.nextInt(40))));
        values.put("ip", hostile && chance(20) ? hostileIp() : chance(30) ? absent()
                : valid("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(30)));
        values.put("otp_latency_ms", hostile && chance(20) ? hostileLatency() : chance(30) ? absent()
                : valid(String.valueOf(pick(500L, 1500L, 2500L, 6000L, 12000L, 40000L))));
        values.put("label", hostile && chance(10) ? hostileLabel() : chance(50) ? absent() : valid(pick("legit", "x")));
        if (hostile && chance(5)) {
            values.put("unknown_" + random.nextInt(3), valid(pick("13912345678", "\u0000", "x".repeat(10_000))));
        }

        Map<String, String> columns = new LinkedHashMap<>();
        Set<String> refused = new HashSet<>();
        Set<String> either = new HashSet<>();
        values.forEach((field, value) -> {
            if (value.text() != null) {
                columns.put(field, value.text());
            }
            if (value.tag() == Tag.REFUSED) {
                refused.add(field);
            } else if (value.tag() == Tag.EITHER) {
                either.add(field);
            }
        });
        if ("PER_USE".equals(stripped(columns.get("billing_type"))) && "RENEWAL".equals(stripped(columns.get("charge_kind")))) {
            refused.add("charge_kind");
        }
        boolean reused = columns.getOrDefault("request_id", "").startsWith("R-REUSED-");
        return new Fuzzed(columns, refused, either, reused);
    }

    private Value requestId() {
        if (chance(2)) {
            return valid("R-REUSED-" + random.nextInt(5)); // a retry, or a conflicting reuse
        }
        return valid(pick("R-", "请求-", "13912345678-", "R\uD83D\uDE00") + sequence);
    }

    /** @return a time as a gateway writes it, from a month behind {@code now} to a few minutes ahead */
    private String ts(Instant now) {
        long behind = ChargeRequest.MAX_TS_BEHIND.toSeconds() - 60;
        long ahead = ChargeRequest.MAX_TS_AHEAD.toSeconds() - 60;
        return written(now.plusSeconds(-behind + (long) (random.nextDouble() * (behind + ahead))));
    }

    private static String written(Instant instant) {
        return instant.atOffset(ChinaTime.ZONE).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** An id or free-text value, hostile: mostly refused; some are odd but acceptable. */
    private Value hostileId(String field, boolean required) {
        int cap = 128;
        return switch (random.nextInt(16)) {
            case 0 -> required ? refused(null) : absent();
            case 1 -> required ? refused("") : valid("");
            case 2 -> required ? refused(" \t ") : valid(" \t "); // blank: absent
            case 3 -> valid(unique("a", cap));
            case 4 -> refused(unique("a", cap + 1));
            case 5 -> refused(unique("a", 10_000 + random.nextInt(100_000)));
            case 6 -> refused("id" + pick(FORBIDDEN) + unique("x", 8));
            case 7 -> valid(unique("u" + pick(PRINTABLE_UNICODE), 12));
            case 8 -> valid(unique(pick("13912345678", "8613912345678", "913912345678", "+86 139 1234 5678"), 24));
            case 9 -> valid(unique(String.valueOf(random.nextLong()), 24));
            case 10 -> valid(unique("  padded  ", 20)); // stripped, as every column
            case 11 -> valid(unique("<script>'\"%s%n${x}", 30));
            case 12 -> refused(unique("😀".repeat(64) + "x", cap + 2)); // 129 chars: pairs count as two
            case 13 -> valid(unique("\uD83D\uDE00".repeat(60), cap));
            case 14 -> refused("a\uDC00\uD800b" + sequence);
            default -> text(unique(randomText(20), 30), required);
        };
    }

    private Value hostileMsisdn() {
        return switch (random.nextInt(14)) {
            case 0 -> refused(null);
            case 1 -> refused("");
            case 2 -> refused("1380013800");
            case 3 -> refused("138001380001");
            case 4 -> refused("23800138000");
            case 5 -> valid("+86 138 0013 8000");
            case 6 -> valid("0086-139-0013-9000");
            case 7 -> valid("86" + pick(numbers.toArray(String[]::new)));
            case 8 -> refused("１３８００１３８０００");
            case 9 -> refused("138\u00000138000");
            case 10 -> refused("1".repeat(33 + random.nextInt(10_000)));
            case 11 -> refused("+86");
            case 12 -> valid("1" + String.format("%010d", Math.floorMod(random.nextLong(), 10_000_000_000L)));
            default -> refused(randomText(11));
        };
    }

    private Value hostileAmount() {
        return switch (random.nextInt(24)) {
            case 0 -> refused("0");
            case 1 -> refused("-1");
            case 2 -> refused(String.valueOf(Long.MIN_VALUE));
            case 3 -> refused(String.valueOf(Long.MAX_VALUE));
            case 4 -> refused(String.valueOf(Long.MAX_VALUE - 1));
            case 5 -> refused(String.valueOf(Integer.MAX_VALUE));
            case 6 -> refused(String.valueOf(Integer.MAX_VALUE + 1L));
            case 7 -> refused(String.valueOf(ceiling + 1));
            case 8 -> valid(String.valueOf(ceiling));
            case 9 -> valid(String.valueOf(ceiling - 1));
            case 10 -> valid("1");
            case 11 -> refused("9223372036854775808");
            case 12 -> refused("5.00");
            case 13 -> refused("1e3");
            case 14 -> refused(null);
            case 15 -> refused("");
            case 16 -> refused("١٠٠"); // Arabic-Indic digits
            case 17 -> refused("５００"); // fullwidth digits
            case 18 -> valid(" 500 ");
            case 19 -> valid("000500");
            case 20 -> refused("13912345678");
            case 21 -> refused("500\u0000");
            case 22 -> either("+500");
            default -> number(randomText(6), 1, ceiling);
        };
    }

    private Value hostileEnum(String... accepted) {
        return switch (random.nextInt(8)) {
            case 0 -> refused(accepted[0].toLowerCase(java.util.Locale.ROOT));
            case 1 -> refused(accepted[0] + "\u202E");
            case 2 -> refused("13912345678");
            case 3 -> refused("x".repeat(100_000));
            case 4 -> valid(" " + accepted[random.nextInt(accepted.length)] + " ");
            case 5 -> refused(randomText(8));
            case 6 -> accepted.length == 3 && accepted[0].equals("CMCC") ? absent() : refused(null);
            default -> refused("8613912345678");
        };
    }

    private Value hostileIp() {
        return switch (random.nextInt(12)) {
            case 0 -> valid("::1");
            case 1 -> valid("0000:0000:0000:0000:0000:ffff:255.255.255.255");
            case 2 -> refused("0000:0000:0000:0000:0000:ffff:255.255.255.2555");
            case 3 -> refused("10.0.0.1" + pick(FORBIDDEN) + "x");
            case 4 -> refused("not an ip");
            case 5 -> refused("13912345678");
            case 6 -> absent();
            case 7 -> refused("1".repeat(1_000));
            case 8 -> refused(pick("999.999.999.999", "01.2.3.4", "[::1]", "::1%eth0", "1:2:3:4:5:6:7:8:9"));
            case 9 -> valid(pick("2001:db8::1", "fe80::1:2", "203.0.113.7"));
            default -> either(randomText(10));
        };
    }

    private Value hostileLatency() {
        return switch (random.nextInt(10)) {
            case 0 -> valid("0");
            case 1 -> refused("-1");
            case 2 -> refused(String.valueOf(Long.MAX_VALUE));
            case 3 -> refused(String.valueOf(Long.MIN_VALUE));
            case 4 -> valid("86400000");
            case 5 -> refused("86400001");
            case 6 -> refused("1.5");
            case 7 -> refused("13912345678");
            case 8 -> refused("٣٠٠٠");
            default -> number(randomText(5), 0, 86_400_000);
        };
    }

    private Value hostileLabel() {
        return switch (random.nextInt(6)) {
            case 0 -> valid("l".repeat(64));
            case 1 -> refused("l".repeat(65));
            case 2 -> refused("le\u202Egit");
            case 3 -> valid("13912345678");
            case 4 -> absent();
            default -> either(randomText(12));
        };
    }

    private Value hostileTs(Instant now) {
        return switch (random.nextInt(18)) {
            case 0 -> refused("+999999999-12-31T23:59:59Z");
            case 1 -> refused("-999999999-01-01T00:00:00Z");
            case 2 -> refused("+1000000000-01-01T00:00:00Z");
            case 3 -> refused("9999-12-31T23:59:59+08:00");
            case 4 -> refused("0000-01-01T00:00:00+00:00");
            case 5 -> refused("1999-12-31T23:59:59Z");
            case 6 -> refused("+294247-01-10T04:00:54.775Z");
            case 7 -> refused("2026-02-30T12:00:00+08:00");
            case 8 -> refused("2026-03-07 16:08:02");
            case 9 -> refused("1741334882");
            case 10 -> refused("13912345678");
            case 11 -> refused(ts(now) + "\u0000");
            case 12 -> refused(written(now.plus(ChargeRequest.MAX_TS_AHEAD).plusSeconds(1)));
            case 13 -> refused(written(now.minus(ChargeRequest.MAX_TS_BEHIND).minusSeconds(1)));
            case 14 -> valid(written(now.plus(ChargeRequest.MAX_TS_AHEAD)));
            case 15 -> valid(written(now.minus(ChargeRequest.MAX_TS_BEHIND)));
            case 16 -> valid(now.atOffset(java.time.ZoneOffset.ofHours(-18)).toString()); // same instant, odd offset
            default -> refused(randomText(25));
        };
    }

    /** Random text from printable ASCII, other scripts and refused characters alike. */
    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                text.append((char) (0x21 + random.nextInt(0x5E)));
            } else if (kind < 7) {
                text.append((char) ('0' + random.nextInt(10)));
            } else if (kind < 9) {
                text.append(pick(PRINTABLE_UNICODE));
            } else {
                text.append((char) random.nextInt(0x10000));
            }
        }
        return text.toString();
    }

    /** A value made unique by the sequence number, then cut or padded to exactly {@code length} chars. */
    private String unique(String stem, int length) {
        String text = stem + "-" + sequence + "-";
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            out.append(text);
        }
        out.setLength(length);
        if (Character.isHighSurrogate(out.charAt(length - 1))) {
            out.setCharAt(length - 1, 'z'); // never cut a pair: that would be a lone surrogate
        }
        return out.toString();
    }

    /** Tags random text as the contract reads it: stripped, then blank, then any refused character. */
    private static Value text(String text, boolean required) {
        String value = text.strip();
        if (value.isEmpty()) {
            return required ? refused(text) : valid(text);
        }
        return CONTROL.matcher(value).find() ? refused(text) : valid(text);
    }

    /** Tags random text as a whole number from {@code min} to {@code max}, in ASCII digits only. */
    private static Value number(String text, long min, long max) {
        String value = text.strip();
        if (!value.matches("[0-9]{1,18}")) {
            return refused(text);
        }
        long number = Long.parseLong(value);
        return number >= min && number <= max ? valid(text) : refused(text);
    }

    private static String stripped(String text) {
        return text == null ? null : text.strip();
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private static Value valid(String text) {
        return new Value(text, Tag.VALID);
    }

    private static Value refused(String text) {
        return text == null ? new Value(null, Tag.REFUSED) : new Value(text, Tag.REFUSED);
    }

    private static Value either(String text) {
        return new Value(text, Tag.EITHER);
    }

    private static Value absent() {
        return new Value(null, Tag.ABSENT);
    }
}
