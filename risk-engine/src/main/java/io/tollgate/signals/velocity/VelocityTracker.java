package io.tollgate.signals.velocity;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.ChinaTime;
import io.tollgate.facts.Subscription;
import io.tollgate.facts.Velocity;
import io.tollgate.facts.VelocityWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Velocity counters and subscription state, in memory. Every attempt is recorded here after its
 * verdict is in the decision log, and the engine rebuilds the tracker from the log's last
 * {@link #REBUILD_WINDOW} when it opens, so velocity survives a restart without a second write per
 * check.
 *
 * <p>Each attempt is stored once, in its number's {@link NumberRecord} (12 bytes: time, approved
 * amount, merchant, device and IP), and every window is counted exactly from the attempts. A device
 * or an IP keeps only the numbers it charged ({@link SeenNumbers}); its windows and distinct numbers
 * are counted from those numbers' records. One that charged more than {@link #HOT_AFTER} numbers (a
 * carrier's NAT gateway) also keeps its attempts in time order ({@link HotEvents}), and counts from
 * those, so a check does not visit thousands of records. Numbers are kept by block of 100 (their
 * first 9 digits), so a number's neighbours in the block are found with it.
 *
 * <p>Exact within these bounds: an amount over 21,474,836.47 CNY counts as that much in the windows
 * of later checks; a number lists the devices (and IPs) of its newest attempts up to 62, and its
 * older attempts from further ones count for no device (IP) but a hot one that kept them; past 1,048,575 merchant ids, the
 * newer ones share one in a number's per-merchant figures. Every count and sum saturates at its type's bound
 * rather than wrapping ({@link Saturating}), so that no volume of charges turns a spend negative. Merchant and subscription product ids
 * are interned for the life of the tracker (a catalogue, not traffic).
 *
 * <p>Thread-safe. Each table has 64 stripes with a lock each; a device or IP stripe may be held
 * while number stripes are taken, never the other way round. Reading a snapshot and recording the
 * attempt are separate steps; the engine holds a per-number lock around both so that concurrent
 * checks of one number see each other's attempts and cannot together pass a limit.
 */
public final class VelocityTracker {
    /** How much of the decision log feeds a rebuild: a calendar month, plus a margin. */
    public static final Duration REBUILD_WINDOW = Duration.ofDays(35);
    /** How long an attempt is kept: a calendar month, and a margin. */
    static final long RETENTION_MS = Duration.ofDays(32).toMillis();
    private static final long TEN_MINUTES_MS = WindowSums.TEN_MINUTES_MS;
    private static final long HOUR_MS = WindowSums.HOUR_MS;
    private static final long DAY_MS = WindowSums.DAY_MS;
    private static final long WEEK_MS = Duration.ofDays(7).toMillis();
    /** Marks a {@link BillingType#MONTHLY_ROLLING} subscription's product id. */
    private static final int ROLLING = Integer.MIN_VALUE;
    private static final int[][] NO_RECORDS = new int[0][];
    /** China time is UTC+8 all year. */
    /** A device or IP that charged more numbers than this keeps its own attempts ({@link HotEvents}). */
    static final int HOT_AFTER = 64;

    /** Number records by block: one {@code int[]}, or an {@code Object[]} of them for a block of several. */
    private final KeyedTable numbers = new KeyedTable();
    private final KeyedTable devices = new KeyedTable();
    private final KeyedTable ips = new KeyedTable();
    private final Ids merchants = new Ids(NumberRecord.MERCHANT_MASK + 1);
    private final Ids products = new Ids(Integer.MAX_VALUE);
    private final MerchantVolume merchantVolume = new MerchantVolume();
    /** Changed under the key's stripe of {@link #devices} (or {@link #ips}); a hot key's array is longer than {@link #hotAfter} + 1. */
    private final Map<Long, HotEvents> hotDevices = new ConcurrentHashMap<>();
    private final Map<Long, HotEvents> hotIps = new ConcurrentHashMap<>();
    private final int hotAfter;

