package io.tollgate.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every free-text field of a charge has a length cap and refuses control characters, naming the field. */
class FreeTextFieldsTest {
    /** A full number in any message fails a test: 1, then 3-9, then 9 digits, anywhere. */
    private static final java.util.regex.Pattern FULL_NUMBER = java.util.regex.Pattern.compile("1[3-9][0-9]{9}");

    private static ChargeRequest.Builder plain() {
        return ChargeRequest.builder().requestId("R1").msisdn("13800138000").merchantId("M1001")
                .productId("P1001-01").amountFen(500).billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                .payMode(PayMode.SMS_OTP).deviceId("dev-1").ip("10.0.0.1").label("legit");
    }

    /** Sets one free-text field by its CSV name. */
    private static ChargeRequest.Builder with(String field, String value) {
        BiFunction<ChargeRequest.Builder, String, ChargeRequest.Builder> setter = switch (field) {
            case "request_id" -> ChargeRequest.Builder::requestId;
            case "merchant_id" -> ChargeRequest.Builder::merchantId;
            case "product_id" -> ChargeRequest.Builder::productId;
            case "device_id" -> ChargeRequest.Builder::deviceId;
            case "ip" -> ChargeRequest.Builder::ip;
            case "label" -> ChargeRequest.Builder::label;
            default -> throw new IllegalArgumentException(field);
        };
        return setter.apply(plain(), value);
    }

    static Stream<Arguments> caps() {
        return Stream.of(Arguments.of("request_id", ChargeRequest.MAX_ID_LENGTH),
                Arguments.of("merchant_id", ChargeRequest.MAX_ID_LENGTH),
                Arguments.of("product_id", ChargeRequest.MAX_ID_LENGTH),
                Arguments.of("device_id", ChargeRequest.MAX_ID_LENGTH),
                Arguments.of("ip", ChargeRequest.MAX_IP_LENGTH),
                Arguments.of("label", ChargeRequest.MAX_LABEL_LENGTH));
    }

    @ParameterizedTest
    @MethodSource("caps")
    void build_valueAtItsCap_isAccepted(String field, int cap) {
        String value = field.equals("ip") ? "0000:0000:0000:0000:0000:ffff:255.255.255.255" : "a".repeat(cap);
        assertThat(value).hasSize(cap);
        assertThatCode(() -> with(field, value).build()).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an ip", "13912345678", "999.999.999.999", "10.0.0", "::1%eth0", "１０.0.0.1"})
    void build_ipThatIsNoAddress_isRefusedWithoutEchoingIt(String ip) {
        assertThatThrownBy(() -> with("ip", ip).build())
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("ip: is not an IPv4 or IPv6 address");
    }

    @ParameterizedTest
    @MethodSource("caps")
    void build_valueOneOverItsCap_isRefusedNamingTheField(String field, int cap) {
        assertThatThrownBy(() -> with(field, "a".repeat(cap + 1)).build())
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage(field + ": is longer than " + cap + " characters (got " + (cap + 1) + ")")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(field));
    }

    @Test
    void constructor_provinceTooLongOrWithControlCharacter_isRefusedNamingIt() {
        ChargeRequest plain = plain().build();
        for (String province : new String[] {"p".repeat(ChargeRequest.MAX_PROVINCE_LENGTH + 1), "Bei\u202Ejing"}) {
            assertThatThrownBy(() -> new ChargeRequest(plain.requestId(), plain.ts(), plain.msisdn(), null, null,
                    province, plain.merchantId(), plain.productId(), plain.amountFen(), plain.billingType(),
                    plain.chargeKind(), plain.payMode(), null, null, null, null))
                    .isInstanceOf(InvalidFieldException.class)
                    .hasMessageStartingWith("province: ");
        }
    }

    @Test
    void caps_areTheDocumentedOnes() {
        assertThat(ChargeRequest.MAX_ID_LENGTH).isEqualTo(128);
        assertThat(ChargeRequest.MAX_IP_LENGTH).isEqualTo(45);
        assertThat(ChargeRequest.MAX_LABEL_LENGTH).isEqualTo(64);
    }

    static Stream<Arguments> forbidden() {
        String[] fields = {"request_id", "merchant_id", "product_id", "device_id", "ip", "label"};
        String[] values = {"a\u0000b", "\u0001ab", "ab\u001F", "a\tb", "a\nb", "a\rb", "a\u007Fb", "a\u0080b",
                "a\u009Fb", "a\u202Ab", "a\u202Bb", "a\u202Cb", "a\u202Db", "a\u202Eb", "a\u2066b", "a\u2067b",
                "a\u2068b", "a\u2069b", "a\u2028b", "a\u2029b", "a\uD800b", "a\uDBFF", "\uDC00ab", "a\uDC00\uD800b"};
        return Stream.of(fields).flatMap(field -> Stream.of(values).map(value -> Arguments.of(field, value)));
    }

