package io.tollgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.RiskEngine;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.store.Json;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Generates JSON objects of a charge, as the command line's {@code check --json} and the JSON API
 * take them, from a seeded {@link Random}: plain values mixed with boundary and hostile ones in
 * every field (nulls, wrong JSON types, huge text and numbers, unicode, control characters, far
 * timestamps, phone numbers), and now and then a body that is not JSON at all. {@link #expect}
 * tells what the answer must be: the validator's own verdict on the same columns, since the library's
 * fuzz test holds the validator to the input contract. Not thread-safe: one per test.
 */
public final class FuzzedJson {
    /** A full mainland mobile number anywhere in a text: 1, then 3-9, then 9 digits. */
    public static final Pattern FULL_NUMBER = Pattern.compile("1[3-9][0-9]{9}");

    /**
     * What a body must get.
     *
     * @param field the field it must be refused for; {@code null} with {@code decided} false: refused
     *     as a whole (not JSON, not an object)
     * @param decided whether it must be decided (a verdict); else refused
     */
    public record Expected(String field, boolean decided) {
    }

    private static final String[] CONTROL = {"\u0000", "\u0007", "\u001B", "\u0085", "\u2028", "\u202E", "\u2066",
        "\uD800", "\uDC00"};

    /** The way in a body takes: they check a charge's {@code ts} against different clocks, in a different order. */
    public enum Door {
        /** {@code check --json}: ts not ahead of the wall clock, then decided as of ts by an engine at ts. */
        CLI,
        /** {@code POST /api/v1/check}: decided by the server's engine, whose clock ts must be near. */
        API
    }

    private final Random random;
    private final int hostility;
    private final Instant now;
    private int sequence;

    /**
     * @param seed the same seed generates the same bodies
     * @param hostility the share of bodies, in per cent, that have hostile values
     * @param now the clock the charges are decided by: their plain {@code ts} is a little before it
     */
    public FuzzedJson(long seed, int hostility, Instant now) {
        this.random = new Random(seed);
        this.hostility = hostility;
        this.now = now;
    }

    /** @return the next body, as JSON text */
    public String next() {
        sequence++;
        Map<String, Object> body = new LinkedHashMap<>();
        boolean hostile = random.nextInt(100) < hostility;
        body.put("request_id", hostile && chance(20) ? hostile("R-" + sequence) : "R-" + sequence);
        body.put("ts", hostile && chance(25) ? hostileTs() : written(now.minusSeconds(random.nextInt(86_400))));
        body.put("msisdn", hostile && chance(20) ? hostile("13900139000")
                : "13" + (3 + random.nextInt(7)) + (10_000_000 + random.nextInt(90_000_000)));
        if (chance(20)) {
            body.put("carrier", hostile && chance(30) ? hostile("CMCC") : pick("CMCC", "CUCC", "CTCC"));
        }
        body.put("merchant_id", hostile && chance(20) ? hostile("M1001") : "M1001");
        body.put("product_id", hostile && chance(20) ? hostile("P1") : "P1");
        body.put("amount_fen", hostile && chance(35) ? hostileAmount() : pick(500, 1000, "3000", 10000));
        body.put("billing_type", hostile && chance(15) ? hostile("PER_USE") : "PER_USE");
        body.put("charge_kind", hostile && chance(15) ? hostile("INITIAL") : "INITIAL");
        body.put("pay_mode", hostile && chance(15) ? hostile("SMS_OTP") : pick("SMS_OTP", "WAP", "SMS_DIRECT"));
        if (chance(60)) {
            body.put("device_id", hostile && chance(20) ? hostile("dev-" + sequence) : "dev-" + sequence);
        }
        if (chance(50)) {
            body.put("ip", hostile && chance(20) ? hostile("10.0.0.1") : "10.1.2." + random.nextInt(200));
        }
        if (chance(60)) {
            body.put("otp_latency_ms", hostile && chance(20) ? hostileAmount() : pick(6000, "12000", 2500));
        }
        if (hostile && chance(5)) {
            body.put(pick("13912345678", "913912345678", "k".repeat(5_000), "a\u202Eb", ""), pick(1, List.of(1), "x"));
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(body);
            if (hasLoneSurrogate(json)) { // UTF-8 cannot carry one raw: send it as JSON does, \\uD800
                json = Json.mapper().writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(body);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (hostile && chance(4)) {
            return switch (random.nextInt(6)) {
                case 0 -> cut(json, random.nextInt(json.length()));
                case 1 -> "[" + json + "]";
                case 2 -> json.replace("\"request_id\"", "request_id"); // a bare key
                case 3 -> "";
                case 4 -> json.replaceFirst(":", ": tru913912345678 ,"); // a bad token holding a number
                default -> "null";
            };
        }
        return json;
    }

    /** @return {@code json} cut short, never between the two chars of a surrogate pair */
    private static String cut(String json, int length) {
        return length > 0 && Character.isHighSurrogate(json.charAt(length - 1)) ? json.substring(0, length - 1)
                : json.substring(0, length);
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A hostile value for a field whose plain value is {@code plain}. */
    private Object hostile(String plain) {
        return switch (random.nextInt(22)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "   ";
            case 3 -> plain + CONTROL[random.nextInt(CONTROL.length)] + "x";
            case 4 -> plain + "x".repeat(128);
            case 5 -> "x".repeat(100_000);
            case 6 -> "13912345678";
            case 7 -> "8613912345678";
            case 8 -> "913912345678";
            case 9 -> List.of(plain);
            case 10 -> Map.of("value", plain);
            case 11 -> true;
            case 12 -> random.nextLong();
            case 13 -> 1.5;
            case 14 -> plain.toLowerCase(Locale.ROOT);
            case 15 -> "商户-" + plain + "-\uD83D\uDE00";
            case 16 -> " " + plain + " ";
            case 17 -> plain + "\u202E";
            case 18 -> new BigInteger("9".repeat(30));
            case 19 -> 13912345678L;
            case 20 -> "+86 139 1234 5678";
            default -> plain;
        };
    }

    private Object hostileAmount() {
        return switch (random.nextInt(16)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Long.MAX_VALUE;
            case 3 -> Long.MIN_VALUE;
            case 4 -> Long.MAX_VALUE - 1;
            case 5 -> Integer.MAX_VALUE;
            case 6 -> RiskEngine.DEFAULT_MAX_AMOUNT_FEN;
            case 7 -> RiskEngine.DEFAULT_MAX_AMOUNT_FEN + 1;
            case 8 -> new BigInteger("9223372036854775808");
            case 9 -> 5.5;
            case 10 -> 1e300;
            case 11 -> "５００";
            case 12 -> "13912345678";
            case 13 -> 86_400_001;
            case 14 -> "500\u0000";
            default -> 1;
        };
    }

    private Object hostileTs() {
        return pick("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+294247-01-10T04:00:54.775Z",
                "-292275055-05-16T16:47:04.192Z", "9999-12-31T23:59:59+08:00", "0000-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z", "1999-12-31T23:59:59Z", "2026-02-30T12:00:00+08:00", "13912345678",
                written(now) + "\u202E", 1741334882L, null, "+10000-01-01T00:00:00Z", "2100-01-01T00:00:00+08:00",
                written(now.plusSeconds(600)), written(now.minus(ChargeRequest.MAX_TS_BEHIND).minusSeconds(600)),
                written(now.minus(ChargeRequest.MAX_TS_BEHIND).plusSeconds(600)));
    }

    private static String written(Instant instant) {
        return instant.atOffset(ZoneOffset.ofHours(8)).withNano(0).toString();
    }

    /**
     * What the body must get: refused as a whole when it is not a JSON object; refused for a value
     * that is neither text nor a number; else what the validator, the engine's amount ceiling and its
     * check of {@code ts} against the deciding clock say of its columns, in the door's order.
     *
     * @param json a body from {@link #next()}
     * @param door the way in it takes
     * @return the expected answer
     */
    public Expected expect(String json, Door door) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return new Expected(null, false);
        }
        if (root == null || !root.isObject()) {
            return new Expected(null, false);
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual() && !value.isNumber()) {
                return new Expected(field.getKey(), false);
            }
            columns.put(field.getKey(), value.asText());
        }
        try {
            ChargeRequest request = ChargeRequest.fromColumns(columns);
            if (door == Door.CLI) {
                request.requireTsNotAhead(Instant.now());
            }
            if (request.amountFen() > RiskEngine.DEFAULT_MAX_AMOUNT_FEN) {
                return new Expected("amount_fen", false);
            }
            if (door == Door.API && request.ts() != null) {
                request.requireTsNear(now);
            }
            return new Expected(null, true);
        } catch (InvalidFieldException e) {
            return new Expected(e.field(), false);
        }
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }
}