    /** A tracker whose devices and IPs shared by more than {@link #HOT_AFTER} numbers keep their own attempts. */
    public VelocityTracker() {
        this(HOT_AFTER);
    }

    /** @param hotAfter how many numbers a device or IP charges before it keeps its own attempts */
    VelocityTracker(int hotAfter) {
        this.hotAfter = hotAfter;
    }

    /**
     * What velocity tells about a charge as of an instant.
     *
     * @param velocity the windows, including the charge itself
     * @param subscription the state of this number's subscription to this product
     * @param merchantApproved30d the merchant's approved charges in the last 30 days
     */
    public record Snapshot(Velocity velocity, Subscription subscription, long merchantApproved30d) {
    }

    /**
     * @param charge the charge being checked
     * @param now the instant of the check
     * @return the figures as of {@code now}, counting the charge as one more attempt
     */
    public Snapshot snapshot(ChargeRequest charge, Instant now) {
        long nowMs = now.toEpochMilli();
        long dayStart = ChinaTime.dayStartMs(nowMs);
        long monthStart = ChinaTime.monthStartMs(nowMs);
        long amount = charge.amountFen();
        long msisdn = Long.parseLong(charge.msisdn().digits());
        int merchant = merchants.find(charge.merchantId());
        boolean withDevice = charge.deviceId() != null;
        boolean withIp = charge.ip() != null;
        long device = withDevice ? Hashes.of(charge.deviceId()) : 0;
        long ip = withIp ? Hashes.of(charge.ip()) : 0;

        WindowSums own = new WindowSums(nowMs, dayStart, monthStart, amount);
        WindowSums pair = new WindowSums(nowMs, dayStart, monthStart, amount);
        WindowSums deviceSums = new WindowSums(nowMs, dayStart, monthStart, amount);
        WindowSums ipSums = new WindowSums(nowMs, dayStart, monthStart, amount);
        int merchants10m = 1;
        int block24h = 1;
        int block7d = 1;
        Subscription subscription = Subscription.NONE;
        KeyedTable.Stripe stripe = numbers.stripe(msisdn / 100);
        synchronized (stripe) {
            Object group = stripe.get(msisdn / 100);
            int suffix = (int) (msisdn % 100);
            int count = group == null ? 0 : group instanceof int[] ? 1 : ((Object[]) group).length;
            for (int i = 0; i < count; i++) {
                int[] r = group instanceof int[] single ? single : (int[]) ((Object[]) group)[i];
                if (NumberRecord.suffix(r) != suffix) {
                    block24h += NumberRecord.seenWithin(r, nowMs, DAY_MS) ? 1 : 0; // at most 100 numbers a block
                    block7d += NumberRecord.seenWithin(r, nowMs, WEEK_MS) ? 1 : 0;
                    continue;
                }
                int deviceIndex = withDevice ? NumberRecord.deviceIndex(r, device) : NumberRecord.NONE;
                int ipIndex = withIp ? NumberRecord.ipIndex(r, ip) : NumberRecord.NONE;
                long base = NumberRecord.baseMs(r);
                for (int at = NumberRecord.eventsAt(r); at < r.length; at += NumberRecord.EVENT) {
                    long time = NumberRecord.time(r, base, at);
                    int approved = NumberRecord.amount(r, at);
                    own.add(time, approved);
                    if (NumberRecord.merchant(r, at) == merchant) {
                        pair.add(time, approved);
                    }
                    if (deviceIndex != NumberRecord.NONE && NumberRecord.device(r, at) == deviceIndex) {
                        deviceSums.add(time, approved);
                    }
                    if (ipIndex != NumberRecord.NONE && NumberRecord.ip(r, at) == ipIndex) {
                        ipSums.add(time, approved);
                    }
                }
                merchants10m = distinctMerchants10m(r, nowMs, merchant);
                if (NumberRecord.subscriptions(r) > 0) {
                    subscription = subscription(r, products.find(productKey(charge.merchantId(),
                            charge.productId())), now);
                }
            }
        }
        VelocityWindow deviceWindow = VelocityWindow.NONE;
        int deviceMsisdns24h = 0;
        int deviceMsisdns7d = 0;
        if (withDevice) {
            long counts = others(devices, device, msisdn, true, deviceSums, Math.min(monthStart, nowMs - WEEK_MS),
                    nowMs, DAY_MS, WEEK_MS, dayStart, monthStart, amount);
            deviceWindow = deviceSums.window();
            deviceMsisdns24h = Saturating.increment((int) (counts >>> 32));
            deviceMsisdns7d = Saturating.increment((int) counts);
        }
        VelocityWindow ipWindow = VelocityWindow.NONE;
        int ipMsisdns24h = 0;
        int ipMsisdns1h = 0;
        if (withIp) {
            long counts = others(ips, ip, msisdn, false, ipSums, Math.min(monthStart, nowMs - DAY_MS), nowMs,
                    HOUR_MS, DAY_MS, dayStart, monthStart, amount);
            ipWindow = ipSums.window();
            ipMsisdns1h = Saturating.increment((int) (counts >>> 32));
            ipMsisdns24h = Saturating.increment((int) counts);
        }
        Velocity velocity = new Velocity(own.window(), deviceWindow, ipWindow, pair.window(), deviceMsisdns24h,
                ipMsisdns24h, ipMsisdns1h, merchants10m, block24h, deviceMsisdns7d, block7d);
        return new Snapshot(velocity, subscription,
                merchantVolume.last30Days(charge.merchantId(), ChinaTime.epochDay(nowMs)));
    }

