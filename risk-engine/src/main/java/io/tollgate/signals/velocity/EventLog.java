package io.tollgate.signals.velocity;

import io.tollgate.facts.VelocityWindow;
import java.time.Duration;
import java.util.Arrays;

/**
 * The recent charge attempts of one key (a number, a device, an IP, a block of numbers) packed in
 * one primitive array, four longs per attempt (time, approved amount, the other dimension, request
 * hash), rather than an object per event. Events older than the retention are dropped as new ones
 * arrive. Thread-safe: every method synchronises on the log, and a log is only ever touched for
 * one key.
 */
final class EventLog {
    static final long RETENTION_MS = Duration.ofDays(32).toMillis();
    private static final long TEN_MINUTES_MS = Duration.ofMinutes(10).toMillis();
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final int STRIDE = 4;
    private static final int TIME = 0;
    private static final int AMOUNT = 1;
    private static final int OTHER = 2;
    private static final int REQUEST = 3;

    /** Attempts, {@link #STRIDE} longs each; most keys see one or two in a month. */
    private long[] events = new long[STRIDE];
    private int size;

    /**
     * Appends an attempt.
     *
     * @param time epoch ms
     * @param approvedFen the amount approved, 0 when the attempt was blocked
     * @param other the other dimension of the event (a number for device, IP and block keys, a
     *     merchant hash for number keys), used to count distinct values and to filter by merchant
     * @param request a hash of the request id, to find the event when the carrier reports a failure
     */
    synchronized void add(long time, long approvedFen, long other, long request) {
        if (size * STRIDE == events.length) {
            dropOlderThan(time - RETENTION_MS);
        }
        if (size * STRIDE == events.length) {
            events = Arrays.copyOf(events, events.length * 2);
        }
        int at = size * STRIDE;
        events[at + TIME] = time;
        events[at + AMOUNT] = approvedFen;
        events[at + OTHER] = other;
        events[at + REQUEST] = request;
        size++;
    }

    /**
     * Counts the attempts and approved spend in each window, adding one attempt of
     * {@code extraFen} at {@code now} (the charge being checked).
     */
    VelocityWindow windows(long now, long dayStart, long monthStart, long extraFen) {
        return windows(now, dayStart, monthStart, extraFen, false, 0);
    }

    /** As {@link #windows(long, long, long, long)}, counting only the attempts whose other value is {@code other}. */
    VelocityWindow windowsOf(long other, long now, long dayStart, long monthStart, long extraFen) {
        return windows(now, dayStart, monthStart, extraFen, true, other);
    }

    private synchronized VelocityWindow windows(long now, long dayStart, long monthStart, long extraFen,
            boolean filter, long other) {
        int a10m = 1;
        int a1h = 1;
        int a24h = 1;
        int aDay = 1;
        int aMonth = 1;
        long s10m = extraFen;
        long s1h = extraFen;
        long s24h = extraFen;
        long sDay = extraFen;
        long sMonth = extraFen;
        long[] data = events;
        for (int at = 0, end = size * STRIDE; at < end; at += STRIDE) {
            long time = data[at + TIME];
            if (time > now || (filter && data[at + OTHER] != other)) {
                continue; // recorded later than the clock: not seen as of now
            }
            long amount = data[at + AMOUNT];
            long age = now - time;
            if (age < TEN_MINUTES_MS) {
                a10m++;
                s10m += amount;
            }
            if (age < HOUR_MS) {
                a1h++;
                s1h += amount;
            }
            if (age < DAY_MS) {
                a24h++;
                s24h += amount;
            }
            if (time >= dayStart) {
                aDay++;
                sDay += amount;
            }
            if (time >= monthStart) {
                aMonth++;
                sMonth += amount;
            }
        }
        return new VelocityWindow(a10m, a1h, a24h, aDay, aMonth, s10m, s1h, s24h, sDay, sMonth);
    }

    /** Counts distinct "other" values in (now - window, now], plus {@code current}. */
    synchronized int distinctOthers(long now, long windowMs, long current) {
        LongSet seen = new LongSet(Math.min(size, 256) + 1);
        seen.add(current);
        for (int at = 0, end = size * STRIDE; at < end; at += STRIDE) {
            long age = now - events[at + TIME];
            if (age >= 0 && age < windowMs) {
                seen.add(events[at + OTHER]);
            }
        }
        return seen.size();
    }

    /**
     * Marks the attempt of a request as not approved (the carrier failed it).
     *
     * @return the amount that was approved, 0 when not found
     */
    synchronized long unapprove(long request) {
        for (int at = (size - 1) * STRIDE; at >= 0; at -= STRIDE) {
            if (events[at + REQUEST] == request && events[at + AMOUNT] > 0) {
                long amount = events[at + AMOUNT];
                events[at + AMOUNT] = 0;
                return amount;
            }
        }
        return 0;
    }

    /**
     * Restores the amount of an attempt whose approval was taken back.
     *
     * @return whether such an attempt was found
     */
    synchronized boolean reapprove(long request, long amountFen) {
        for (int at = (size - 1) * STRIDE; at >= 0; at -= STRIDE) {
            if (events[at + REQUEST] == request && events[at + AMOUNT] == 0) {
                events[at + AMOUNT] = amountFen;
                return true;
            }
        }
        return false;
    }

    /**
     * Removes the attempt of a request, as if it had never been recorded.
     *
     * @return the amount it had approved, or -1 when not found
     */
    synchronized long remove(long request) {
        for (int at = (size - 1) * STRIDE; at >= 0; at -= STRIDE) {
            if (events[at + REQUEST] == request) {
                long amount = events[at + AMOUNT];
                System.arraycopy(events, at + STRIDE, events, at, size * STRIDE - at - STRIDE);
                size--;
                return amount;
            }
        }
        return -1;
    }

    /** @return whether every attempt in the log is older than {@code cutoff} (epoch ms) */
    synchronized boolean newestBefore(long cutoff) {
        for (int at = 0, end = size * STRIDE; at < end; at += STRIDE) {
            if (events[at + TIME] >= cutoff) {
                return false;
            }
        }
        return true;
    }

    private void dropOlderThan(long cutoff) {
        int kept = 0;
        for (int at = 0, end = size * STRIDE; at < end; at += STRIDE) {
            if (events[at + TIME] >= cutoff) {
                System.arraycopy(events, at, events, kept * STRIDE, STRIDE);
                kept++;
            }
        }
        size = kept;
    }
}
