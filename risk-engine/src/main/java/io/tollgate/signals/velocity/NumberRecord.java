package io.tollgate.signals.velocity;

/**
 * The velocity state of one number packed in one exact-size {@code int[]}: its attempts of the last
 * month, the devices and IPs they came from, and its paid subscriptions. It is the only copy of an
 * attempt: a device, IP or block of numbers finds its attempts through the numbers it lists.
 *
 * <pre>
 * [0]  block: the number's first 9 digits (its key in the table)
 * [1]  last 2 digits (bits 0-6) | devices (7-12) | IPs (13-18) | subscriptions (19-31)
 * [2]  base: the minute (since 1970) that attempt times count from
 * then 2 ints (a 64-bit hash) per device, 2 per IP,
 * 3 per subscription: product id | billing type (bit 31), paid-at epoch ms (2 ints),
 * 3 per attempt: ms after the base (unsigned), approved fen,
 *   merchant id | device index &lt;&lt; 20 | IP index &lt;&lt; 26
 * </pre>
 *
 * An attempt's device and IP are indexes into the record's own lists ({@link #NONE} for none). A
 * record lists at most {@value #MAX_TAGS} devices and as many IPs, those of its newest attempts;
 * older attempts from further ones are kept without a device (or IP). Static methods only; not
 * thread-safe: the tracker reads and replaces records under their stripe's lock.
 */
final class NumberRecord {
    /** The index of no device or IP. */
    static final int NONE = 63;
    /** Devices (or IPs) a record can list. */
    static final int MAX_TAGS = 62;
    /** Merchant ids fit 20 bits. */
    static final int MERCHANT_MASK = (1 << 20) - 1;
    /** Subscriptions a record can hold. */
    static final int MAX_SUBS = (1 << 13) - 1;
    static final int HEADER = 3;
    static final int SUB = 3;
    static final int EVENT = 3;
    private static final long MINUTE_MS = 60_000;
    private static final long OFFSET_LIMIT = 1L << 32;

    private NumberRecord() {
    }

    static int block(int[] r) {
        return r[0];
    }

    static int suffix(int[] r) {
        return r[1] & 0x7F;
    }

    static int devices(int[] r) {
        return (r[1] >>> 7) & 0x3F;
    }

    static int ips(int[] r) {
        return (r[1] >>> 13) & 0x3F;
    }

    static int subscriptions(int[] r) {
        return r[1] >>> 19;
    }

    static long baseMs(int[] r) {
        return r[2] * MINUTE_MS;
    }

    static int devicesAt(int[] r) {
        return HEADER;
    }

    static int ipsAt(int[] r) {
        return HEADER + 2 * devices(r);
    }

    static int subscriptionsAt(int[] r) {
        return ipsAt(r) + 2 * ips(r);
    }

    static int eventsAt(int[] r) {
        return subscriptionsAt(r) + SUB * subscriptions(r);
    }

    static int events(int[] r) {
        return (r.length - eventsAt(r)) / EVENT;
    }

    /** @return the index of the device with this hash, or {@link #NONE} */
    static int deviceIndex(int[] r, long hash) {
        return indexOf(r, devicesAt(r), devices(r), hash);
    }

    /** @return the index of the IP with this hash, or {@link #NONE} */
    static int ipIndex(int[] r, long hash) {
        return indexOf(r, ipsAt(r), ips(r), hash);
    }

    private static int indexOf(int[] r, int at, int count, long hash) {
        for (int i = 0; i < count; i++) {
            if (longAt(r, at + 2 * i) == hash) {
                return i;
            }
        }
        return NONE;
    }

    static long longAt(int[] r, int at) {
        return ((long) r[at] << 32) | (r[at + 1] & 0xFFFFFFFFL);
    }

    /** @return the epoch ms of the attempt whose first int is at {@code at} */
    static long time(int[] r, long baseMs, int at) {
        return baseMs + (r[at] & 0xFFFFFFFFL);
    }

    static int amount(int[] r, int at) {
        return r[at + 1];
    }

    static int merchant(int[] r, int at) {
        return r[at + 2] & MERCHANT_MASK;
    }

    static int device(int[] r, int at) {
        return (r[at + 2] >>> 20) & 0x3F;
    }

    static int ip(int[] r, int at) {
        return r[at + 2] >>> 26;
    }

    /** @return whether the record has an attempt at or before {@code now} and after {@code now - windowMs} */
    static boolean seenWithin(int[] r, long now, long windowMs) {
        long base = baseMs(r);
        for (int at = eventsAt(r); at < r.length; at += EVENT) {
            long age = now - time(r, base, at);
            if (age >= 0 && age < windowMs) {
                return true;
            }
        }
        return false;
    }

