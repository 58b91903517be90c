package io.tollgate.signals.velocity;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.ChinaTime;
import io.tollgate.facts.Subscription;
import io.tollgate.facts.Velocity;
import io.tollgate.facts.VelocityWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Velocity counters and subscription state, in memory. Every attempt is recorded here after its
 * verdict is in the decision log, and the engine rebuilds the tracker from the log's last
 * {@link #REBUILD_WINDOW} when it opens, so velocity survives a restart without a second write per
 * check.
 *
 * <p>Thread-safe. Reading a snapshot and recording the attempt are separate steps; the engine holds
 * a per-number lock around both so that concurrent checks of one number see each other's attempts
 * and cannot together pass a limit.
 */
public final class VelocityTracker {
    /** How much of the decision log feeds a rebuild: a calendar month, plus a margin. */
    public static final Duration REBUILD_WINDOW = Duration.ofDays(35);
    private static final long TEN_MINUTES_MS = Duration.ofMinutes(10).toMillis();
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final long WEEK_MS = Duration.ofDays(7).toMillis();

    private final ConcurrentHashMap<String, EventLog> byMsisdn = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, EventLog> byDevice = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, EventLog> byIp = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, EventLog> byMsisdnMerchant = new ConcurrentHashMap<>();
    /** Keyed by a number's first 9 digits: a block of 100 consecutive numbers. */
    private final ConcurrentHashMap<String, EventLog> byBlock = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SubscriptionState> subscriptions = new ConcurrentHashMap<>();
    private final MerchantVolume merchantVolume = new MerchantVolume();

    private record SubscriptionState(Subscription paid, long request) {
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
        long dayStart = ChinaTime.dayStart(now).toEpochMilli();
        long monthStart = ChinaTime.monthStart(now).toEpochMilli();
        long amount = charge.amountFen();
        String msisdn = charge.msisdn().digits();
        long msisdnKey = Long.parseLong(msisdn);
        long merchantKey = Hashes.of(charge.merchantId());

        EventLog msisdnLog = byMsisdn.get(msisdn);
        VelocityWindow msisdnWindow = windows(msisdnLog, nowMs, dayStart, monthStart, amount);
        int merchants10m = msisdnLog == null ? 1 : msisdnLog.distinctOthers(nowMs, TEN_MINUTES_MS, merchantKey);

        VelocityWindow deviceWindow = VelocityWindow.NONE;
        int deviceMsisdns24h = 0;
        int deviceMsisdns7d = 0;
        if (charge.deviceId() != null) {
            EventLog log = byDevice.get(charge.deviceId());
            deviceWindow = windows(log, nowMs, dayStart, monthStart, amount);
            deviceMsisdns24h = log == null ? 1 : log.distinctOthers(nowMs, DAY_MS, msisdnKey);
            deviceMsisdns7d = log == null ? 1 : log.distinctOthers(nowMs, WEEK_MS, msisdnKey);
        }
        VelocityWindow ipWindow = VelocityWindow.NONE;
        int ipMsisdns24h = 0;
        int ipMsisdns1h = 0;
        if (charge.ip() != null) {
            EventLog log = byIp.get(charge.ip());
            ipWindow = windows(log, nowMs, dayStart, monthStart, amount);
            ipMsisdns24h = log == null ? 1 : log.distinctOthers(nowMs, DAY_MS, msisdnKey);
            ipMsisdns1h = log == null ? 1 : log.distinctOthers(nowMs, HOUR_MS, msisdnKey);
        }
        VelocityWindow pairWindow = windows(byMsisdnMerchant.get(pairKey(msisdn, charge.merchantId())),
                nowMs, dayStart, monthStart, amount);

        EventLog blockLog = byBlock.get(block(msisdn));
        int blockMsisdns24h = blockLog == null ? 1 : blockLog.distinctOthers(nowMs, DAY_MS, msisdnKey);
        int blockMsisdns7d = blockLog == null ? 1 : blockLog.distinctOthers(nowMs, WEEK_MS, msisdnKey);
        Velocity velocity = new Velocity(msisdnWindow, deviceWindow, ipWindow, pairWindow,
                deviceMsisdns24h, ipMsisdns24h, ipMsisdns1h, merchants10m, blockMsisdns24h, deviceMsisdns7d,
                blockMsisdns7d);
        return new Snapshot(velocity, subscription(msisdn, charge.merchantId(), charge.productId(), now),
                merchantVolume.last30Days(charge.merchantId(), ChinaTime.date(now).toEpochDay()));
    }

    /** Records an attempt after its verdict. */
    public void record(Attempt attempt) {
        long time = attempt.at().toEpochMilli();
        long approved = attempt.approved() ? attempt.amountFen() : 0;
        long request = Hashes.of(attempt.requestId());
        long msisdnKey = Long.parseLong(attempt.msisdn());
        long merchantKey = Hashes.of(attempt.merchantId());
        append(byMsisdn, attempt.msisdn(), time, approved, merchantKey, request);
        append(byMsisdnMerchant, pairKey(attempt.msisdn(), attempt.merchantId()), time, approved, msisdnKey, request);
        append(byBlock, block(attempt.msisdn()), time, approved, msisdnKey, request);
        if (attempt.deviceId() != null) {
            append(byDevice, attempt.deviceId(), time, approved, msisdnKey, request);
        }
        if (attempt.ip() != null) {
            append(byIp, attempt.ip(), time, approved, msisdnKey, request);
        }
        if (attempt.approved()) {
            merchantVolume.add(attempt.merchantId(), ChinaTime.date(attempt.at()).toEpochDay(), 1);
            if (attempt.billingType().isSubscription()) {
                Subscription paid = new Subscription(true, attempt.billingType(), attempt.at(),
                        SubscriptionPeriods.periodEnd(attempt.billingType(), attempt.at()), true);
                subscriptions.put(subscriptionKey(attempt.msisdn(), attempt.merchantId(), attempt.productId()),
                        new SubscriptionState(paid, request));
            }
        }
    }

    /**
     * Takes back the approval of an attempt the carrier reported as failed: its amount no longer
     * counts as spend, the merchant's volume drops, and a subscription it started is forgotten.
     */
    public void unapprove(Attempt attempt) {
        long request = Hashes.of(attempt.requestId());
        EventLog msisdnLog = byMsisdn.get(attempt.msisdn());
        if (msisdnLog == null || msisdnLog.unapprove(request) == 0) {
            return; // not tracked (older than the rebuild window) or not approved
        }
        unapprove(byMsisdnMerchant.get(pairKey(attempt.msisdn(), attempt.merchantId())), request);
        unapprove(attempt.deviceId() == null ? null : byDevice.get(attempt.deviceId()), request);
        unapprove(attempt.ip() == null ? null : byIp.get(attempt.ip()), request);
        merchantVolume.add(attempt.merchantId(), ChinaTime.date(attempt.at()).toEpochDay(), -1);
        subscriptions.computeIfPresent(subscriptionKey(attempt.msisdn(), attempt.merchantId(), attempt.productId()),
                (key, state) -> state.request() == request ? null : state);
    }

    /**
     * Gives back the approval an earlier carrier failure took away, when the carrier corrects its
     * result to a success.
     */
    public void reapprove(Attempt attempt) {
        long request = Hashes.of(attempt.requestId());
        EventLog msisdnLog = byMsisdn.get(attempt.msisdn());
        if (msisdnLog == null || !msisdnLog.reapprove(request, attempt.amountFen())) {
            return; // not tracked, or never taken back
        }
        reapprove(byMsisdnMerchant.get(pairKey(attempt.msisdn(), attempt.merchantId())), request, attempt.amountFen());
        reapprove(attempt.deviceId() == null ? null : byDevice.get(attempt.deviceId()), request, attempt.amountFen());
        reapprove(attempt.ip() == null ? null : byIp.get(attempt.ip()), request, attempt.amountFen());
        merchantVolume.add(attempt.merchantId(), ChinaTime.date(attempt.at()).toEpochDay(), 1);
        if (attempt.billingType().isSubscription()) {
            Subscription paid = new Subscription(true, attempt.billingType(), attempt.at(),
                    SubscriptionPeriods.periodEnd(attempt.billingType(), attempt.at()), true);
            subscriptions.merge(subscriptionKey(attempt.msisdn(), attempt.merchantId(), attempt.productId()),
                    new SubscriptionState(paid, request),
                    (current, restored) -> current.paid().lastChargeAt().isAfter(attempt.at()) ? current : restored);
        }
    }

    /**
     * Forgets keys with no attempt within the retention (a calendar month and a margin) and
     * subscriptions whose period ended that long ago, so memory follows the active numbers rather
     * than every number ever seen.
     *
     * @param now the engine's clock
     * @return how many keys were forgotten
     */
    public int prune(Instant now) {
        long cutoff = now.toEpochMilli() - EventLog.RETENTION_MS;
        int before = byMsisdn.size() + byDevice.size() + byIp.size() + byMsisdnMerchant.size() + byBlock.size()
                + subscriptions.size();
        for (ConcurrentHashMap<String, EventLog> logs : List.of(byMsisdn, byDevice, byIp, byMsisdnMerchant, byBlock)) {
            for (String key : logs.keySet()) {
                // computeIfPresent is atomic with append's compute: no attempt is added to a forgotten log
                logs.computeIfPresent(key, (k, log) -> log.newestBefore(cutoff) ? null : log);
            }
        }
        subscriptions.values().removeIf(state -> state.paid().periodEnd().toEpochMilli() < cutoff);
        return before - (byMsisdn.size() + byDevice.size() + byIp.size() + byMsisdnMerchant.size() + byBlock.size()
                + subscriptions.size());
    }

    /** @return how many numbers have attempts in memory */
    public int trackedNumbers() {
        return byMsisdn.size();
    }

    private Subscription subscription(String msisdn, String merchantId, String productId, Instant now) {
        SubscriptionState state = subscriptions.get(subscriptionKey(msisdn, merchantId, productId));
        if (state == null || state.paid().lastChargeAt().isAfter(now)) {
            return Subscription.NONE;
        }
        Subscription paid = state.paid();
        return new Subscription(true, paid.billingType(), paid.lastChargeAt(), paid.periodEnd(),
                now.isBefore(paid.periodEnd()));
    }

    private static void append(ConcurrentHashMap<String, EventLog> logs, String key, long time, long approvedFen,
            long other, long request) {
        logs.compute(key, (k, log) -> {
            EventLog target = log == null ? new EventLog() : log;
            target.add(time, approvedFen, other, request);
            return target;
        });
    }

    private static VelocityWindow windows(EventLog log, long now, long dayStart, long monthStart, long amount) {
        if (log == null) {
            return new VelocityWindow(1, 1, 1, 1, 1, amount, amount, amount, amount, amount);
        }
        return log.windows(now, dayStart, monthStart, amount);
    }

    private static void reapprove(EventLog log, long request, long amountFen) {
        if (log != null) {
            log.reapprove(request, amountFen);
        }
    }

    private static void unapprove(EventLog log, long request) {
        if (log != null) {
            log.unapprove(request);
        }
    }

    private static String pairKey(String msisdn, String other) {
        return msisdn + '|' + other;
    }

    private static String block(String msisdn) {
        return msisdn.substring(0, 9);
    }

    /** Product ids are the merchant's own: two merchants may both sell a "VIP". */
    private static String subscriptionKey(String msisdn, String merchantId, String productId) {
        return msisdn + '|' + merchantId + '|' + productId;
    }
}
