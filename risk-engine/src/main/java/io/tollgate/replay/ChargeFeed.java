package io.tollgate.replay;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.data.CsvReader;
import io.tollgate.data.UnableToImportException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The charges of a replayed {@code charges.csv}, read, parsed and checked for time order on a
 * thread of their own, a bounded number of batches ahead of the checking thread, so reading costs
 * the checks no time. The charges come out in file order; a bad row fails {@link #next()} at its
 * place, as if read there, with the message {@code file:line: reason}. Not thread-safe: one thread
 * takes the charges.
 */
final class ChargeFeed implements AutoCloseable {
    private static final int BATCH = 1_024;
    /** Batches read ahead at most: enough to even out the two threads' pace, few enough to stay young garbage. */
    private static final int AHEAD = 16;

    private final Path file;
    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private Batch batch = new Batch();
    private int index;

    /** Charges in file order with the lines they start on; a failure or the end closes the feed. */
    private static final class Batch {
        final ChargeRequest[] charges = new ChargeRequest[BATCH];
        final int[] lines = new int[BATCH];
        int size;
        RuntimeException failure;
        boolean last;
    }

    /**
     * Opens the file, checks its header and starts reading.
     *
     * @param file the {@code charges.csv} to replay, in time order
     * @throws UnableToImportException when the file cannot be read or lacks a column
     */
    ChargeFeed(Path file) {
        this.file = file;
        CsvReader reader = new CsvReader(file, Replay.CHARGE_COLUMNS);
        this.thread = new Thread(() -> read(reader), "tollgate-replay-reader");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * @return the next charge, or {@code null} after the last
     * @throws UnableToImportException naming the file, line and reason of a bad row
     */
    ChargeRequest next() {
        if (index == batch.size) {
            if (batch.last) {
                return null;
            }
            batch = take();
            index = 0;
            if (batch.size == 0) {
                if (batch.failure != null) {
                    throw batch.failure;
                }
                return null;
            }
        }
        return batch.charges[index++];
    }

    /** @return the line the charge last returned by {@link #next()} starts on */
    int line() {
        return batch.lines[index - 1];
    }

    /** @return the file being read */
    Path file() {
        return file;
    }

    /** Stops reading. */
    @Override
    public void close() {
        thread.interrupt();
    }

    private Batch take() {
        try {
            return batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for charges", e);
        }
    }

    private void read(CsvReader reader) {
        try (reader) {
            Batch next = new Batch();
            Instant previous = Instant.MIN;
            try {
                for (Map<String, String> row = reader.next(); row != null; row = reader.next()) {
                    ChargeRequest charge = parse(reader, row);
                    if (charge.ts().isBefore(previous)) {
                        throw new UnableToImportException(file + ":" + reader.line() + ": ts " + charge.ts()
                                + " is earlier than the row before (" + previous + "); charges must be in time order");
                    }
                    previous = charge.ts();
                    next.charges[next.size] = charge;
                    next.lines[next.size++] = reader.line();
                    if (next.size == BATCH) {
                        batches.put(next);
                        next = new Batch();
                    }
                }
            } catch (RuntimeException e) { // a bad row: the charges before it are still replayed
                if (next.size > 0) {
                    batches.put(next);
                    next = new Batch();
                }
                next.failure = e;
            }
            next.last = true;
            batches.put(next);
        } catch (InterruptedException e) {
            // closed: nobody takes charges any more
        }
    }

    /**
     * Parses one row of {@code charges.csv}; a replay's clock follows the charges' own time, so
     * {@code ts} is required.
     */
    static ChargeRequest parse(CsvReader reader, Map<String, String> row) {
        try {
            io.tollgate.charge.Fields.required(row, "ts");
            return ChargeRequest.fromColumns(row);
        } catch (InvalidFieldException e) {
            throw new UnableToImportException(reader.file() + ":" + reader.line() + ": " + e.getMessage(), e);
        }
    }
}
