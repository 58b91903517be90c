package io.tollgate.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A journal file whose disk fills up, or stalls, on purpose: while full, a write stores only part of its bytes
 * (as a write that runs out of space does) and then fails with ENOSPC's message, and, when asked,
 * truncation fails too. A real full disk would need a small tmpfs mounted for the test, which needs
 * privileges a CI runner may not have; this fails the same calls at the same points, every time.
 */
final class FullDiskChannel extends FileChannel {
    private final FileChannel file;
    volatile boolean full;
    volatile boolean truncateFails;
    /** While set, a write blocks until it is counted down: a disk (or a network file system) that stalls. */
    volatile java.util.concurrent.CountDownLatch stall;
    /** Counted down when a write has begun to stall. */
    final java.util.concurrent.CountDownLatch stalling = new java.util.concurrent.CountDownLatch(1);

    private FullDiskChannel(FileChannel file) {
        this.file = file;
    }

    static FullDiskChannel open(Path path) throws IOException {
        return new FullDiskChannel(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        java.util.concurrent.CountDownLatch wait = stall;
        if (wait != null) {
            stalling.countDown();
            try {
                wait.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while stalled");
            }
        }
        if (full) {
            int half = source.remaining() / 2;
            if (half > 0) {
                ByteBuffer part = source.slice(source.position(), half);
                file.write(part);
            }
            throw new IOException("No space left on device");
        }
        return file.write(source);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (truncateFails) {
            throw new IOException("Input/output error");
        }
        file.truncate(size);
        return this;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return file.read(destination);
    }

    @Override
    public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
        return file.read(destinations, offset, length);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        throw new UnsupportedOperationException("the journal writes one buffer at a time");
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long position) throws IOException {
        file.position(position);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        throw new UnsupportedOperationException("the journal writes one buffer at a time");
    }

    @Override
    public int read(ByteBuffer destination, long position) throws IOException {
        return file.read(destination, position);
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        throw new UnsupportedOperationException("the journal appends at its position");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
