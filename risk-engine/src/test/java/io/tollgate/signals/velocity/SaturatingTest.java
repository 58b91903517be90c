package io.tollgate.signals.velocity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SaturatingTest {
    @Test
    void add_withinRange_isExact() {
        assertThat(Saturating.add(500, 1_000)).isEqualTo(1_500);
        assertThat(Saturating.add(Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.add(Long.MIN_VALUE + 1, -1)).isEqualTo(Long.MIN_VALUE);
        assertThat(Saturating.add(Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(-1);
        assertThat(Saturating.add(Long.MAX_VALUE, -1)).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void add_pastTheBounds_stopsAtThem() {
        assertThat(Saturating.add(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.add(Long.MAX_VALUE - 1, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.add(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Saturating.add(Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
        assertThat(Saturating.add(Long.MIN_VALUE, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void increment_atIntMax_staysThere() {
        assertThat(Saturating.increment(0)).isEqualTo(1);
        assertThat(Saturating.increment(Integer.MAX_VALUE - 1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(Saturating.increment(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }
}