    /** @return the index of the subscription to {@code product}, or -1 */
    static int subscriptionIndex(int[] r, int product) {
        int at = subscriptionsAt(r);
        for (int i = 0, n = subscriptions(r); i < n; i++) {
            if ((r[at + SUB * i] & Integer.MAX_VALUE) == product) {
                return i;
            }
        }
        return -1;
    }

    /** @return the record of a number with nothing in it yet */
    static int[] empty(long msisdn) {
        return new int[] {(int) (msisdn / 100), (int) (msisdn % 100), 0};
    }

    /**
     * @return the record without its attempts older than {@code cutoff} (epoch ms) and the devices
     *     and IPs only those referred to, its base moved up to the oldest attempt kept (so that a
     *     new attempt still fits 32 bits of ms after it); {@code r} itself when none is that old
     */
    static int[] withoutEventsBefore(int[] r, long cutoff) {
        long base = baseMs(r);
        if (base >= cutoff) {
            return r; // every attempt is at or after the base: none to look at
        }
        int first = eventsAt(r);
        int kept = 0;
        long deviceMask = 0;
        long ipMask = 0;
        long oldestKept = Long.MAX_VALUE;
        for (int at = first; at < r.length; at += EVENT) {
            if (time(r, base, at) >= cutoff) {
                kept++;
                oldestKept = Math.min(oldestKept, time(r, base, at));
                deviceMask |= device(r, at) == NONE ? 0 : 1L << device(r, at);
                ipMask |= ip(r, at) == NONE ? 0 : 1L << ip(r, at);
            }
        }
        if (kept == (r.length - first) / EVENT) {
            return r;
        }
        int devices = Long.bitCount(deviceMask);
        int ips = Long.bitCount(ipMask);
        int subs = subscriptions(r);
        int[] out = new int[HEADER + 2 * devices + 2 * ips + SUB * subs + EVENT * kept];
        out[0] = r[0];
        out[1] = suffix(r) | devices << 7 | ips << 13 | subs << 19;
        long newBase = kept == 0 ? base : Math.floorDiv(oldestKept, MINUTE_MS) * MINUTE_MS;
        out[2] = (int) Math.floorDiv(newBase, MINUTE_MS);
        int to = HEADER;
        for (int i = 0; i < devices(r); i++) {
            if ((deviceMask & 1L << i) != 0) {
                putLong(out, to, longAt(r, devicesAt(r) + 2 * i));
                to += 2;
            }
        }
        for (int i = 0; i < ips(r); i++) {
            if ((ipMask & 1L << i) != 0) {
                putLong(out, to, longAt(r, ipsAt(r) + 2 * i));
                to += 2;
            }
        }
        System.arraycopy(r, subscriptionsAt(r), out, to, SUB * subs);
        to += SUB * subs;
        for (int at = first; at < r.length; at += EVENT) {
            if (time(r, base, at) >= cutoff) {
                int device = device(r, at);
                int ip = ip(r, at);
                out[to] = (int) (time(r, base, at) - newBase);
                out[to + 1] = r[at + 1];
                out[to + 2] = merchant(r, at) | renumbered(device, deviceMask) << 20 | renumbered(ip, ipMask) << 26;
                to += EVENT;
            }
        }
        return out;
    }

    /** @return the index of a device (or IP) among those {@code mask} keeps */
    private static int renumbered(int index, long mask) {
        return index == NONE ? NONE : Long.bitCount(mask & ((1L << index) - 1));
    }

