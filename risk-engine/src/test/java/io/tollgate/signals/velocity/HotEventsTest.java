package io.tollgate.signals.velocity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.facts.VelocityWindow;
import org.junit.jupiter.api.Test;

class HotEventsTest {
    private static final long NOW = 1_773_115_200_000L; // 2026-03-10T04:00:00Z
    private static final long DAY_START = NOW - 12 * WindowSums.HOUR_MS;
    private static final long MONTH_START = DAY_START - 9 * WindowSums.DAY_MS;

    @Test
    void window_chargeNearLongMaxOverApprovedSpend_saturatesInsteadOfWrapping() {
        HotEvents events = new HotEvents();
        events.add(NOW - 1_000, 500, 13_800_138_000L);
        events.add(NOW - 2_000, Integer.MAX_VALUE, 13_800_138_001L);

        VelocityWindow window = events.window(NOW, DAY_START, MONTH_START, Long.MAX_VALUE - 1);

        assertThat(window.spend10m()).isEqualTo(Long.MAX_VALUE);
        assertThat(window.spend1h()).isEqualTo(Long.MAX_VALUE);
        assertThat(window.spend24h()).isEqualTo(Long.MAX_VALUE);
        assertThat(window.spendDay()).isEqualTo(Long.MAX_VALUE);
        assertThat(window.spendMonth()).isEqualTo(Long.MAX_VALUE);
        assertThat(window.attempts10m()).isEqualTo(3);
    }

    @Test
    void window_manyIntMaxAmounts_sumsExactly() {
        HotEvents events = new HotEvents();
        for (int i = 1; i <= 10_000; i++) {
            events.add(NOW - i, Integer.MAX_VALUE, 13_800_000_000L + i);
        }

        VelocityWindow window = events.window(NOW, DAY_START, MONTH_START, Integer.MAX_VALUE);

        assertThat(window.spend10m()).isEqualTo(10_001L * Integer.MAX_VALUE);
        assertThat(window.spendMonth()).isEqualTo(10_001L * Integer.MAX_VALUE);
        assertThat(window.attemptsMonth()).isEqualTo(10_001);
    }
}
