package io.tollgate.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldsTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-03-07T16:08:02+08:00", "2026-03-07T16:08:02-05:30", "1999-12-31T23:59:59+00:00",
            "2024-02-29T00:00:00+14:00", "0001-01-01T00:00:00-18:00", "2026-03-07T16:08:02.123+08:00",
            "2026-03-07T16:08+08:00", "2026-03-07T16:08:02Z", "2026-03-07T24:00:00+08:00"})
    void instant_readsAsTheIsoFormatterDoes(String value) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            expected = Instant.parse(value); // e.g. "Z", or 24:00 read as the next midnight
        }

        assertThat(Fields.instant("ts", value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T16:08:02+08:00", "2026-03-07T16:60:02+08:00",
            "2026-03-07T16:08:60+08:00", "2026-13-07T16:08:02+08:00", "2026-03-07T16:08:02+19:00",
            "2026-03-07T16:08:02*08:00", "2026-03-07 16:08:02+08:00", "2026-03-0xT16:08:02+08:00", "yesterday"})
    void instant_refusesWhatTheIsoFormatterRefuses(String value) {
        assertThatThrownBy(() -> Fields.instant("ts", value)).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("ts").hasMessageContaining(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"５００", "١٠٠", "٣٠٠٠", "५००", "5０0", "−500", "5 00", "0x10", "", "+", "-"})
    void longValue_anythingButAsciiDigits_isRefusedNamingTheField(String value) {
        assertThatThrownBy(() -> Fields.longValue("amount_fen", value))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("amount_fen: ")
                .hasMessageEndingWith(" is not a whole number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500", "-500", "+500", "000500", "9223372036854775807", "-9223372036854775808", "0"})
    void longValue_asciiDigitsWithOptionalSign_isRead(String value) {
        assertThat(Fields.longValue("amount_fen", value)).isEqualTo(Long.parseLong(value));
    }
}
