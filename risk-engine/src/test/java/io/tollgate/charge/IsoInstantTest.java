package io.tollgate.charge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    private static String text(Instant instant) {
        return IsoInstant.append(new StringBuilder(), instant).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2026-03-07T08:08:02Z", "2026-03-07T08:08:00Z",
            "2026-12-31T23:59:59.001Z", "2028-02-29T12:00:00.100200Z", "2026-03-07T08:08:02.000000001Z",
            "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59.500Z",
            "0001-01-01T00:00:00Z"})
    void append_writesWhatInstantToStringWrites(String written) {
        Instant instant = Instant.parse(written);

        assertThat(text(instant)).isEqualTo(instant.toString()).isEqualTo(written);
    }

    @Test
    void append_randomInstants_matchInstantToString() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 300_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertThat(text(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void append_null_writesNull() {
        assertThat(text(null)).isEqualTo("null");
    }
}