    /**
     * Adds to {@code sums} the attempts from a device (or IP) of the numbers other than
     * {@code msisdn} it charged, and counts those numbers seen in two windows.
     *
     * A hot key's figures come from its own attempts instead: they replace {@code sums} (its number's own).
     *
     * @param earliest attempts before this (epoch ms) count in no figure asked for
     * @return how many other numbers were charged from the key in {@code window1} (high 32 bits) and
     *     in {@code window2} (low 32 bits)
     */
    private long others(KeyedTable table, long key, long msisdn, boolean isDevice, WindowSums sums, long earliest,
            long now, long window1, long window2, long dayStart, long monthStart, long amount) {
        int counts1 = 0;
        int counts2 = 0;
        KeyedTable.Stripe stripe = table.stripe(key);
        synchronized (stripe) { // then number stripes: the order every caller follows
            long[] seen = (long[]) stripe.get(key);
            if (seen == null) {
                return 0;
            }
            HotEvents hot = hot(isDevice, key, seen);
            if (hot != null) {
                sums.replaceWith(hot.window(now, dayStart, monthStart, amount));
                return hot.distinct(msisdn, now, window1, window2);
            }
            for (int i = 1; i < seen.length && seen[i] != 0; i++) {
                long number = SeenNumbers.number(seen[i]);
                if (number == msisdn || SeenNumbers.lastSeenMs(seen[i]) < earliest) {
                    continue;
                }
                KeyedTable.Stripe numberStripe = numbers.stripe(number / 100);
                synchronized (numberStripe) {
                    int[] r = find(numberStripe.get(number / 100), (int) (number % 100));
                    if (r == null) {
                        continue;
                    }
                    int index = isDevice ? NumberRecord.deviceIndex(r, key) : NumberRecord.ipIndex(r, key);
                    if (index == NumberRecord.NONE) {
                        continue;
                    }
                    long newestAge = Long.MAX_VALUE;
                    long base = NumberRecord.baseMs(r);
                    for (int at = NumberRecord.eventsAt(r); at < r.length; at += NumberRecord.EVENT) {
                        if ((isDevice ? NumberRecord.device(r, at) : NumberRecord.ip(r, at)) != index) {
                            continue;
                        }
                        long time = NumberRecord.time(r, base, at);
                        sums.add(time, NumberRecord.amount(r, at));
                        if (time <= now) {
                            newestAge = Math.min(newestAge, now - time);
                        }
                    }
                    counts1 += newestAge < window1 ? 1 : 0;
                    counts2 += newestAge < window2 ? 1 : 0;
                }
            }
        }
        return (long) counts1 << 32 | counts2;
    }

