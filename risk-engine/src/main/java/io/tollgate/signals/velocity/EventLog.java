package io.tollgate.signals.velocity;

import io.tollgate.facts.VelocityWindow;
import java.time.Duration;
import java.util.Arrays;

/**
 * The recent charge attempts of one key (a number, a device, an IP, a number at a merchant) in
 * parallel primitive arrays rather than an object per event. Events older than the retention are
 * dropped as new ones arrive. Thread-safe: every method synchronises on the log, and a log is
 * only ever touched for one key.
 */
final class EventLog {
    static final long RETENTION_MS = Duration.ofDays(32).toMillis();
    private static final long TEN_MINUTES_MS = Duration.ofMinutes(10).toMillis();
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private long[] times = new long[2];
    private long[] amounts = new long[2];
    private long[] others = new long[2];
    private long[] requests = new long[2];
    private int size;

    /**
     * Appends an attempt.
     *
     * @param time epoch ms
     * @param approvedFen the amount approved, 0 when the attempt was blocked
     * @param other the other dimension of the event (a number for device and IP keys, a merchant
     *     hash for number keys), used to count distinct values
     * @param request a hash of the request id, to find the event when the carrier reports a failure
     */
    synchronized void add(long time, long approvedFen, long other, long request) {
        if (size == times.length) {
            dropOlderThan(time - RETENTION_MS);
        }
        if (size == times.length) {
            int capacity = times.length * 2;
            times = Arrays.copyOf(times, capacity);
            amounts = Arrays.copyOf(amounts, capacity);
            others = Arrays.copyOf(others, capacity);
            requests = Arrays.copyOf(requests, capacity);
        }
        times[size] = time;
        amounts[size] = approvedFen;
        others[size] = other;
        requests[size] = request;
        size++;
    }

    /**
     * Counts the attempts and approved spend in each window, adding one attempt of
     * {@code extraFen} at {@code now} (the charge being checked).
     */
    synchronized VelocityWindow windows(long now, long dayStart, long monthStart, long extraFen) {
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
        for (int i = 0; i < size; i++) {
            long time = times[i];
            if (time > now) {
                continue; // recorded later than the clock: not seen as of now
            }
            long amount = amounts[i];
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
        for (int i = 0; i < size; i++) {
            long age = now - times[i];
            if (age >= 0 && age < windowMs) {
                seen.add(others[i]);
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
        for (int i = size - 1; i >= 0; i--) {
            if (requests[i] == request && amounts[i] > 0) {
                long amount = amounts[i];
                amounts[i] = 0;
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
        for (int i = size - 1; i >= 0; i--) {
            if (requests[i] == request && amounts[i] == 0) {
                amounts[i] = amountFen;
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
        for (int i = size - 1; i >= 0; i--) {
            if (requests[i] == request) {
                long amount = amounts[i];
                int tail = size - i - 1;
                System.arraycopy(times, i + 1, times, i, tail);
                System.arraycopy(amounts, i + 1, amounts, i, tail);
                System.arraycopy(others, i + 1, others, i, tail);
                System.arraycopy(requests, i + 1, requests, i, tail);
                size--;
                return amount;
            }
        }
        return -1;
    }

    /** @return whether every attempt in the log is older than {@code cutoff} (epoch ms) */
    synchronized boolean newestBefore(long cutoff) {
        for (int i = 0; i < size; i++) {
            if (times[i] >= cutoff) {
                return false;
            }
        }
        return true;
    }

    private void dropOlderThan(long cutoff) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] >= cutoff) {
                times[kept] = times[i];
                amounts[kept] = amounts[i];
                others[kept] = others[i];
                requests[kept] = requests[i];
                kept++;
            }
        }
        size = kept;
    }
}
