package io.tollgate.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code charges.csv} as the simulation goes: charges are collected per China day, and when
 * a day is complete it is sorted (by time, then by the order the charges were made) and written,
 * getting request ids in time order. Only the days not yet written are held in memory; a charge
 * for a day already written is a bug in a pattern and is refused. Charges at or after the end of
 * the period are dropped. Not thread-safe.
 */
final class ChargeStream implements Closeable {
    private static final long PROGRESS_EVERY = 100_000;
    private static final Comparator<Charge> TIME_ORDER =
            Comparator.comparingLong((Charge charge) -> charge.ts).thenComparingLong(charge -> charge.sequence);

    private final Horizon horizon;
    private final BufferedWriter writer;
    private final PrintWriter progress;
    private final List<List<Charge>> pending = new ArrayList<>();
    private final Map<Label, Long> byLabel = new EnumMap<>(Label.class);
    private int nextDay;
    private long sequence;
    private long written;

    /**
     * @param file where to write
     * @param horizon the period
     * @param progress where a line goes every 100,000 charges
     */
    ChargeStream(Path file, Horizon horizon, PrintWriter progress) {
        this.horizon = horizon;
        this.progress = progress;
        try {
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            writer.write(Charge.HEADER);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Label label : Label.values()) {
            byLabel.put(label, 0L);
        }
    }

    /**
     * Takes a charge for the day it falls on.
     *
     * @param charge the charge
     * @return whether it is in the period (charges after it are dropped)
     * @throws IllegalStateException when its day has been written already
     */
    boolean add(Charge charge) {
        int day = horizon.dayOf(charge.ts);
        if (day >= horizon.days()) {
            return false;
        }
        if (day < nextDay) {
            throw new IllegalStateException("charge at " + Horizon.format(charge.ts) + " of " + charge.label.csv()
                    + " arrives after day " + (nextDay - 1) + " was written");
        }
        charge.sequence = sequence++;
        while (pending.size() <= day - nextDay) {
            pending.add(new ArrayList<>());
        }
        pending.get(day - nextDay).add(charge);
        return true;
    }

    /** Sorts and writes every day up to and including {@code day}. */
    void writeThrough(int day) {
        try {
            while (nextDay <= day) {
                List<Charge> charges = pending.isEmpty() ? new ArrayList<>() : pending.remove(0);
                charges.sort(TIME_ORDER);
                for (Charge charge : charges) {
                    written++;
                    charge.requestId(String.format("R%08d", written));
                    writer.write(charge.csv());
                    writer.write('\n');
                    byLabel.merge(charge.label, 1L, Long::sum);
                    if (written % PROGRESS_EVERY == 0) {
                        progress.printf("generate: %,d charges written, day %d of %d%n", written, nextDay + 1,
                                horizon.days());
                        progress.flush();
                    }
                }
                nextDay++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return charges written so far */
    long written() {
        return written;
    }

    /** @return charges written per label, every label present */
    Map<Label, Long> byLabel() {
        return new EnumMap<>(byLabel);
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
