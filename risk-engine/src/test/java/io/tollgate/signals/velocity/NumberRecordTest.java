package io.tollgate.signals.velocity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberRecordTest {
    private static final long MSISDN = 13800138000L;
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long MINUTE = 60_000;

    private static int[] withAttempts(long... times) {
        int[] r = NumberRecord.empty(MSISDN);
        for (long time : times) {
            r = NumberRecord.appended(r, time, 500, 1, true, 42L, false, 0L, -1, 0);
        }
        return r;
    }

    @Test
    void withoutEventsBefore_noneOlderThanTheCutoff_sameRecord() {
        int[] r = withAttempts(T0 + 30_000, T0 + 5 * MINUTE);

        assertThat(NumberRecord.withoutEventsBefore(r, T0)).isSameAs(r); // the base is at the cutoff
        assertThat(NumberRecord.withoutEventsBefore(r, T0 + 20_000)).isSameAs(r); // base before it, no attempt
    }

    @Test
    void withoutEventsBefore_olderAttempts_droppedAndTheBaseMovedUp() {
        int[] r = withAttempts(T0 + 30_000, T0 + 5 * MINUTE + 7, T0 + 9 * MINUTE);

        int[] pruned = NumberRecord.withoutEventsBefore(r, T0 + MINUTE);

        assertThat(NumberRecord.events(pruned)).isEqualTo(2);
        assertThat(NumberRecord.baseMs(pruned)).isEqualTo(T0 + 5 * MINUTE);
        int first = NumberRecord.eventsAt(pruned);
        assertThat(NumberRecord.time(pruned, NumberRecord.baseMs(pruned), first)).isEqualTo(T0 + 5 * MINUTE + 7);
        assertThat(NumberRecord.time(pruned, NumberRecord.baseMs(pruned), first + NumberRecord.EVENT))
                .isEqualTo(T0 + 9 * MINUTE);
        assertThat(NumberRecord.devices(pruned)).isEqualTo(1);
    }

    @Test
    void withoutEventsBefore_everyAttemptOlder_keepsAnEmptyRecordOfTheNumber() {
        int[] r = withAttempts(T0, T0 + MINUTE);

        int[] pruned = NumberRecord.withoutEventsBefore(r, T0 + 2 * MINUTE);

        assertThat(NumberRecord.events(pruned)).isZero();
        assertThat(NumberRecord.devices(pruned)).isZero();
        assertThat(NumberRecord.suffix(pruned)).isEqualTo((int) (MSISDN % 100));
    }
}