    /** @return the key's own attempts when it is hot, else null; under the key's stripe lock */
    private HotEvents hot(boolean isDevice, long key, long[] seen) {
        return seen.length <= hotAfter + 1 ? null : (isDevice ? hotDevices : hotIps).get(key);
    }

    /**
     * Builds a key's own attempts from its numbers' records, once it charged more than
     * {@link #hotAfter} numbers; under the key's stripe lock.
     */
    private void makeHot(boolean isDevice, long key, long[] seen) {
        int count = 0;
        while (count + 1 < seen.length && seen[count + 1] != 0) {
            count++;
        }
        if (count <= hotAfter) {
            return;
        }
        HotEvents hot = new HotEvents();
        for (int i = 1; i <= count; i++) {
            long number = SeenNumbers.number(seen[i]);
            KeyedTable.Stripe numberStripe = numbers.stripe(number / 100);
            synchronized (numberStripe) {
                int[] r = find(numberStripe.get(number / 100), (int) (number % 100));
                int index = r == null ? NumberRecord.NONE
                        : isDevice ? NumberRecord.deviceIndex(r, key) : NumberRecord.ipIndex(r, key);
                if (index == NumberRecord.NONE) {
                    continue;
                }
                long base = NumberRecord.baseMs(r);
                for (int at = NumberRecord.eventsAt(r); at < r.length; at += NumberRecord.EVENT) {
                    if ((isDevice ? NumberRecord.device(r, at) : NumberRecord.ip(r, at)) == index) {
                        hot.add(NumberRecord.time(r, base, at), NumberRecord.amount(r, at), number);
                    }
                }
            }
        }
        (isDevice ? hotDevices : hotIps).put(key, hot);
    }

    /**
     * Applies a change of one attempt to the hot keys it came from: its amount changes from
     * {@code from} to {@code to}, or, when {@code to} is negative, it is forgotten.
     */
    private void changeHot(Attempt attempt, long msisdn, long time, int from, int to) {
        if (attempt.deviceId() != null) {
            changeHot(devices, true, Hashes.of(attempt.deviceId()), msisdn, time, from, to);
        }
        if (attempt.ip() != null) {
            changeHot(ips, false, Hashes.of(attempt.ip()), msisdn, time, from, to);
        }
    }

    private void changeHot(KeyedTable table, boolean isDevice, long key, long msisdn, long time, int from, int to) {
        KeyedTable.Stripe stripe = table.stripe(key);
        synchronized (stripe) {
            long[] seen = (long[]) stripe.get(key);
            HotEvents hot = seen == null ? null : hot(isDevice, key, seen);
            if (hot == null) {
                return;
            }
            if (to < 0) {
                hot.remove(time, msisdn, from);
            } else {
                hot.changeAmount(time, msisdn, from, to);
            }
        }
    }

    /** Counts the distinct merchants of the record's attempts in the last 10 minutes, plus {@code current}. */
    private static int distinctMerchants10m(int[] r, long now, int current) {
        int distinct = 1;
        long base = NumberRecord.baseMs(r);
        int first = NumberRecord.eventsAt(r);
        for (int at = first; at < r.length; at += NumberRecord.EVENT) {
            int merchant = NumberRecord.merchant(r, at);
            if (merchant == current || !within10m(r, base, at, now)) {
                continue;
            }
            boolean counted = false;
            for (int earlier = first; earlier < at && !counted; earlier += NumberRecord.EVENT) {
                counted = NumberRecord.merchant(r, earlier) == merchant && within10m(r, base, earlier, now);
            }
            distinct += counted ? 0 : 1;
        }
        return distinct;
    }

    private static boolean within10m(int[] r, long base, int at, long now) {
        long age = now - NumberRecord.time(r, base, at);
        return age >= 0 && age < TEN_MINUTES_MS;
    }

