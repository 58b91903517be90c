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
        ChargeRequest lonely = charge("R-3").deviceId("\uD800x").build(); // an unpaired surrogate: '?' in UTF-8
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
}
