package io.tollgate.charge;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One charge a gateway is about to send to the carrier: the fields of {@code charges.csv}.
 * Validated on construction; every error is an {@link InvalidFieldException} naming the field and
 * the value (phone numbers masked). Immutable and thread-safe.
 *
 * <pre>{@code
 * ChargeRequest request = ChargeRequest.builder()
 *         .requestId("R-20260307-0001").msisdn("+86 138 0013 8000")
 *         .merchantId("M1001").productId("P1001-01").amountFen(500)
 *         .billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP)
 *         .otpLatencyMs(6200L).build();
 * }</pre>
 *
 * @param requestId the gateway's id of this charge; a retry carries the same id. This and every other id
 *     holds at most {@link #MAX_ID_LENGTH} chars and no control character (see the constructor)
 * @param ts when the gateway received the charge, or {@code null} for "now" on the engine's clock
 * @param msisdn the number to be charged
 * @param declaredCarrier the carrier the gateway names, or {@code null} to take it from the profile or segment
 * @param segmentCarrier the carrier of the number's segment, or {@code null} when libphonenumber does not know it
 * @param province the number's home province from its segment, or {@code null} when unknown
 * @param merchantId the service provider (SP) charging
 * @param productId the product bought
 * @param amountFen the price in fen, 1 to {@link #MAX_AMOUNT_FEN}; an engine refuses more than its own
 *     ceiling ({@code RiskEngine.Builder#maxAmountFen})
 * @param billingType per use or a kind of subscription
 * @param chargeKind initial or renewal
 * @param payMode how the user consents
 * @param deviceId the device id, or {@code null}
 * @param ip the user's IP address, or {@code null}; at most {@link #MAX_IP_LENGTH} chars
 * @param otpLatencyMs milliseconds from OTP sent to OTP submitted, 0 to {@link #MAX_OTP_LATENCY_MS}, or {@code null}
 * @param label a label for reports (ignored by the engine), or {@code null}; at most {@link #MAX_LABEL_LENGTH} chars
 */
public record ChargeRequest(
        String requestId,
        Instant ts,
        Msisdn msisdn,
        Carrier declaredCarrier,
        Carrier segmentCarrier,
        String province,
        String merchantId,
        String productId,
        long amountFen,
        BillingType billingType,
        ChargeKind chargeKind,
        PayMode payMode,
        String deviceId,
        String ip,
        Long otpLatencyMs,
        String label) {

    /**
     * Longest accepted identifier, in chars: {@code request_id}, {@code merchant_id}, {@code product_id},
     * {@code device_id}. The decision log's columns hold as many.
     */
    public static final int MAX_ID_LENGTH = 128;
    /** The earliest {@code ts} accepted: no charge of this kind is older, and time arithmetic stays in range. */
    static final Instant EARLIEST_TS = Instant.parse("2000-01-01T00:00:00Z");
    /** The first {@code ts} refused for being too late; complaints and disputes are held to the same years. */
    static final Instant LATEST_TS = Instant.parse("2100-01-01T00:00:00Z");
    /** How far ahead of the deciding clock a charge's {@code ts} may be: gateways' clocks drift a little. */
    public static final Duration MAX_TS_AHEAD = Duration.ofMinutes(5);
    /** How far behind the deciding clock a charge's {@code ts} may be: late events are replayed within a month. */
    public static final Duration MAX_TS_BEHIND = Duration.ofDays(35);

    /**
     * Longest accepted {@code ip}, in chars: the longest text form of an IPv6 address (an IPv4-mapped
     * one written in full, {@code 0000:0000:0000:0000:0000:ffff:255.255.255.255}).
     */
    public static final int MAX_IP_LENGTH = 45;

    /** Longest accepted {@code label}, in chars: a word such as {@code legit} or a bad pattern's name. */
    public static final int MAX_LABEL_LENGTH = 64;

    /**
     * Longest accepted {@code province}, in chars: filled in from libphonenumber's English names
     * (e.g. {@code Inner Mongolia}) by the builder; checked for a caller of the canonical constructor.
     */
    public static final int MAX_PROVINCE_LENGTH = 64;

    /** Largest accepted {@code otp_latency_ms}: a day, far beyond the minutes an OTP is valid for. */
    public static final long MAX_OTP_LATENCY_MS = 86_400_000;

    /**
     * The largest amount any charge may have, in fen: velocity stores an amount as an {@code int}.
     * An engine's own ceiling, far lower by default, is what refuses a mistyped or hostile amount.
     */
    public static final long MAX_AMOUNT_FEN = Integer.MAX_VALUE;

    /**
     * Every text field is checked for its length, then for blank, then char by char ({@link FreeText}):
     * no control, bidirectional control or lone surrogate char. Cheap: one pass, no allocation.
     */
    public ChargeRequest {
        requireId("request_id", requestId);
        if (msisdn == null) {
            throw new InvalidFieldException("msisdn", "is required");
        }
        if (province != null) {
            requireOptionalText("province", province, MAX_PROVINCE_LENGTH);
        }
        requireId("merchant_id", merchantId);
        requireId("product_id", productId);
        if (amountFen <= 0) {
            throw new InvalidFieldException("amount_fen", "must be a positive number of fen, got " + amountFen);
        }
        if (amountFen > MAX_AMOUNT_FEN) {
            throw new InvalidFieldException("amount_fen", "must be at most " + MAX_AMOUNT_FEN + " fen, got " + amountFen);
        }
        require("billing_type", billingType);
        require("charge_kind", chargeKind);
        require("pay_mode", payMode);
        Fields.countable("ts", ts);
        if (billingType == BillingType.PER_USE && chargeKind == ChargeKind.RENEWAL) {
            throw new InvalidFieldException("charge_kind", "'RENEWAL' is only valid for a subscription, not PER_USE");
        }
        if (deviceId != null) {
            requireId("device_id", deviceId);
        }
        if (ip != null) {
            requireOptionalText("ip", ip, MAX_IP_LENGTH);
            if (!IpAddress.isLiteral(ip)) {
                throw new InvalidFieldException("ip", "is not an IPv4 or IPv6 address");
            }
        }
        if (label != null) {
            requireOptionalText("label", label, MAX_LABEL_LENGTH);
        }
        if (otpLatencyMs != null && otpLatencyMs < 0) {
            throw new InvalidFieldException("otp_latency_ms", "must not be negative, got " + otpLatencyMs);
        }
        if (otpLatencyMs != null && otpLatencyMs > MAX_OTP_LATENCY_MS) {
            throw new InvalidFieldException("otp_latency_ms", "must be at most " + MAX_OTP_LATENCY_MS
                    + " ms (a day), got " + otpLatencyMs);
        }
    }

    /** @return a builder that takes typed values or text as written in {@code charges.csv} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a charge from its {@code charges.csv} columns (a CSV row, a JSON object, command-line options).
     * Unknown keys are ignored.
     *
     * @param columns values keyed by column name: request_id, ts, msisdn, carrier, merchant_id, …
     * @return the validated request
     * @throws InvalidFieldException for the first missing or bad field
     */
    public static ChargeRequest fromColumns(Map<String, String> columns) {
        Builder builder = builder()
                .requestId(Fields.required(columns, "request_id"))
                .msisdn(Fields.required(columns, "msisdn"))
                .merchantId(Fields.required(columns, "merchant_id"))
                .productId(Fields.required(columns, "product_id"))
                .amountFen(Fields.longValue("amount_fen", Fields.required(columns, "amount_fen")))
                .billingType(Fields.enumValue(BillingType.class, "billing_type", Fields.required(columns, "billing_type")))
                .chargeKind(Fields.enumValue(ChargeKind.class, "charge_kind", Fields.required(columns, "charge_kind")))
                .payMode(Fields.enumValue(PayMode.class, "pay_mode", Fields.required(columns, "pay_mode")))
                .deviceId(Fields.optional(columns, "device_id"))
                .ip(Fields.optional(columns, "ip"))
                .label(Fields.optional(columns, "label"));
        String ts = Fields.optional(columns, "ts");
        if (ts != null) {
            builder.ts(Fields.instant("ts", ts));
        }
        String carrier = Fields.optional(columns, "carrier");
        if (carrier != null) {
            builder.carrier(Fields.enumValue(Carrier.class, "carrier", carrier));
        }
        String otp = Fields.optional(columns, "otp_latency_ms");
        if (otp != null) {
            builder.otpLatencyMs(Fields.longValue("otp_latency_ms", otp));
        }
        return builder.build();
    }

    /**
     * The fields that make two requests with one id the same request: everything the gateway sent
     * except the report label. Used to tell a retry from a conflicting reuse of an id.
     *
     * @return a canonical text of the charge's fields
     */
    public String fingerprint() {
        return appendFingerprint(new StringBuilder(requestId.length() + merchantId.length() + productId.length() + 120))
                .toString();
    }

    /**
     * Appends {@link #fingerprint()} to a buffer, for a caller that hashes it on every check without
     * building the string.
     *
     * @param text the buffer
     * @return {@code text}
     */
    public StringBuilder appendFingerprint(StringBuilder text) {
        // Each text as its length, ':' and itself, and an absent value as '~': no two requests write the same.
        field(text, requestId);
        if (ts == null) {
            text.append('~');
        } else {
            IsoInstant.append(text, ts).append('|');
        }
        text.append(msisdn.digits()).append('|');
        text.append(declaredCarrier == null ? "~" : declaredCarrier.name()).append('|');
        field(text, merchantId);
        field(text, productId);
        text.append(amountFen).append('|').append(billingType.name()).append('|').append(chargeKind.name())
                .append('|').append(payMode.name()).append('|');
        field(text, deviceId);
        field(text, ip);
        return otpLatencyMs == null ? text.append('~') : text.append(otpLatencyMs.longValue());
    }

    /**
     * Appends the fingerprint text of the engine before it was unambiguous ({@code '|'}-joined,
     * absent values written "null"), to recognise a retry of a request stored by it.
     *
     * @param text the buffer
     * @return {@code text}
     */
    public StringBuilder appendLegacyFingerprint(StringBuilder text) {
        text.append(requestId).append('|');
        IsoInstant.append(text, ts).append('|');
        text.append(msisdn.digits()).append('|').append(declaredCarrier).append('|')
                .append(merchantId).append('|').append(productId).append('|').append(amountFen).append('|')
                .append(billingType.name()).append('|').append(chargeKind.name()).append('|')
                .append(payMode.name()).append('|').append(deviceId).append('|').append(ip).append('|');
        return otpLatencyMs == null ? text.append("null") : text.append(otpLatencyMs.longValue());
    }

    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append('~');
        } else {
            text.append(value.length()).append(':').append(value);
        }
    }

    private static void require(String field, Object value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
    }

    private static void requireId(String field, String value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        requireText(field, value, MAX_ID_LENGTH);
    }

    /** An optional free-text value, present: as {@link #requireText}, a blank one refused as such. */
    private static void requireOptionalText(String field, String value, int maxLength) {
        if (value.isBlank() && value.length() <= maxLength) {
            throw new InvalidFieldException(field, "is blank; leave it out when there is none");
        }
        requireText(field, value, maxLength);
    }

    /** A free-text value: at most {@code maxLength} chars, not blank, none refused by {@link FreeText}. */
    private static void requireText(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidFieldException(field, "is longer than " + maxLength + " characters (got "
                    + value.length() + ")");
        }
        if (value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        int refused = FreeText.firstRefused(value);
        if (refused >= 0) {
            throw new InvalidFieldException(field, "contains " + FreeText.describe(value.charAt(refused))
                    + " at index " + refused);
        }
    }

    /**
     * Refuses a charge whose {@code ts} is too far from the clock that decides it: a skewed gateway
     * clock, or a bad field, must not put a number's velocity windows out of reach of its next charges.
     *
     * @param now the deciding clock's instant
     * @throws InvalidFieldException when {@code ts} is more than {@link #MAX_TS_AHEAD} ahead of
     *     {@code now} or more than {@link #MAX_TS_BEHIND} behind it
     */
    public void requireTsNear(Instant now) {
        requireTsNotAhead(now);
        if (ts != null && Duration.between(ts, now).compareTo(MAX_TS_BEHIND) > 0) {
            throw new InvalidFieldException("ts", "'" + ts + "' is more than " + MAX_TS_BEHIND.toDays()
                    + " days behind the engine's clock (" + now + ")");
        }
    }

    /**
     * Refuses a charge whose {@code ts} is in the future of {@code now} by more than {@link #MAX_TS_AHEAD}.
     *
     * @param now the deciding clock's instant
     * @throws InvalidFieldException when it is
     */
    public void requireTsNotAhead(Instant now) {
        if (ts != null && Duration.between(now, ts).compareTo(MAX_TS_AHEAD) > 0) {
            throw new InvalidFieldException("ts", "'" + ts + "' is more than " + MAX_TS_AHEAD.toMinutes()
                    + " minutes ahead of the engine's clock (" + now + ")");
        }
    }

    /** Builds a {@link ChargeRequest}; not thread-safe. */
    public static final class Builder {
        private String requestId;
        private Instant ts;
        private Msisdn msisdn;
        private Carrier carrier;
        private String merchantId;
        private String productId;
        private long amountFen;
        private BillingType billingType;
        private ChargeKind chargeKind;
        private PayMode payMode;
        private String deviceId;
        private String ip;
        private Long otpLatencyMs;
        private String label;

        private Builder() {
        }

        public Builder requestId(String value) {
            this.requestId = value;
            return this;
        }

        public Builder ts(Instant value) {
            this.ts = value;
            return this;
        }

        /** @param value the number as written; {@code +86}, {@code 0086}, spaces and dashes are accepted */
        public Builder msisdn(String value) {
            this.msisdn = Msisdn.parse("msisdn", value);
            return this;
        }

        public Builder msisdn(Msisdn value) {
            this.msisdn = value;
            return this;
        }

        public Builder carrier(Carrier value) {
            this.carrier = value;
            return this;
        }

        public Builder merchantId(String value) {
            this.merchantId = value;
            return this;
        }

        public Builder productId(String value) {
            this.productId = value;
            return this;
        }

        public Builder amountFen(long value) {
            this.amountFen = value;
            return this;
        }

        public Builder billingType(BillingType value) {
            this.billingType = value;
            return this;
        }

        public Builder chargeKind(ChargeKind value) {
            this.chargeKind = value;
            return this;
        }

        public Builder payMode(PayMode value) {
            this.payMode = value;
            return this;
        }

        public Builder deviceId(String value) {
            this.deviceId = value;
            return this;
        }

        public Builder ip(String value) {
            this.ip = value;
            return this;
        }

        public Builder otpLatencyMs(Long value) {
            this.otpLatencyMs = value;
            return this;
        }

        public Builder label(String value) {
            this.label = value;
            return this;
        }

        /**
         * @return the validated request, with carrier and province of the number's segment filled in
         * @throws InvalidFieldException for the first missing or bad field
         */
        public ChargeRequest build() {
            NumberSegments.Segment segment = msisdn == null ? new NumberSegments.Segment(null, null)
                    : NumberSegments.get().of(msisdn);
            return new ChargeRequest(requestId, ts, msisdn, carrier, segment.carrier(), segment.province(),
                    merchantId, productId, amountFen, billingType, chargeKind, payMode, deviceId, ip,
                    otpLatencyMs, label);
        }
    }
}