    private static Subscription subscription(int[] r, int product, Instant now) {
        int i = product < 0 ? -1 : NumberRecord.subscriptionIndex(r, product);
        if (i < 0) {
            return Subscription.NONE;
        }
        int at = NumberRecord.subscriptionsAt(r) + NumberRecord.SUB * i;
        Instant paidAt = Instant.ofEpochMilli(NumberRecord.longAt(r, at + 1));
        if (paidAt.isAfter(now)) {
            return Subscription.NONE;
        }
        BillingType type = (r[at] & ROLLING) != 0 ? BillingType.MONTHLY_ROLLING : BillingType.MONTHLY_CALENDAR;
        Instant periodEnd = SubscriptionPeriods.periodEnd(type, paidAt);
        return new Subscription(true, type, paidAt, periodEnd, now.isBefore(periodEnd));
    }

    /** Records an attempt after its verdict. */
    public void record(Attempt attempt) {
        long time = attempt.at().toEpochMilli();
        long msisdn = Long.parseLong(attempt.msisdn());
        int approved = attempt.approved() ? storedAmount(attempt.amountFen()) : 0;
        int merchant = merchants.intern(attempt.merchantId());
        boolean withDevice = attempt.deviceId() != null;
        boolean withIp = attempt.ip() != null;
        long device = withDevice ? Hashes.of(attempt.deviceId()) : 0;
        long ip = withIp ? Hashes.of(attempt.ip()) : 0;
        int product = attempt.approved() && attempt.billingType().isSubscription()
                ? products.intern(productKey(attempt.merchantId(), attempt.productId())) : -1;
        KeyedTable.Stripe stripe = numbers.stripe(msisdn / 100);
        synchronized (stripe) {
            Object group = stripe.get(msisdn / 100);
            int[] r = find(group, (int) (msisdn % 100));
            int typeBit = typeBit(attempt.billingType());
            int[] current = r == null ? NumberRecord.empty(msisdn)
                    : NumberRecord.withoutEventsBefore(r, time - RETENTION_MS);
            int[] appended = NumberRecord.appended(current, time, approved, merchant, withDevice, device, withIp, ip,
                    product, typeBit);
            if (appended == null) { // a 63rd device or IP, or a time far from the others
                NumberRecord.Unpacked changed = new NumberRecord.Unpacked(current);
                changed.addEvent(time, approved, merchant, withDevice, device, withIp, ip);
                if (product >= 0) {
                    changed.putSubscription(product | typeBit, time);
                }
                appended = changed.pack();
            }
            store(stripe, msisdn, group, appended);
        }
        if (withDevice) {
            seen(devices, true, device, msisdn, time, approved);
        }
        if (withIp) {
            seen(ips, false, ip, msisdn, time, approved);
        }
        if (attempt.approved()) {
            merchantVolume.add(attempt.merchantId(), ChinaTime.epochDay(attempt.at().toEpochMilli()), 1);
        }
    }

    private void seen(KeyedTable table, boolean isDevice, long key, long msisdn, long time, int approved) {
        KeyedTable.Stripe stripe = table.stripe(key);
        synchronized (stripe) {
            long[] seen = (long[]) stripe.get(key);
            HotEvents hot = seen == null ? null : hot(isDevice, key, seen);
            long[] updated = SeenNumbers.add(seen, key, msisdn, time);
            if (updated != seen) {
                stripe.put(key, updated);
            }
            if (hot != null) {
                hot.add(time, approved, msisdn);
            } else if (updated.length > hotAfter + 1) {
                makeHot(isDevice, key, updated); // its records hold this attempt already
            }
        }
    }

    /**
     * Takes back the approval of an attempt the carrier reported as failed: its amount no longer
     * counts as spend, the merchant's volume drops, and a subscription it started is forgotten.
     */
    public void unapprove(Attempt attempt) {
        long msisdn = Long.parseLong(attempt.msisdn());
        int amount = storedAmount(attempt.amountFen());
        long time;
        KeyedTable.Stripe stripe = numbers.stripe(msisdn / 100);
        synchronized (stripe) {
            int[] r = find(stripe.get(msisdn / 100), (int) (msisdn % 100));
            int at = r == null ? -1 : findAttempt(r, attempt, amount, amount);
            if (at < 0) {
                return; // not tracked (older than the rebuild window) or not approved
            }
            r[at + 1] = 0;
            time = NumberRecord.time(r, NumberRecord.baseMs(r), at);
            forgetSubscription(stripe, msisdn, r, attempt, time);
        }
        changeHot(attempt, msisdn, time, amount, 0);
        merchantVolume.add(attempt.merchantId(), ChinaTime.epochDay(attempt.at().toEpochMilli()), -1);
    }

