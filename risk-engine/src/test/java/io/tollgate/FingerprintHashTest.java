package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FingerprintHashTest {
    private static ChargeRequest.Builder charge(String requestId) {
        return ChargeRequest.builder().requestId(requestId).msisdn("+86 138 0013 8000")
                .merchantId("M1001").productId("P1001-01").amountFen(500)
                .billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                .payMode(PayMode.SMS_OTP).otpLatencyMs(6200L);
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void of_asciiFields_isTheSha256HexOfTheFingerprint() throws Exception {
        ChargeRequest request = charge("R-1").deviceId("dev-1").ip("10.0.0.1").build();

        assertThat(FingerprintHash.of(request)).isEqualTo(sha256Hex(request.fingerprint()));
    }

    @Test
    void of_nonAsciiAndLongFields_isTheSha256HexOfTheFingerprintsUtf8() throws Exception {
        ChargeRequest chinese = charge("R-2").deviceId("设备-一号").build();
        // a pair beyond the BMP, four bytes in UTF-8 (an unpaired surrogate, '?' in UTF-8, is refused by the request)
        ChargeRequest lonely = charge("R-3").deviceId("\uD83D\uDE00x").build();
        ChargeRequest longOne = charge("R-" + "9".repeat(120)).deviceId("d".repeat(64)).ip("2001:db8:85a3::8a2e:370:7334").build();

        assertThat(FingerprintHash.of(chinese)).isEqualTo(sha256Hex(chinese.fingerprint()));
        assertThat(FingerprintHash.of(lonely)).isEqualTo(sha256Hex(lonely.fingerprint()));
        assertThat(FingerprintHash.of(longOne)).isEqualTo(sha256Hex(longOne.fingerprint()));
    }

    @Test
    void of_calledAgainOnTheSameThread_startsFromAFreshDigest() throws Exception {
        ChargeRequest first = charge("R-4").build();
        ChargeRequest second = charge("R-5").build();

        FingerprintHash.of(first);
        FingerprintHash.of(charge("R-6").deviceId("设备").build());

        assertThat(FingerprintHash.of(second)).isEqualTo(sha256Hex(second.fingerprint()));
        assertThat(FingerprintHash.of(first)).isEqualTo(sha256Hex(first.fingerprint()));
    }

    @Test
    void pack_aFingerprint_unpacksToTheSameText() {
        long[] packed = new long[1 + 2 * FingerprintHash.LONGS];
        String first = FingerprintHash.of(charge("R-1").build());
        String second = "0123456789abcdef".repeat(3) + "fedcba9876543210";

        assertThat(FingerprintHash.pack(first, packed, 1)).isTrue();
        assertThat(FingerprintHash.pack(second, packed, 1 + FingerprintHash.LONGS)).isTrue();

        assertThat(FingerprintHash.unpack(packed, 1)).isEqualTo(first);
        assertThat(FingerprintHash.unpack(packed, 1 + FingerprintHash.LONGS)).isEqualTo(second);
        assertThat(packed[0]).isZero();
    }

    @Test
    void pack_textThatWouldNotComeBackTheSame_refused() {
        long[] packed = new long[FingerprintHash.LONGS];
        String valid = "1".repeat(64);

        assertThat(FingerprintHash.pack("F1", packed, 0)).isFalse();
        assertThat(FingerprintHash.pack(valid + "0", packed, 0)).isFalse();
        assertThat(FingerprintHash.pack("A" + valid.substring(1), packed, 0)).isFalse(); // upper case
        assertThat(FingerprintHash.pack("g" + valid.substring(1), packed, 0)).isFalse();
        assertThat(FingerprintHash.pack(valid.substring(1) + "g", packed, 0)).isFalse(); // the last long only
        assertThat(FingerprintHash.pack("\u0661" + valid.substring(1), packed, 0)).isFalse(); // Arabic-Indic one
        assertThat(packed).containsOnly(0L);
    }
}