    @ParameterizedTest
    @MethodSource("forbidden")
    void build_controlOrBidiCharacterOrLoneSurrogate_isRefusedNamingTheField(String field, String value) {
        assertThatThrownBy(() -> with(field, value).build())
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith(field + ": contains ")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(field))
                .satisfies(e -> assertThat(e.getMessage()).matches("[\\x20-\\x7E]*")); // the character is not echoed
    }

    @ParameterizedTest
    @ValueSource(strings = {"商户-1001", "ünïcødé", "\uD83D\uDE00-emoji", "a\u00A0b", "a\u200Bb", "R-2026.03/07_#1"})
    void build_printableUnicodeIds_areAccepted(String value) {
        assertThatCode(() -> with("merchant_id", value).build()).doesNotThrowAnyException();
        assertThatCode(() -> with("request_id", value).build()).doesNotThrowAnyException();
    }

    @Test
    void build_controlCharacter_messageSaysWhichAndWhere() {
        assertThatThrownBy(() -> with("device_id", "dev\u202E1").build())
                .hasMessage("device_id: contains a bidirectional control character U+202E at index 3");
        assertThatThrownBy(() -> with("request_id", "R\u0000").build())
                .hasMessage("request_id: contains a control character U+0000 at index 1");
        assertThatThrownBy(() -> with("product_id", "P\uD800").build())
                .hasMessage("product_id: contains a lone surrogate U+D800 at index 1");
    }

    @Test
    void parse_msisdnWrittenLongerThanItsCap_isRefusedWithoutEchoingIt() {
        String written = "1".repeat(Msisdn.MAX_WRITTEN_LENGTH + 1);

        assertThatThrownBy(() -> Msisdn.parse("msisdn", written))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("msisdn: is longer than " + Msisdn.MAX_WRITTEN_LENGTH + " characters (got "
                        + written.length() + ")");
    }

    @Test
    void parse_msisdnAtItsCap_isStillRead() {
        String written = "+86 138 0013 8000" + " ".repeat(Msisdn.MAX_WRITTEN_LENGTH - 17);

        assertThat(Msisdn.parse("msisdn", written).digits()).isEqualTo("13800138000");
    }

    private static Map<String, String> row() {
        Map<String, String> row = new HashMap<>();
        row.put("request_id", "R1");
        row.put("msisdn", "13800138000");
        row.put("merchant_id", "M1001");
        row.put("product_id", "P1001-01");
        row.put("amount_fen", "500");
        row.put("billing_type", "PER_USE");
        row.put("charge_kind", "INITIAL");
        row.put("pay_mode", "SMS_OTP");
        return row;
    }

    @ParameterizedTest
    @ValueSource(strings = {"13912345678", "x13912345678y", "8613912345678", "913912345678", "13912345678901234",
            "+86 139 1234 5678", "139-1234-5678"})
    void fromColumns_numberInAnotherFieldsValue_isMaskedInEveryMessage(String value) {
        for (String field : new String[] {"pay_mode", "billing_type", "charge_kind", "carrier", "amount_fen",
                "otp_latency_ms", "ts"}) {
            Map<String, String> row = row();
            row.put(field, value);

            assertThatThrownBy(() -> ChargeRequest.fromColumns(row))
                    .isInstanceOf(InvalidFieldException.class)
                    .hasMessageStartingWith(field + ": ")
                    .satisfies(e -> assertThat(FULL_NUMBER.matcher(e.getMessage()).find()).as(e.getMessage()).isFalse())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("1234 5678", "1234-5678"));
        }
    }

    @Test
    void build_otpLatencyAtItsCap_isAccepted_oneOver_isRefused() {
        assertThatCode(() -> plain().otpLatencyMs(ChargeRequest.MAX_OTP_LATENCY_MS).build()).doesNotThrowAnyException();
        assertThatCode(() -> plain().otpLatencyMs(0L).build()).doesNotThrowAnyException();

        assertThatThrownBy(() -> plain().otpLatencyMs(ChargeRequest.MAX_OTP_LATENCY_MS + 1).build())
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("otp_latency_ms: must be at most 86400000 ms");
        assertThatThrownBy(() -> plain().otpLatencyMs(Long.MAX_VALUE).build())
                .hasMessageStartingWith("otp_latency_ms: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ip", "label"})
    void build_blankOptionalText_isRefusedNamingTheField(String field) {
        assertThatThrownBy(() -> with(field, " ").build())
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage(field + ": is blank; leave it out when there is none");
    }

    @Test
    void fromColumns_hugeValue_isShortenedInTheMessage() {
        Map<String, String> row = row();
        row.put("billing_type", "X".repeat(100_000));

        assertThatThrownBy(() -> ChargeRequest.fromColumns(row))
                .hasMessageStartingWith("billing_type: unknown value 'XXXX")
                .hasMessageContaining("(100000 characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void fromColumns_controlCharacterInAnEchoedValue_isEscapedInTheMessage() {
        Map<String, String> row = row();
        row.put("pay_mode", "SMS\u202E\nOTP");

        assertThatThrownBy(() -> ChargeRequest.fromColumns(row))
                .hasMessageStartingWith("pay_mode: unknown value 'SMS\\u202E\\u000AOTP'");
    }
}
