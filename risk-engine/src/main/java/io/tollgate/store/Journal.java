package io.tollgate.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The decision writer's append-only journal: the rows it has acknowledged but not yet committed to
 * the database. Each row is one frame — its payload's length (4 bytes), the CRC32C of the payload
 * (4 bytes), then the payload: every column of the decision row and, for a row that opens a review
 * case, the case's snapshot (the case's other columns are the decision's). A batch of frames is
 * appended with one write to the operating system, without fsync: like an H2 commit, it survives
 * a crash of the process but not necessarily a power loss. Once the database holds every row the
 * journal is {@linkplain #clear() cleared} (truncated to nothing). A write that fails (a full disk)
 * is cut off again, so the file keeps whole frames only; where it could not be, or a crash tore a
 * frame, {@link #read()} skips the bytes that are not a whole frame and goes on with the frames after
 * them. The file is locked while open, so no second engine appends to it. Not thread-safe: used by
 * one thread at a time, under the journal's lock.
 */
final class Journal implements AutoCloseable {
    private static final int HEADER = 8;
    /** No frame is larger: a length beyond it is a torn or overwritten header. */
    private static final int MAX_FRAME = 64 * 1024 * 1024;
    private static final byte DECISION = 1;
    private static final byte DECISION_AND_CASE = 2;

    /** {@code null} for a journal that keeps nothing (an in-memory database). */
    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    /** Bytes of whole frames in the file: where the next frame is written. */
    private long size;
    /** Whether a failed write left bytes after {@link #size} that could not be cut off yet. */
    private boolean torn;

    /**
     * One decision row as journaled, column by column, with its case's snapshot when it opens a case.
     * Nullable: {@code deviceId}, {@code ip}, {@code snapshotJson} (no case).
     */
    record Entry(String requestId, String fingerprint, Instant decidedAt, String msisdn, String merchantId,
            String productId, long amountFen, String billingType, String chargeKind, String payMode, String deviceId,
            String ip, String decision, int score, String ruleCodes, String rulesetVersion, String hitsJson,
            String snapshotJson) {
        boolean opensCase() {
            return snapshotJson != null;
        }
    }

    /**
     * What a journal held when it was opened.
     *
     * @param entries every whole frame's entry, in the order appended
     * @param droppedBytes the bytes that are not part of a whole frame (torn or corrupt), skipped
     * @param end where the last whole frame ends
     */
    record Contents(List<Entry> entries, long droppedBytes, long end) {
    }

    Journal(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) and locks a journal file, readable by its owner only (POSIX).
     *
     * @throws IOException when it cannot be opened, or another engine holds it
     */
    static Journal open(Path file) throws IOException {
        return open(file, channel(file));
    }

    /**
     * Opens a journal file's channel, creating the file readable by its owner only (POSIX) and making
     * an existing one so: it holds every column of a verdict, the full number too.
     */
    static FileChannel channel(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PrivateFiles.fileAttributes(file));
        PrivateFiles.restrict(file);
        return channel;
    }

    /** Opens the channel of a journal file. */
    @FunctionalInterface
    interface Channels {
        FileChannel open(Path file) throws IOException;
    }

    /** Locks an opened journal file (tests give a channel that fails on purpose). */
    static Journal open(Path file, FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("another process holds the journal " + file);
            }
            return new Journal(file, channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("another engine in this process holds the journal " + file, e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return a journal that keeps nothing, for a database that does not outlive the process anyway */
    static Journal none() {
        return new Journal(null, null, null);
    }

    /** @return the file, or {@code null} when the journal keeps nothing */
    Path file() {
        return file;
    }

    /**
     * Reads every whole frame from the start of the file, skipping bytes that are not part of one,
     * and cuts off what follows the last one, so that the next {@link #append()} follows it. A
     * journal that keeps nothing is empty.
     */
    Contents read() throws IOException {
        if (channel == null || channel.size() == 0) {
            return new Contents(List.of(), 0, 0);
        }
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(channel.size()));
        while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {
            // until the whole file is read
        }
        all.flip();
        Contents contents = decode(all);
        size = contents.end();
        channel.truncate(size);
        channel.position(size);
        torn = false;
        return contents;
    }

    /**
     * Decodes every whole frame. Where a frame is torn or corrupt, it looks for the next whole
     * frame byte by byte: a failed write may have left half a frame with whole frames after it.
     */
    static Contents decode(ByteBuffer frames) {
        List<Entry> entries = new ArrayList<>();
        CRC32C check = new CRC32C();
        int start = frames.position();
        int position = start;
        int end = start;
        long dropped = 0;
        while (frames.limit() - position >= HEADER) {
            int length = frameLength(frames, position, check);
            if (length < 0) {
                position++;
                continue;
            }
            entries.add(decodeEntry(frames.slice(position + HEADER, length)));
            dropped += position - end;
            position += HEADER + length;
            end = position;
        }
        dropped += frames.limit() - end;
        return new Contents(entries, dropped, end - start);
    }

    /** @return the payload length of the whole frame at {@code position}, or -1 when there is none */
    private static int frameLength(ByteBuffer frames, int position, CRC32C check) {
        int length = frames.getInt(position);
        if (length <= 0 || length > MAX_FRAME || length > frames.limit() - position - HEADER) {
            return -1;
        }
        byte kind = frames.get(position + HEADER);
        if (kind != DECISION && kind != DECISION_AND_CASE) {
            return -1; // not a frame's start: no need to compute a checksum
        }
        check.reset();
        check.update(frames.slice(position + HEADER, length));
        return (int) check.getValue() == frames.getInt(position + 4) ? length : -1;
    }

    /** Adds an entry's frame to the batch {@link #append()} writes next. */
    void add(Entry entry) {
        int start = buffer.position();
        try {
            addFrame(entry, start);
        } catch (RuntimeException e) {
            buffer.position(start); // no half frame in the batch
            throw e;
        }
    }

    private void addFrame(Entry entry, int start) {
        reserve(HEADER);
        buffer.position(start + HEADER);
        put(entry.opensCase() ? DECISION_AND_CASE : DECISION);
        put(entry.requestId());
        put(entry.fingerprint());
        putLong(entry.decidedAt().getEpochSecond());
        putInt(entry.decidedAt().getNano());
        put(entry.msisdn());
        put(entry.merchantId());
        put(entry.productId());
        putLong(entry.amountFen());
        put(entry.billingType());
        put(entry.chargeKind());
        put(entry.payMode());
        put(entry.deviceId());
        put(entry.ip());
        put(entry.decision());
        putInt(entry.score());
        put(entry.ruleCodes());
        put(entry.rulesetVersion());
        put(entry.hitsJson());
        if (entry.opensCase()) {
            put(entry.snapshotJson());
        }
        int length = buffer.position() - start - HEADER;
        crc.reset();
        crc.update(buffer.slice(start + HEADER, length));
        buffer.putInt(start, length);
        buffer.putInt(start + 4, (int) crc.getValue());
    }

    /** Drops the frames added since the last {@link #append()}. */
    void discardAdded() {
        buffer.clear();
    }

    /**
     * Appends every frame added since the last call with one write to the operating system (no fsync).
     *
     * @throws IOException when the write fails; the frames are dropped and the file is cut back to
     *     its whole frames (or, when even that fails, before the next append)
     */
    void append() throws IOException {
        buffer.flip();
        try {
            if (channel == null) {
                return;
            }
            if (torn) {
                cutBack();
            }
            long before = size;
            try {
                while (buffer.hasRemaining()) {
                    size += channel.write(buffer);
                }
            } catch (IOException e) {
                size = before;
                torn = true;
                try {
                    cutBack();
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        } finally {
            buffer.clear();
        }
    }

    /** Cuts off what a failed write left after the last whole frame. */
    private void cutBack() throws IOException {
        channel.truncate(size);
        channel.position(size);
        torn = false;
    }

    /** Empties the journal: the database holds every row it had. */
    void clear() throws IOException {
        if (channel != null && (size > 0 || torn)) {
            channel.truncate(0);
            channel.position(0);
            size = 0;
            torn = false;
        }
    }

    /** @return whether the file holds no frame */
    boolean isEmpty() {
        return size == 0;
    }

    /** @return the frames of the entries, as {@link #append()} writes them; for tests */
    static ByteBuffer encode(List<Entry> entries) {
        Journal journal = none();
        entries.forEach(journal::add);
        ByteBuffer frames = ByteBuffer.allocate(journal.buffer.position());
        frames.put(journal.buffer.flip()).flip();
        return frames;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            try (channel) {
                lock.release();
            }
        }
    }

    private static Entry decodeEntry(ByteBuffer in) {
        byte kind = in.get();
        if (kind != DECISION && kind != DECISION_AND_CASE) {
            throw new IllegalStateException("unknown journal record kind " + kind);
        }
        return new Entry(string(in), string(in), Instant.ofEpochSecond(in.getLong(), in.getInt()), string(in),
                string(in), string(in), in.getLong(), string(in), string(in), string(in), string(in), string(in),
                string(in), in.getInt(), string(in), string(in), string(in),
                kind == DECISION_AND_CASE ? string(in) : null);
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void put(byte value) {
        reserve(1);
        buffer.put(value);
    }

    private void putInt(int value) {
        reserve(4);
        buffer.putInt(value);
    }

    private void putLong(long value) {
        reserve(8);
        buffer.putLong(value);
    }

    /**
     * A string as its UTF-8 length (-1 for null) and bytes.
     *
     * @throws IllegalArgumentException when it is not well-formed UTF-16 (a lone surrogate), which
     *     UTF-8 cannot hold: it would come back from recovery as another string
     */
    private void put(String value) {
        if (value == null) {
            putInt(-1);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("a journaled text has a lone UTF-16 surrogate at " + i);
            }
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        reserve(bytes.length);
        buffer.put(bytes);
    }

    private void reserve(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            larger.put(buffer.flip());
            buffer = larger;
        }
    }
}
