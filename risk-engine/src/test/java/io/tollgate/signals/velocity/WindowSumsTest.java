package io.tollgate.signals.velocity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.facts.VelocityWindow;
import org.junit.jupiter.api.Test;

class WindowSumsTest {
    private static final long NOW = 1_773_115_200_000L; // 2026-03-10T04:00:00Z
    private static final long DAY_START = NOW - 12 * WindowSums.HOUR_MS;
    private static final long MONTH_START = DAY_START - 9 * WindowSums.DAY_MS;

    @Test
    void add_pastLongMax_saturatesEverySpendInsteadOfWrapping() {
        WindowSums sums = new WindowSums(NOW, DAY_START, MONTH_START, Long.MAX_VALUE - 1);

        sums.add(NOW - 1, 500);
        sums.add(NOW - 2, Integer.MAX_VALUE);
        VelocityWindow window = sums.window();

        assertThat(window.spend10m()).isEqualTo(Long.MAX_VALUE);
        assertThat(window.spend1h()).isEqualTo(Long.MAX_VALUE);
        assertThat(window.spend24h()).isEqualTo(Long.MAX_VALUE);
        assertThat(window.spendDay()).isEqualTo(Long.MAX_VALUE);
        assertThat(window.spendMonth()).isEqualTo(Long.MAX_VALUE);
        assertThat(window.attempts10m()).isEqualTo(3);
    }

    @Test
    void add_longMaxChargeAfterOneFen_staysAtLongMax() {
        WindowSums sums = new WindowSums(NOW, DAY_START, MONTH_START, Long.MAX_VALUE);

        sums.add(NOW - 1, 1);

        assertThat(sums.window().spendDay()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void add_manyIntMaxAmounts_sumsExactly() {
        WindowSums sums = new WindowSums(NOW, DAY_START, MONTH_START, Integer.MAX_VALUE);

        for (int i = 1; i <= 100_000; i++) {
            sums.add(NOW - i, Integer.MAX_VALUE);
        }
        VelocityWindow window = sums.window();

        assertThat(window.spend10m()).isEqualTo(100_001L * Integer.MAX_VALUE);
        assertThat(window.spendMonth()).isEqualTo(100_001L * Integer.MAX_VALUE);
        assertThat(window.attempts10m()).isEqualTo(100_001);
    }
}