    /**
     * Gives back the approval an earlier carrier failure took away, when the carrier corrects its
     * result to a success.
     */
    public void reapprove(Attempt attempt) {
        long msisdn = Long.parseLong(attempt.msisdn());
        long time;
        KeyedTable.Stripe stripe = numbers.stripe(msisdn / 100);
        synchronized (stripe) {
            int[] r = find(stripe.get(msisdn / 100), (int) (msisdn % 100));
            int at = r == null ? -1 : findAttempt(r, attempt, 0, 0);
            if (at < 0) {
                return; // not tracked, or never taken back
            }
            r[at + 1] = storedAmount(attempt.amountFen());
            time = NumberRecord.time(r, NumberRecord.baseMs(r), at);
            if (attempt.billingType().isSubscription()) {
                int product = products.intern(productKey(attempt.merchantId(), attempt.productId()));
                int i = NumberRecord.subscriptionIndex(r, product);
                long current = i < 0 ? Long.MIN_VALUE
                        : NumberRecord.longAt(r, NumberRecord.subscriptionsAt(r) + NumberRecord.SUB * i + 1);
                if (current <= time) {
                    NumberRecord.Unpacked changed = new NumberRecord.Unpacked(r);
                    changed.putSubscription(product | typeBit(attempt.billingType()), time);
                    store(stripe, msisdn, changed.pack());
                }
            }
        }
        changeHot(attempt, msisdn, time, 0, storedAmount(attempt.amountFen()));
        merchantVolume.add(attempt.merchantId(), ChinaTime.epochDay(attempt.at().toEpochMilli()), 1);
    }

    /**
     * Takes back a recorded attempt whose verdict could not be stored (or had been stored before),
     * so that velocity counts exactly what the decision log holds.
     */
    public void forget(Attempt attempt) {
        long msisdn = Long.parseLong(attempt.msisdn());
        int approved = attempt.approved() ? storedAmount(attempt.amountFen()) : 0;
        int amount;
        long time;
        KeyedTable.Stripe stripe = numbers.stripe(msisdn / 100);
        synchronized (stripe) {
            int[] r = find(stripe.get(msisdn / 100), (int) (msisdn % 100));
            int at = r == null ? -1 : findAttempt(r, attempt, approved, 0); // 0: its approval was taken back
            if (at < 0) {
                return;
            }
            amount = NumberRecord.amount(r, at);
            time = NumberRecord.time(r, NumberRecord.baseMs(r), at);
            NumberRecord.Unpacked changed = new NumberRecord.Unpacked(r);
            changed.removeEvent((at - NumberRecord.eventsAt(r)) / NumberRecord.EVENT);
            int[] packed = changed.pack();
            store(stripe, msisdn, packed);
            if (amount > 0 && packed != null) {
                forgetSubscription(stripe, msisdn, packed, attempt, time);
            }
        }
        changeHot(attempt, msisdn, time, amount, -1);
        if (amount > 0) {
            merchantVolume.add(attempt.merchantId(), ChinaTime.epochDay(attempt.at().toEpochMilli()), -1);
        }
    }

    /** Forgets the subscription the attempt at {@code time} paid for, unless a later charge paid it again. */
    private void forgetSubscription(KeyedTable.Stripe stripe, long msisdn, int[] r, Attempt attempt, long time) {
        int product = products.find(productKey(attempt.merchantId(), attempt.productId()));
        int i = product < 0 ? -1 : NumberRecord.subscriptionIndex(r, product);
        if (i >= 0 && NumberRecord.longAt(r, NumberRecord.subscriptionsAt(r) + NumberRecord.SUB * i + 1) == time) {
            NumberRecord.Unpacked changed = new NumberRecord.Unpacked(r);
            changed.removeSubscription(i);
            store(stripe, msisdn, changed.pack());
        }
    }

