package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {
    @Test
    void of_numbersInAnyForm_masked() {
        assertThat(LogSafe.of("user 13912345678, +86 139 1234 5678, 139\n1234\n5678, R-913912345678"))
                .isEqualTo("user 139****5678, +86 139****5678, 139****5678, R-913*****5678");
    }

    @Test
    void of_controlCharacters_escapedOnOneLine() {
        assertThat(LogSafe.of("a\r\nWARN forged\tb\u0000c\u2028d\u202Ee\\n"))
                .isEqualTo("a\\r\\nWARN forged\\tb\\u0000c\\u2028d\\u202ee\\\\n");
    }

    @Test
    void of_longValue_cutAndCounted() {
        String safe = LogSafe.of("x".repeat(LogSafe.MAX_LENGTH - 5) + "13912345678" + "y".repeat(100));

        assertThat(safe).startsWith("x".repeat(LogSafe.MAX_LENGTH - 5) + "139**").endsWith("...(106 more characters)")
                .doesNotContain("1391");
    }

    @Test
    void of_null_isTheWordNull() {
        assertThat(LogSafe.of(null)).isEqualTo("null");
    }
}
