package io.tollgate.signals.velocity;

import io.tollgate.facts.VelocityWindow;
import java.util.Arrays;

/**
 * The attempts of one device or IP shared by many numbers, in time order, with running sums of the
 * approved amounts, so that each window is a binary search rather than a visit to every number's
 * record; and each number's last attempt from the key, for the distinct-number counts. Not
 * thread-safe: the tracker reads and changes it under its key's stripe lock.
 */
final class HotEvents {
    private int start;
    private int end;
    private long[] times = new long[16];
    private long[] numbers = new long[16];
    private int[] amounts = new int[16];
    /** {@code spend[i]} is the sum of {@code amounts} before {@code i}, from any fixed origin. */
    private long[] spend = new long[17];
    /** Open addressing: number (0 = free) to the time of its last attempt from the key. */
    private long[] lastKeys = new long[32];
    private long[] lastTimes = new long[32];
    private int lastCount;
    /** The times of {@link #lastTimes} but MIN_VALUE, ascending. */
    private long[] lastSorted = new long[16];
    private int sortedCount;

    /** Adds an attempt; one older than the newest goes in its place. */
    void add(long time, int amount, long number) {
        if (end == times.length) {
            makeRoom();
        }
        int at = upperBound(time);
        System.arraycopy(times, at, times, at + 1, end - at);
        System.arraycopy(numbers, at, numbers, at + 1, end - at);
        System.arraycopy(amounts, at, amounts, at + 1, end - at);
        System.arraycopy(spend, at + 1, spend, at + 2, end - at);
        end++;
        times[at] = time;
        numbers[at] = number;
        amounts[at] = 0;
        spend[at + 1] = spend[at];
        setAmount(at, amount);
        int slot = slot(number);
        if (lastKeys[slot] == 0) {
            lastKeys[slot] = number;
            lastTimes[slot] = time;
            insertSorted(time);
            if (++lastCount * 2 > lastKeys.length) {
                rehash(lastKeys.length * 2);
            }
        } else if (lastTimes[slot] < time) {
            setLast(slot, time);
        }
    }

    /** Changes a number's last attempt time, keeping {@link #lastSorted} in step. */
    private void setLast(int slot, long time) {
        if (lastTimes[slot] != Long.MIN_VALUE) {
            int at = sortedLowerBound(lastTimes[slot]);
            System.arraycopy(lastSorted, at + 1, lastSorted, at, sortedCount - at - 1);
            sortedCount--;
        }
        lastTimes[slot] = time;
        if (time != Long.MIN_VALUE) {
            insertSorted(time);
        }
    }

    private void insertSorted(long time) {
        if (sortedCount == lastSorted.length) {
            lastSorted = Arrays.copyOf(lastSorted, sortedCount * 2);
        }
        int at = sortedLowerBound(time);
        System.arraycopy(lastSorted, at, lastSorted, at + 1, sortedCount - at);
        lastSorted[at] = time;
        sortedCount++;
    }

    /** @return the first index of {@link #lastSorted} whose time is at least {@code time} */
    private int sortedLowerBound(long time) {
        int at = Arrays.binarySearch(lastSorted, 0, sortedCount, time);
        if (at < 0) {
            return -at - 1;
        }
        while (at > 0 && lastSorted[at - 1] == time) {
            at--;
        }
        return at;
    }

    /**
     * Changes the approved amount of an attempt.
     *
     * @return false when no attempt of {@code number} at {@code time} with {@code from} is kept
     */
    boolean changeAmount(long time, long number, int from, int to) {
        int at = find(time, number, from);
        if (at < 0) {
            return false;
        }
        setAmount(at, to);
        return true;
    }

    /** Forgets an attempt; does nothing when none of {@code number} at {@code time} with {@code amount} is kept. */
    void remove(long time, long number, int amount) {
        int at = find(time, number, amount);
        if (at < 0) {
            return;
        }
        setAmount(at, 0);
        System.arraycopy(times, at + 1, times, at, end - at - 1);
        System.arraycopy(numbers, at + 1, numbers, at, end - at - 1);
        System.arraycopy(amounts, at + 1, amounts, at, end - at - 1);
        System.arraycopy(spend, at + 2, spend, at + 1, end - at - 1);
        end--;
        int slot = slot(number);
        if (lastTimes[slot] == time) {
            long last = Long.MIN_VALUE;
            for (int i = start; i < end; i++) {
                if (numbers[i] == number) {
                    last = Math.max(last, times[i]);
                }
            }
            setLast(slot, last); // MIN_VALUE: none left; the slot stays until the next drop rebuilds
        }
    }

    /** Forgets the attempts before {@code cutoff} (epoch ms). */
    void dropBefore(long cutoff) {
        int keep = lowerBound(cutoff);
        if (keep == start) {
            return;
        }
        start = keep;
        rehash(lastKeys.length);
    }

    /** @return true when no attempt is kept */
    boolean isEmpty() {
        return start == end;
    }