    /**
     * Finds the attempt of a request: the latest with its merchant, device and IP, an approved
     * amount of {@code amount} or {@code orAmount}, and its time, or failing that a time 1 ms off
     * (the decision log stores microseconds, and rounds).
     *
     * @return the index of the attempt's first int, or -1
     */
    private int findAttempt(int[] r, Attempt attempt, int amount, int orAmount) {
        int merchant = merchants.find(attempt.merchantId());
        int device = attempt.deviceId() == null ? NumberRecord.NONE
                : NumberRecord.deviceIndex(r, Hashes.of(attempt.deviceId()));
        int ip = attempt.ip() == null ? NumberRecord.NONE : NumberRecord.ipIndex(r, Hashes.of(attempt.ip()));
        long time = attempt.at().toEpochMilli();
        long base = NumberRecord.baseMs(r);
        int near = -1;
        for (int at = r.length - NumberRecord.EVENT; at >= NumberRecord.eventsAt(r); at -= NumberRecord.EVENT) {
            int stored = NumberRecord.amount(r, at);
            if (NumberRecord.merchant(r, at) != merchant || NumberRecord.device(r, at) != device
                    || NumberRecord.ip(r, at) != ip || (stored != amount && stored != orAmount)) {
                continue;
            }
            long off = Math.abs(NumberRecord.time(r, base, at) - time);
            if (off == 0) {
                return at;
            }
            if (off == 1 && near < 0) {
                near = at;
            }
        }
        return near;
    }

    /**
     * Forgets attempts older than the retention (a calendar month and a margin), subscriptions whose
     * period ended that long ago, and the numbers, devices and IPs left with neither, so memory
     * follows the active numbers rather than every number ever seen.
     *
     * @param now the engine's clock
     * @return how many numbers, devices and IPs were forgotten
     */
    public int prune(Instant now) {
        long cutoff = now.toEpochMilli() - RETENTION_MS;
        int[] numbersGone = new int[1];
        numbers.replaceAll(group -> {
            int[][] records = records(group);
            int kept = 0;
            for (int[] r : records) {
                int[] pruned = prune(r, cutoff);
                if (pruned != null) {
                    records[kept++] = pruned;
                }
            }
            numbersGone[0] += records.length - kept;
            return kept == 0 ? null : kept == 1 ? records[0] : Arrays.copyOf(records, kept, Object[].class);
        });
        int devicesGone = devices.replaceAll(seen -> prune((long[]) seen, hotDevices, cutoff));
        int ipsGone = ips.replaceAll(seen -> prune((long[]) seen, hotIps, cutoff));
        return numbersGone[0] + devicesGone + ipsGone;
    }

    /** Prunes a device's (IP's) numbers and its own attempts, under its stripe lock. */
    private long[] prune(long[] seen, Map<Long, HotEvents> hot, long cutoff) {
        long key = seen[0];
        HotEvents events = hot.get(key);
        long[] kept = SeenNumbers.dropBefore(seen, cutoff);
        if (events != null) {
            events.dropBefore(cutoff);
            if (kept == null || kept.length <= hotAfter + 1) {
                hot.remove(key);
            }
        }
        return kept;
    }

    private static int[] prune(int[] r, long cutoff) {
        boolean stale = false;
        long base = NumberRecord.baseMs(r);
        for (int at = NumberRecord.eventsAt(r); at < r.length && !stale; at += NumberRecord.EVENT) {
            stale = NumberRecord.time(r, base, at) < cutoff;
        }
        for (int i = 0, at = NumberRecord.subscriptionsAt(r); i < NumberRecord.subscriptions(r) && !stale;
                i++, at += NumberRecord.SUB) {
            long paidAt = NumberRecord.longAt(r, at + 1);
            stale = paidAt < cutoff && periodEnd(r[at], paidAt) < cutoff;
        }
        if (!stale) {
            return r;
        }
        NumberRecord.Unpacked changed = new NumberRecord.Unpacked(r);
        changed.dropEventsBefore(cutoff);
        for (int i = changed.subCount - 1; i >= 0; i--) {
            if (periodEnd(changed.subProducts[i], changed.subTimes[i]) < cutoff) {
                changed.removeSubscription(i);
            }
        }
        return changed.pack();
    }