    /**
     * The common change without {@link Unpacked}: one more attempt, from a device and IP the record
     * lists already or has room for, paying for a subscription, within the span of its base.
     *
     * @param product the product id of the subscription the attempt paid for, or -1
     * @param typeBit the billing type bit of that subscription
     * @return the record with the attempt appended, or null when the change needs unpacking
     */
    static int[] appended(int[] r, long time, int amount, int merchant, boolean withDevice, long device,
            boolean withIp, long ip, int product, int typeBit) {
        int devices = devices(r);
        int ips = ips(r);
        int subs = subscriptions(r);
        int deviceIndex = withDevice ? deviceIndex(r, device) : NONE;
        int ipIndex = withIp ? ipIndex(r, ip) : NONE;
        int sub = product < 0 ? -1 : subscriptionIndex(r, product);
        boolean newDevice = withDevice && deviceIndex == NONE;
        boolean newIp = withIp && ipIndex == NONE;
        boolean newSub = product >= 0 && sub < 0;
        int first = eventsAt(r);
        long base = first == r.length ? Math.floorDiv(time, MINUTE_MS) * MINUTE_MS : baseMs(r);
        if ((newDevice && devices == MAX_TAGS) || (newIp && ips == MAX_TAGS) || (newSub && subs == MAX_SUBS)
                || time < base || time - base >= OFFSET_LIMIT) {
            return null;
        }
        int devicesEnd = ipsAt(r);
        int ipsEnd = subscriptionsAt(r);
        int deviceGap = newDevice ? 2 : 0;
        int ipGap = newIp ? 2 : 0;
        int subGap = newSub ? SUB : 0;
        int[] out = new int[r.length + deviceGap + ipGap + subGap + EVENT];
        System.arraycopy(r, 0, out, 0, devicesEnd);
        System.arraycopy(r, devicesEnd, out, devicesEnd + deviceGap, ipsEnd - devicesEnd);
        System.arraycopy(r, ipsEnd, out, ipsEnd + deviceGap + ipGap, first - ipsEnd);
        System.arraycopy(r, first, out, first + deviceGap + ipGap + subGap, r.length - first);
        if (newDevice) {
            deviceIndex = devices;
            putLong(out, devicesEnd, device);
        }
        if (newIp) {
            ipIndex = ips;
            putLong(out, ipsEnd + deviceGap, ip);
        }
        out[1] = suffix(r) | (devices + deviceGap / 2) << 7 | (ips + ipGap / 2) << 13 | (subs + (newSub ? 1 : 0)) << 19;
        out[2] = (int) Math.floorDiv(base, MINUTE_MS);
        if (product >= 0) {
            int at = subscriptionsAt(out) + SUB * (newSub ? subs : sub);
            out[at] = product | typeBit;
            putLong(out, at + 1, time);
        }
        int at = out.length - EVENT;
        out[at] = (int) (time - base);
        out[at + 1] = amount;
        out[at + 2] = merchant | deviceIndex << 20 | ipIndex << 26;
        return out;
    }

    private static void putLong(int[] r, int at, long value) {
        r[at] = (int) (value >>> 32);
        r[at + 1] = (int) value;
    }

    /**
     * The record unpacked into growable arrays for a change, then packed again. Packing drops the
     * devices and IPs no attempt refers to and picks the base, so that every time fits.
     */
    static final class Unpacked {
        final int block;
        final int suffix;
        int[] subProducts;
        long[] subTimes;
        int subCount;
        long[] times;
        int[] amounts;
        int[] merchants;
        long[] deviceOf;
        long[] ipOf;
        boolean[] hasDevice;
        boolean[] hasIp;
        int eventCount;

        /** The record {@code r} unpacked, with room for one more attempt and subscription. */
        Unpacked(int[] r) {
            this.block = block(r);
            this.suffix = suffix(r);
            subCount = subscriptions(r);
            subProducts = new int[subCount + 1];
            subTimes = new long[subCount + 1];
            for (int i = 0, at = subscriptionsAt(r); i < subCount; i++, at += SUB) {
                subProducts[i] = r[at];
                subTimes[i] = longAt(r, at + 1);
            }
            eventCount = events(r);
            times = new long[eventCount + 1];
            amounts = new int[eventCount + 1];
            merchants = new int[eventCount + 1];
            deviceOf = new long[eventCount + 1];
            ipOf = new long[eventCount + 1];
            hasDevice = new boolean[eventCount + 1];
            hasIp = new boolean[eventCount + 1];
            long base = baseMs(r);
            for (int i = 0, at = eventsAt(r); i < eventCount; i++, at += EVENT) {
                times[i] = time(r, base, at);
                amounts[i] = amount(r, at);
                merchants[i] = merchant(r, at);
                int device = device(r, at);
                hasDevice[i] = device != NONE;
                deviceOf[i] = hasDevice[i] ? longAt(r, devicesAt(r) + 2 * device) : 0;
                int ip = ip(r, at);
                hasIp[i] = ip != NONE;
                ipOf[i] = hasIp[i] ? longAt(r, ipsAt(r) + 2 * ip) : 0;
            }
        }

        /** Appends an attempt; there is room for one. */
        void addEvent(long time, int amount, int merchant, boolean withDevice, long device, boolean withIp, long ip) {
            int i = eventCount++;
            times[i] = time;
            amounts[i] = amount;
            merchants[i] = merchant;
            hasDevice[i] = withDevice;
            deviceOf[i] = device;
            hasIp[i] = withIp;
            ipOf[i] = ip;
        }

        /** Removes attempt {@code i}, keeping the order of the others. */
        void removeEvent(int i) {
            int tail = eventCount - i - 1;
            System.arraycopy(times, i + 1, times, i, tail);
            System.arraycopy(amounts, i + 1, amounts, i, tail);
            System.arraycopy(merchants, i + 1, merchants, i, tail);
            System.arraycopy(deviceOf, i + 1, deviceOf, i, tail);
            System.arraycopy(ipOf, i + 1, ipOf, i, tail);
            System.arraycopy(hasDevice, i + 1, hasDevice, i, tail);
            System.arraycopy(hasIp, i + 1, hasIp, i, tail);
            eventCount--;
        }

