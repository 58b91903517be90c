package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's frames: every column survives the round trip; a torn or corrupt frame is skipped, never what follows. */
class JournalTest {
    private static final Journal.Entry FULL = new Journal.Entry("R-1", "f".repeat(64),
            Instant.parse("2026-03-10T04:00:00.123456789Z"), "13800138000", "M1001", "P1001-01", 123_456_789_012L,
            "PER_USE", "INITIAL", "SMS_OTP", "设备-1 \uD83D\uDCF1", "10.0.0.1", "FLAG", 85, "AMT-HIGH,VEL-MSISDN-10M",
            "a".repeat(64), "[{\"code\":\"AMT-HIGH\",\"reason\":\"金额过高\"}]",
            "{\"charge\":{\"msisdn\":\"138****8000\",\"note\":\"" + "x".repeat(70_000) + "\"}}");
    private static final Journal.Entry NULLS = new Journal.Entry("R-2", "g", Instant.EPOCH, "13912345678", "M2",
            "P2", 0, "MONTHLY", "RENEWAL", "CARRIER_PAGE", null, null, "ALLOW", -1, "", "b", "[]", null);

    @TempDir
    Path folder;

    @Test
    void decode_encodedEntries_everyColumnRoundTripsWithNullsAndUnicode() {
        Journal.Contents contents = Journal.decode(Journal.encode(List.of(FULL, NULLS)));

        assertThat(contents.entries()).containsExactly(FULL, NULLS);
        assertThat(contents.entries().get(0).opensCase()).isTrue();
        assertThat(contents.entries().get(1).opensCase()).isFalse();
        assertThat(contents.droppedBytes()).isZero();
    }

    @Test
    void add_loneSurrogate_isRefusedRatherThanStoredAsAnotherString() {
        Journal.Entry lone = new Journal.Entry("U\uD800-0", "g", Instant.EPOCH, "13912345678", "M2", "P2", 0,
                "PER_USE", "INITIAL", "SMS_OTP", null, null, "ALLOW", 0, "", "b", "[]", null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Journal.encode(List.of(lone)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lone UTF-16 surrogate");
    }

    @Test
    void decode_tornLastFrame_stopsAfterTheWholeFrames() {
        ByteBuffer frames = Journal.encode(List.of(NULLS, FULL));
        int whole = Journal.encode(List.of(NULLS)).limit();
        for (int cut : new int[] {whole + 1, whole + 7, whole + 8, frames.limit() - 1}) {
            Journal.Contents contents = Journal.decode(frames.duplicate().limit(cut));

            assertThat(contents.entries()).as("cut at " + cut).containsExactly(NULLS);
            assertThat(contents.droppedBytes()).as("cut at " + cut).isEqualTo(cut - whole);
        }
    }

    @Test
    void decode_badCrcInTheMiddle_skipsThatFrameOnly() {
        ByteBuffer frames = Journal.encode(List.of(NULLS, FULL, NULLS));
        int second = Journal.encode(List.of(NULLS)).limit();
        int third = Journal.encode(List.of(NULLS, FULL)).limit();
        frames.put(second + 20, (byte) (frames.get(second + 20) ^ 1)); // a flipped bit in the second payload

        Journal.Contents contents = Journal.decode(frames);

        assertThat(contents.entries()).containsExactly(NULLS, NULLS);
        assertThat(contents.droppedBytes()).isEqualTo(third - second);
        assertThat(contents.end()).isEqualTo(frames.limit());
    }

    @Test
    void decode_halfAFrameWithWholeFramesAfterIt_readsEveryWholeFrame() {
        ByteBuffer first = Journal.encode(List.of(NULLS));
        ByteBuffer full = Journal.encode(List.of(FULL));
        ByteBuffer after = Journal.encode(List.of(NULLS, FULL));
        int half = full.limit() / 2;
        ByteBuffer frames = ByteBuffer.allocate(first.limit() + half + after.limit());
        frames.put(first).put(full.limit(half)).put(after).flip(); // a write that ran out of space

        Journal.Contents contents = Journal.decode(frames);

        assertThat(contents.entries()).containsExactly(NULLS, NULLS, FULL);
        assertThat(contents.droppedBytes()).isEqualTo(half);
    }

    @Test
    void append_diskFull_leavesTheFileAsItWas_andLaterFramesAreRead() throws Exception {
        Path file = folder.resolve("db.journal");
        FullDiskChannel channel = FullDiskChannel.open(file);
        try (Journal journal = Journal.open(file, channel)) {
            journal.add(NULLS);
            journal.append();
            long whole = Files.size(file);
            channel.full = true;
            journal.add(FULL);

            org.assertj.core.api.Assertions.assertThatThrownBy(journal::append).hasMessageContaining("No space");

            assertThat(Files.size(file)).as("the half frame is cut off").isEqualTo(whole);
            channel.full = false;
            journal.add(FULL);
            journal.append();
        }
        try (Journal journal = Journal.open(file)) {
            Journal.Contents contents = journal.read();
            assertThat(contents.entries()).containsExactly(NULLS, FULL);
            assertThat(contents.droppedBytes()).isZero();
        }
    }

    @Test
    void append_diskFullAndTruncationFails_cutsBackBeforeTheNextAppend() throws Exception {
        Path file = folder.resolve("db.journal");
        FullDiskChannel channel = FullDiskChannel.open(file);
        try (Journal journal = Journal.open(file, channel)) {
            journal.add(NULLS);
            journal.append();
            channel.full = true;
            channel.truncateFails = true;
            journal.add(FULL);
            org.assertj.core.api.Assertions.assertThatThrownBy(journal::append).hasMessageContaining("No space");
            channel.full = false;
            channel.truncateFails = false;

            journal.add(NULLS);
            journal.append();
        }
        try (Journal journal = Journal.open(file)) {
            Journal.Contents contents = journal.read();
            assertThat(contents.entries()).containsExactly(NULLS, NULLS);
            assertThat(contents.droppedBytes()).as("the half frame was cut off before the next append").isZero();
        }
    }

    @Test
    void read_tornTail_isCutOffSoTheNextAppendFollowsTheLastWholeFrame() throws Exception {
        Path file = folder.resolve("db.journal");
        ByteBuffer frames = Journal.encode(List.of(FULL, NULLS));
        byte[] torn = new byte[frames.limit() - 3];
        frames.get(torn);
        Files.write(file, torn);

        try (Journal journal = Journal.open(file)) {
            Journal.Contents contents = journal.read();
            assertThat(contents.entries()).containsExactly(FULL);
            assertThat(contents.droppedBytes()).isPositive();
            journal.add(NULLS);
            journal.append();
        }
        try (Journal journal = Journal.open(file)) {
            assertThat(journal.read().entries()).containsExactly(FULL, NULLS);
            journal.clear();
        }
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void open_fileHeldByAnotherJournal_isRefused() throws Exception {
        Path file = folder.resolve("db.journal");
        try (Journal journal = Journal.open(file)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Journal.open(file))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("holds the journal");
        }
    }
}
