package io.tollgate.charge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChinaTimeTest {

    @Test
    void calendar_randomInstants_agreeWithJavaTimeAtUtcPlus8() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 5_000_000_000L),
                    random.nextInt(1_000_000_000));
            OffsetDateTime local = instant.atOffset(ChinaTime.ZONE);
            LocalDate date = local.toLocalDate();

            assertThat(ChinaTime.date(instant)).isEqualTo(date);
            assertThat(ChinaTime.hour(instant)).isEqualTo(local.getHour());
            assertThat(ChinaTime.dayStart(instant)).isEqualTo(date.atStartOfDay(ChinaTime.ZONE).toInstant());
            assertThat(ChinaTime.monthStart(instant))
                    .isEqualTo(date.withDayOfMonth(1).atStartOfDay(ChinaTime.ZONE).toInstant());
            assertThat(ChinaTime.startOf(date)).isEqualTo(date.atStartOfDay(ChinaTime.ZONE).toInstant());
            long epochMs = instant.toEpochMilli();
            assertThat(ChinaTime.epochDay(epochMs)).isEqualTo(date.toEpochDay());
            assertThat(ChinaTime.dayStartMs(epochMs)).isEqualTo(date.atStartOfDay(ChinaTime.ZONE).toInstant().toEpochMilli());
            assertThat(ChinaTime.monthStartMs(epochMs))
                    .isEqualTo(date.withDayOfMonth(1).atStartOfDay(ChinaTime.ZONE).toInstant().toEpochMilli());
        }
    }

    @Test
    void dayStart_isMidnightInChina() {
        assertThat(ChinaTime.dayStart(Instant.parse("2026-03-07T15:59:59Z"))).isEqualTo(Instant.parse("2026-03-06T16:00:00Z"));
        assertThat(ChinaTime.dayStart(Instant.parse("2026-03-07T16:00:00Z"))).isEqualTo(Instant.parse("2026-03-07T16:00:00Z"));
        assertThat(ChinaTime.hour(Instant.parse("2026-03-07T16:00:00Z"))).isZero();
    }
}