    /**
     * @return the key's windows as of {@code now}, counting a charge of {@code amountFen} as one more;
     *     counts and sums saturate (the kept spend, a sum of ints, cannot overflow a long itself)
     */
    VelocityWindow window(long now, long dayStart, long monthStart, long amountFen) {
        int upTo = upperBound(now);
        int from10m = lowerBound(now - WindowSums.TEN_MINUTES_MS + 1);
        int from1h = lowerBound(now - WindowSums.HOUR_MS + 1);
        int from24h = lowerBound(now - WindowSums.DAY_MS + 1);
        int fromDay = Math.min(upTo, lowerBound(dayStart));
        int fromMonth = Math.min(upTo, lowerBound(monthStart));
        return new VelocityWindow(Saturating.increment(upTo - from10m), Saturating.increment(upTo - from1h),
                Saturating.increment(upTo - from24h), Saturating.increment(upTo - fromDay),
                Saturating.increment(upTo - fromMonth), Saturating.add(amountFen, spend[upTo] - spend[from10m]),
                Saturating.add(amountFen, spend[upTo] - spend[from1h]),
                Saturating.add(amountFen, spend[upTo] - spend[from24h]),
                Saturating.add(amountFen, spend[upTo] - spend[fromDay]),
                Saturating.add(amountFen, spend[upTo] - spend[fromMonth]));
    }

    /**
     * Counts the numbers other than {@code msisdn} with an attempt from the key at or before
     * {@code now} and less than a window old.
     *
     * @return the count in {@code window1} (high 32 bits) and in {@code window2} (low 32 bits)
     */
    long distinct(long msisdn, long now, long window1, long window2) {
        if (end > start && times[end - 1] > now) {
            return distinctBefore(msisdn, now, window1, window2);
        }
        int slot = slot(msisdn);
        long own = lastKeys[slot] == 0 ? Long.MIN_VALUE : lastTimes[slot];
        int counts1 = sortedCount - sortedLowerBound(now - window1 + 1);
        int counts2 = sortedCount - sortedLowerBound(now - window2 + 1);
        if (own != Long.MIN_VALUE) {
            counts1 -= now - own < window1 ? 1 : 0;
            counts2 -= now - own < window2 ? 1 : 0;
        }
        return (long) counts1 << 32 | counts2;
    }

    /** As {@link #distinct}, when some attempts are later than {@code now}: from the attempts themselves. */
    private long distinctBefore(long msisdn, long now, long window1, long window2) {
        int upTo = upperBound(now);
        long widest = Math.max(window1, window2);
        java.util.Map<Long, Long> last = new java.util.HashMap<>();
        for (int i = lowerBound(now - widest + 1); i < upTo; i++) {
            if (numbers[i] != msisdn) {
                last.merge(numbers[i], times[i], Math::max);
            }
        }
        int counts1 = 0;
        int counts2 = 0;
        for (long time : last.values()) {
            counts1 += now - time < window1 ? 1 : 0;
            counts2 += now - time < window2 ? 1 : 0;
        }
        return (long) counts1 << 32 | counts2;
    }

    private void setAmount(int at, int amount) {
        long delta = (long) amount - amounts[at];
        amounts[at] = amount;
        if (delta != 0) {
            for (int i = at + 1; i <= end; i++) {
                spend[i] += delta;
            }
        }
    }

    /** @return the index of the latest attempt of {@code number} at {@code time} with {@code amount}, or -1 */
    private int find(long time, long number, int amount) {
        for (int i = upperBound(time) - 1; i >= start && times[i] == time; i--) {
            if (numbers[i] == number && amounts[i] == amount) {
                return i;
            }
        }
        return -1;
    }

    private void makeRoom() {
        int used = end - start;
        int capacity = used * 2 < times.length ? times.length : times.length * 2;
        long[] newSpend = new long[capacity + 1];
        System.arraycopy(spend, start, newSpend, 0, used + 1);
        times = Arrays.copyOfRange(times, start, start + capacity);
        numbers = Arrays.copyOfRange(numbers, start, start + capacity);
        amounts = Arrays.copyOfRange(amounts, start, start + capacity);
        spend = newSpend;
        start = 0;
        end = used;
    }

    /** @return the first index from {@code start} whose time is at least {@code time} */
    private int lowerBound(long time) {
        int low = start;
        int high = end;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] < time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** @return the first index from {@code start} whose time is after {@code time} */
    private int upperBound(long time) {
        return time == Long.MAX_VALUE ? end : lowerBound(time + 1);
    }

    private int slot(long number) {
        int mask = lastKeys.length - 1;
        int i = (int) KeyedTable.mix(number) & mask;
        while (lastKeys[i] != 0 && lastKeys[i] != number) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Rebuilds the last-attempt table from the kept attempts. */
    private void rehash(int capacity) {
        int needed = 32;
        while (needed < capacity && needed < 2 * (end - start)) {
            needed *= 2;
        }
        lastKeys = new long[Math.max(needed, 32)];
        lastTimes = new long[lastKeys.length];
        lastCount = 0;
        for (int i = start; i < end; i++) {
            int slot = slot(numbers[i]);
            if (lastKeys[slot] == 0) {
                lastKeys[slot] = numbers[i];
                lastTimes[slot] = times[i];
                lastCount++;
            } else {
                lastTimes[slot] = Math.max(lastTimes[slot], times[i]);
            }
        }
        if (lastCount * 2 > lastKeys.length) {
            rehash(lastKeys.length * 2);
            return;
        }
        lastSorted = new long[Math.max(16, lastCount)];
        sortedCount = 0;
        for (int i = 0; i < lastKeys.length; i++) {
            if (lastKeys[i] != 0) {
                lastSorted[sortedCount++] = lastTimes[i];
            }
        }
        Arrays.sort(lastSorted, 0, sortedCount);
    }
}
