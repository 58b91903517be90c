package io.tollgate.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChargeRequestTest {

    private static Map<String, String> row() {
        Map<String, String> row = new HashMap<>();
        row.put("request_id", "R1");
        row.put("ts", "2026-03-07T16:08:02+08:00");
        row.put("msisdn", "13800138000");
        row.put("merchant_id", "M1001");
        row.put("product_id", "P1001-01");
        row.put("amount_fen", "500");
        row.put("billing_type", "PER_USE");
        row.put("charge_kind", "INITIAL");
        row.put("pay_mode", "SMS_OTP");
        row.put("otp_latency_ms", "6200");
        return row;
    }

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "+8613800138000", "+86 138 0013 8000", "8613800138000", "0086-138-0013-8000",
            " 138-0013-8000 "})
    void parse_acceptedWritings_normaliseTo11Digits(String written) {
        assertThat(Msisdn.parse("msisdn", written).digits()).isEqualTo("13800138000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1380013800", "138001380001", "23800138000", "+1 650 253 0000", "1380013800x", "+86"})
    void parse_notAChinaMobileNumber_namesFieldAndMasksValue(String written) {
        assertThatThrownBy(() -> Msisdn.parse("msisdn", written))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("msisdn: ")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("msisdn"));
    }

    @Test
    void parse_badNumber_neverShowsItInFull() {
        assertThatThrownBy(() -> Msisdn.parse("msisdn", "138001380009"))
                .hasMessageContaining("138****0009")
                .hasMessageNotContaining("138001380009");
    }

    @Test
    void maskAll_masksNumbersInTextButNotLongerDigitRuns() {
        assertThat(Msisdn.maskAll("ts 20260307160802123, number 13800138000."))
                .isEqualTo("ts 20260307160802123, number 138****8000.");
    }

    @Test
    void maskAll_masksNumbersWrittenInGroups() {
        assertThat(Msisdn.maskAll("called from +86 138 0013 8000, then 139-0013-9000 and 137 00137000 1234"))
                .isEqualTo("called from +86 138****8000, then 139****9000 and 137****7000 1234");
        assertThat(Msisdn.maskAll("+8613800138000, 008613900139000")).isEqualTo("+86138****8000, 0086139****9000");
        assertThat(Msisdn.maskAll("on 2026-11-26 10:00 R-20260307-0001")).isEqualTo("on 2026-11-26 10:00 R-20260307-0001");
    }

    @Test
    void maskEchoed_masksNumbersGluedToOtherDigitsAndEveryLongDigitRun() {
        assertThat(Msisdn.maskEchoed("R-913912345678 and 8613912345678 and x13800138000y"))
                .isEqualTo("R-913*****5678 and 86139****5678 and x138****8000y");
        assertThat(Msisdn.maskEchoed("ts 20260307160802123, id 1234567890, +86 138 0013 8000"))
                .isEqualTo("ts 202**********2123, id 1234567890, +86 138****8000");
        assertThat(Msisdn.maskEchoed("no digits here")).isEqualTo("no digits here");
    }

    @Test
    void maskAll_numbersAsPeopleWriteThem_allMaskedAndTheRestKept() {
        assertThat(Msisdn.maskAll("a 13912345678; b +86 139 1234 5678; c 139-1234-5678; d 8613912345678; "
                + "e 139.1234.5678; f (+86) 139 1234 5678; g 139  1234  5678; h 139 - 1234 - 5678; "
                + "i (139) 1234-5678; j 1 3 9 1 2 3 4 5 6 7 8; k \uFF11\uFF13\uFF19\uFF11\uFF12\uFF13\uFF14\uFF15"
                + "\uFF16\uFF17\uFF18; l 139\u00A01234\u00A05678; m 139/1234/5678; n 0086-139-1234-5678."))
                .isEqualTo("a 139****5678; b +86 139****5678; c 139****5678; d 86139****5678; "
                        + "e 139****5678; f (+86) 139****5678; g 139****5678; h 139****5678; "
                        + "i (139****5678; j 139****5678; k \uFF11\uFF13\uFF19****\uFF15\uFF16\uFF17\uFF18; "
                        + "l 139****5678; m 139****5678; n 0086-139****5678.");
    }

    @Test
    void maskAll_addressesDatesAndIds_leftAlone() {
        String text = "IP 110.120.130.140 and 10.1.100.200, on 2026-11-26 10:00:00, 1999.12.31, "
                + "R-20260307-0001, case 1234, 50 CNY, device 861391234567890";
        assertThat(Msisdn.maskAll(text)).isEqualTo(text);
    }

    @Test
    void toString_isMasked() {
        assertThat(new Msisdn("13800138000").toString()).isEqualTo("138****8000");
    }

    @Test
    void fromColumns_validRow_findsCarrierAndProvinceFromSegment() {
        ChargeRequest request = ChargeRequest.fromColumns(row());

        assertThat(request.segmentCarrier()).isEqualTo(Carrier.CMCC);
        assertThat(request.province()).isEqualTo("Beijing");
        assertThat(request.otpLatencyMs()).isEqualTo(6200L);
        assertThat(request.ts()).hasToString("2026-03-07T08:08:02Z");
    }

    @Test
    void fromColumns_telecomSegmentInJiangsu_knowsBoth() {
        Map<String, String> row = row();
        row.put("msisdn", "18912345678");

        ChargeRequest request = ChargeRequest.fromColumns(row);

        assertThat(request.segmentCarrier()).isEqualTo(Carrier.CTCC);
        assertThat(request.province()).isEqualTo("Jiangsu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-100"})
    void fromColumns_amountNotPositive_namesAmount(String amount) {
        Map<String, String> row = row();
        row.put("amount_fen", amount);

        assertThatThrownBy(() -> ChargeRequest.fromColumns(row))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("amount_fen: must be a positive number of fen");
    }

    @Test
    void fromColumns_amountNotANumber_namesAmount() {
        Map<String, String> row = row();
        row.put("amount_fen", "5.00");

        assertThatThrownBy(() -> ChargeRequest.fromColumns(row))
                .hasMessage("amount_fen: '5.00' is not a whole number");
    }

    @Test
    void fromColumns_unknownEnum_listsAcceptedValues() {
        Map<String, String> row = row();
        row.put("pay_mode", "sms_otp");

        assertThatThrownBy(() -> ChargeRequest.fromColumns(row))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("pay_mode: unknown value 'sms_otp' (expected SMS_DIRECT|SMS_OTP|WAP)");
    }

    @Test
    void fromColumns_missingColumn_namesIt() {
        Map<String, String> row = row();
        row.remove("merchant_id");

        assertThatThrownBy(() -> ChargeRequest.fromColumns(row)).hasMessage("merchant_id: is required");
    }

    @Test
    void fromColumns_renewalOfPerUse_isRefused() {
        Map<String, String> row = row();
        row.put("charge_kind", "RENEWAL");

        assertThatThrownBy(() -> ChargeRequest.fromColumns(row)).hasMessageStartingWith("charge_kind: ");
    }

    @Test
    void fromColumns_badTimestamp_namesTs() {
        Map<String, String> row = row();
        row.put("ts", "2026-03-07 16:08");

        assertThatThrownBy(() -> ChargeRequest.fromColumns(row)).hasMessageStartingWith("ts: '2026-03-07 16:08'");
    }

    @Test
    void fromColumns_unknownCarrier_isRefused() {
        Map<String, String> row = row();
        row.put("carrier", "VODAFONE");

        assertThatThrownBy(() -> ChargeRequest.fromColumns(row)).hasMessageStartingWith("carrier: unknown value");
    }

    @Test
    void fingerprint_textsLengthPrefixed_absentOnesMarked() {
        Map<String, String> full = row();
        full.put("carrier", "CMCC");
        full.put("device_id", "D1");
        full.put("ip", "10.0.0.1");
        Map<String, String> sparse = row();
        sparse.remove("ts");
        sparse.remove("otp_latency_ms");

        assertThat(ChargeRequest.fromColumns(full).fingerprint()).isEqualTo(
                "2:R12026-03-07T08:08:02Z|13800138000|CMCC|5:M10018:P1001-01500|PER_USE|INITIAL|SMS_OTP|2:D18:10.0.0.16200");
        assertThat(ChargeRequest.fromColumns(sparse).fingerprint()).isEqualTo(
                "2:R1~13800138000|~|5:M10018:P1001-01500|PER_USE|INITIAL|SMS_OTP|~~~");
    }

    @Test
    void fingerprint_absentAgainstTheWordNull_orABarMovedBetweenFields_differ() {
        Map<String, String> absent = row();
        Map<String, String> word = row();
        word.put("device_id", "null");
        Map<String, String> left = row();
        left.put("merchant_id", "M1|P");
        left.put("product_id", "1");
        Map<String, String> right = row();
        right.put("merchant_id", "M1");
        right.put("product_id", "P|1");

        assertThat(ChargeRequest.fromColumns(absent).fingerprint()).isNotEqualTo(ChargeRequest.fromColumns(word).fingerprint());
        assertThat(ChargeRequest.fromColumns(left).fingerprint()).isNotEqualTo(ChargeRequest.fromColumns(right).fingerprint());
    }
}