        /** Drops the attempts older than {@code cutoff} (epoch ms). */
        void dropEventsBefore(long cutoff) {
            for (int i = eventCount - 1; i >= 0; i--) {
                if (times[i] < cutoff) {
                    removeEvent(i);
                }
            }
        }

        /** Sets the subscription to {@code product} (its id with the billing type bit), paid at {@code time}. */
        void putSubscription(int productWithType, long time) {
            int product = productWithType & Integer.MAX_VALUE;
            for (int i = 0; i < subCount; i++) {
                if ((subProducts[i] & Integer.MAX_VALUE) == product) {
                    subProducts[i] = productWithType;
                    subTimes[i] = time;
                    return;
                }
            }
            if (subCount == MAX_SUBS) {
                return; // 8,191 subscriptions paid within two months: the record holds no more
            }
            subProducts[subCount] = productWithType;
            subTimes[subCount] = time;
            subCount++;
        }

        /** Removes subscription {@code i}. */
        void removeSubscription(int i) {
            System.arraycopy(subProducts, i + 1, subProducts, i, subCount - i - 1);
            System.arraycopy(subTimes, i + 1, subTimes, i, subCount - i - 1);
            subCount--;
        }

        /** @return the packed record, or null when it holds no attempt and no subscription */
        int[] pack() {
            if (eventCount == 0 && subCount == 0) {
                return null;
            }
            fitTimes();
            long[] devices = new long[Math.min(eventCount, MAX_TAGS)];
            long[] ips = new long[Math.min(eventCount, MAX_TAGS)];
            int[] deviceIndex = new int[eventCount];
            int[] ipIndex = new int[eventCount];
            int deviceCount = 0;
            int ipCount = 0;
            for (int i = eventCount - 1; i >= 0; i--) { // the newest attempts' devices and IPs first
                deviceIndex[i] = hasDevice[i] ? tag(devices, deviceCount, deviceOf[i]) : NONE;
                if (deviceIndex[i] == deviceCount && deviceCount < MAX_TAGS) {
                    devices[deviceCount++] = deviceOf[i];
                } else if (deviceIndex[i] == deviceCount) {
                    deviceIndex[i] = NONE; // the record's device list is full
                }
                ipIndex[i] = hasIp[i] ? tag(ips, ipCount, ipOf[i]) : NONE;
                if (ipIndex[i] == ipCount && ipCount < MAX_TAGS) {
                    ips[ipCount++] = ipOf[i];
                } else if (ipIndex[i] == ipCount) {
                    ipIndex[i] = NONE;
                }
            }
            int[] r = new int[HEADER + 2 * deviceCount + 2 * ipCount + SUB * subCount + EVENT * eventCount];
            r[0] = block;
            r[1] = suffix | deviceCount << 7 | ipCount << 13 | subCount << 19;
            long minTime = Long.MAX_VALUE;
            for (int i = 0; i < eventCount; i++) {
                minTime = Math.min(minTime, times[i]);
            }
            r[2] = eventCount == 0 ? 0 : (int) Math.floorDiv(minTime, MINUTE_MS);
            int at = HEADER;
            for (int i = 0; i < deviceCount; i++, at += 2) {
                putLong(r, at, devices[i]);
            }
            for (int i = 0; i < ipCount; i++, at += 2) {
                putLong(r, at, ips[i]);
            }
            for (int i = 0; i < subCount; i++, at += SUB) {
                r[at] = subProducts[i];
                putLong(r, at + 1, subTimes[i]);
            }
            long base = baseMs(r);
            for (int i = 0; i < eventCount; i++, at += EVENT) {
                r[at] = (int) (times[i] - base);
                r[at + 1] = amounts[i];
                r[at + 2] = merchants[i] | deviceIndex[i] << 20 | ipIndex[i] << 26;
            }
            return r;
        }

        /** Drops the oldest attempts until every time fits 32 bits of ms after the first one's minute. */
        private void fitTimes() {
            while (eventCount > 0) {
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                int oldest = 0;
                for (int i = 0; i < eventCount; i++) {
                    if (times[i] < min) {
                        min = times[i];
                        oldest = i;
                    }
                    max = Math.max(max, times[i]);
                }
                if (max - Math.floorDiv(min, MINUTE_MS) * MINUTE_MS < OFFSET_LIMIT) {
                    return;
                }
                removeEvent(oldest); // 49 days older than the newest: outside every window
            }
        }

        private static int tag(long[] hashes, int count, long hash) {
            for (int i = 0; i < count; i++) {
                if (hashes[i] == hash) {
                    return i;
                }
            }
            return count;
        }
    }
}
