package io.tollgate;

import io.tollgate.charge.ChargeRequest;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The SHA-256 of a request's {@link ChargeRequest#fingerprint()} (its UTF-8 bytes), in lower-case
 * hex: what the decision log stores to tell a retry from a conflicting reuse of a request id.
 * Computed on every check, so each thread keeps its own digest and buffers and only the hex string
 * is new. Thread-safe (thread-confined state).
 */
final class FingerprintHash {
    private static final ThreadLocal<FingerprintHash> OF_THREAD = ThreadLocal.withInitial(FingerprintHash::new);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int SHA_256_BYTES = 32;
    /** How many longs {@link #pack} packs a fingerprint into. */
    static final int LONGS = SHA_256_BYTES / Long.BYTES;
    private static final int HEX_PER_LONG = 2 * Long.BYTES;
    /** What {@link #digitOf} returns for a character that is no lower-case hex digit: a bit no digit has. */
    private static final int NOT_A_DIGIT = 0x10;
    /** The value of each lower-case hex digit by its character, {@link #NOT_A_DIGIT} for any other ASCII. */
    private static final byte[] DIGITS = digits();

    private final MessageDigest digest;
    private final StringBuilder text = new StringBuilder(256);
    private final byte[] hash = new byte[SHA_256_BYTES];
    private final byte[] hex = new byte[2 * SHA_256_BYTES];
    private byte[] bytes = new byte[256];

    private FingerprintHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** @return the hex SHA-256 of the request's fingerprint */
    static String of(ChargeRequest request) {
        return OF_THREAD.get().hash(request, false);
    }

    /** @return the hex SHA-256 of the request's fingerprint as the engine wrote it before it was unambiguous */
    static String legacyOf(ChargeRequest request) {
        return OF_THREAD.get().hash(request, true);
    }

    private String hash(ChargeRequest request, boolean legacy) {
        text.setLength(0);
        if (legacy) {
            request.appendLegacyFingerprint(text);
        } else {
            request.appendFingerprint(text);
        }
        int length = text.length();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, 2 * bytes.length)];
        }
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            char c = text.charAt(i);
            bytes[i] = (byte) c;
            ascii = c < 0x80; // UTF-8 writes ASCII as is; anything else takes the String's encoder
        }
        try {
            if (ascii) {
                digest.update(bytes, 0, length);
            } else {
                digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
            }
            digest.digest(hash, 0, SHA_256_BYTES); // also resets the digest for the next call
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 did not fit 32 bytes", e);
        }
        for (int i = 0; i < SHA_256_BYTES; i++) {
            hex[2 * i] = HEX[(hash[i] >>> 4) & 0xF];
            hex[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(hex, StandardCharsets.US_ASCII);
    }

    /**
     * Packs a fingerprint this class made into {@link #LONGS} longs, for a holder that keeps many
     * without a string each; {@link #unpack} gives the same string back. Digits are read through a
     * table rather than compared with '9' and 'a', whose branches a random hash mispredicts.
     *
     * @return false (nothing written) when the text is not {@code 2 * 32} lower-case hex digits
     */
    static boolean pack(String fingerprint, long[] into, int offset) {
        if (fingerprint.length() != 2 * SHA_256_BYTES) {
            return false;
        }
        int invalid = 0;
        for (int i = 0; i < fingerprint.length(); i++) {
            invalid |= digitOf(fingerprint.charAt(i));
        }
        if ((invalid & NOT_A_DIGIT) != 0) {
            return false;
        }
        for (int i = 0; i < LONGS; i++) {
            long value = 0;
            for (int j = i * HEX_PER_LONG; j < (i + 1) * HEX_PER_LONG; j++) {
                value = value << 4 | digitOf(fingerprint.charAt(j));
            }
            into[offset + i] = value;
        }
        return true;
    }

    /** @return the fingerprint {@link #pack} packed at {@code offset} */
    static String unpack(long[] from, int offset) {
        byte[] text = new byte[2 * SHA_256_BYTES];
        for (int i = 0; i < text.length; i++) {
            long value = from[offset + i / HEX_PER_LONG];
            text[i] = HEX[(int) (value >>> (4 * (HEX_PER_LONG - 1 - i % HEX_PER_LONG))) & 0xF];
        }
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** @return the value of a lower-case hex digit, else {@link #NOT_A_DIGIT} */
    private static int digitOf(char c) {
        return c < DIGITS.length ? DIGITS[c] : NOT_A_DIGIT;
    }

    private static byte[] digits() {
        byte[] digits = new byte[128];
        Arrays.fill(digits, (byte) NOT_A_DIGIT);
        for (int i = 0; i < HEX.length; i++) {
            digits[HEX[i]] = (byte) i;
        }
        return digits;
    }
}