    private static long periodEnd(int productWithType, long paidAt) {
        BillingType type = (productWithType & ROLLING) != 0 ? BillingType.MONTHLY_ROLLING
                : BillingType.MONTHLY_CALENDAR;
        return SubscriptionPeriods.periodEnd(type, Instant.ofEpochMilli(paidAt)).toEpochMilli();
    }

    /** @return how many numbers have attempts or subscriptions in memory */
    public int trackedNumbers() {
        int[] count = new int[1];
        numbers.forEach(group -> count[0] += group instanceof int[] ? 1 : ((Object[]) group).length);
        return count[0];
    }

    private static int typeBit(BillingType type) {
        return type == BillingType.MONTHLY_ROLLING ? ROLLING : 0;
    }

    /**
     * Amounts are stored as int fen; one over 21 million CNY counts as that much, far above any cap.
     * The charge being checked always counts in full.
     */
    private static int storedAmount(long amountFen) {
        return (int) Math.min(Integer.MAX_VALUE, amountFen);
    }

    /** Product ids are the merchant's own: two merchants may both sell a "VIP". */
    private static String productKey(String merchantId, String productId) {
        return merchantId + '\u0000' + productId;
    }

    /** @return the records of a block's group (null: none) */
    private static int[][] records(Object group) {
        if (group == null) {
            return NO_RECORDS;
        }
        if (group instanceof int[] r) {
            return new int[][] {r};
        }
        Object[] all = (Object[]) group;
        return Arrays.copyOf(all, all.length, int[][].class);
    }

    private static int[] find(Object group, int suffix) {
        if (group instanceof int[] r) {
            return NumberRecord.suffix(r) == suffix ? r : null;
        }
        if (group != null) {
            for (Object record : (Object[]) group) {
                if (NumberRecord.suffix((int[]) record) == suffix) {
                    return (int[]) record;
                }
            }
        }
        return null;
    }

    /** Stores (or, when null, removes) the record of {@code msisdn} in its block's group. */
    private static void store(KeyedTable.Stripe stripe, long msisdn, int[] record) {
        store(stripe, msisdn, stripe.get(msisdn / 100), record);
    }

    /** As {@link #store(KeyedTable.Stripe, long, int[])}, given the block's group as it is now. */
    private static void store(KeyedTable.Stripe stripe, long msisdn, Object group, int[] record) {
        long block = msisdn / 100;
        int suffix = (int) (msisdn % 100);
        if (record != null
                && (group == null || group instanceof int[] single && NumberRecord.suffix(single) == suffix)) {
            stripe.put(block, record); // the block's only number
            return;
        }
        Object[] others = group == null ? new Object[0]
                : group instanceof int[] ? new Object[] {group} : (Object[]) group;
        int index = -1;
        for (int i = 0; i < others.length; i++) {
            if (NumberRecord.suffix((int[]) others[i]) == suffix) {
                index = i;
            }
        }
        Object[] updated;
        if (index >= 0 && record != null) {
            updated = others.clone();
            updated[index] = record;
        } else if (index >= 0) {
            updated = new Object[others.length - 1];
            System.arraycopy(others, 0, updated, 0, index);
            System.arraycopy(others, index + 1, updated, index, others.length - index - 1);
        } else if (record != null) {
            updated = Arrays.copyOf(others, others.length + 1);
            updated[others.length] = record;
        } else {
            return;
        }
        if (updated.length == 0) {
            stripe.remove(block);
        } else {
            stripe.put(block, updated.length == 1 ? updated[0] : updated);
        }
    }
}
