package io.tollgate.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The {@code decision_hour} ranges of one transaction's decisions: per UTC hour, the lowest and
 * highest {@code seq} inserted. {@link #widen} merges them into the table in the same transaction,
 * before it commits, one statement per hour — usually one, as a transaction's rows are seconds
 * apart. A range only ever widens, so it covers every row of its hour whatever order they were
 * decided in. Not thread-safe.
 */
final class DecisionHours {
    /** Widens an hour's range to take in another, or adds it. Standard SQL MERGE (PostgreSQL 15 too). */
    static final String WIDEN = """
            MERGE INTO decision_hour h
            USING (VALUES (CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))) AS v (hour_no, first_seq, last_seq)
            ON h.hour_no = v.hour_no
            WHEN MATCHED THEN UPDATE SET first_seq = LEAST(h.first_seq, v.first_seq),
                last_seq = GREATEST(h.last_seq, v.last_seq)
            WHEN NOT MATCHED THEN INSERT (hour_no, first_seq, last_seq) VALUES (v.hour_no, v.first_seq, v.last_seq)""";
    private static final long HOUR_SECONDS = 3_600;

    private long[] hours = new long[2];
    private long[] first = new long[2];
    private long[] last = new long[2];
    private int size;

    /** @return the UTC hour of an instant: epoch seconds / 3600, floored */
    static long hourOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), HOUR_SECONDS);
    }

    /** @return the instant an hour starts */
    static Instant startOf(long hour) {
        return Instant.ofEpochSecond(hour * HOUR_SECONDS);
    }

    /** Takes in a row about to be inserted. */
    void add(Instant decidedAt, long seq) {
        long hour = hourOf(decidedAt);
        for (int i = 0; i < size; i++) {
            if (hours[i] == hour) {
                first[i] = Math.min(first[i], seq);
                last[i] = Math.max(last[i], seq);
                return;
            }
        }
        if (size == hours.length) {
            hours = Arrays.copyOf(hours, size * 2);
            first = Arrays.copyOf(first, size * 2);
            last = Arrays.copyOf(last, size * 2);
        }
        hours[size] = hour;
        first[size] = seq;
        last[size] = seq;
        size++;
    }

    /**
     * Merges the ranges taken in into {@code decision_hour} through {@link #WIDEN} on the
     * transaction of the rows, and forgets them.
     */
    void widen(PreparedStatement merge) throws SQLException {
        if (size == 0) {
            return;
        }
        try {
            for (int i = 0; i < size; i++) {
                merge.setLong(1, hours[i]);
                merge.setLong(2, first[i]);
                merge.setLong(3, last[i]);
                if (size == 1) {
                    merge.executeUpdate();
                    return;
                }
                merge.addBatch();
            }
            merge.executeBatch();
        } finally {
            clear();
        }
    }

    /** Forgets the ranges taken in: their rows were rolled back, or merged. */
    void clear() {
        size = 0;
    }
}
