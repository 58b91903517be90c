package io.tollgate.generate;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import io.tollgate.signals.subscriber.Plan;
import io.tollgate.signals.subscriber.SubscriberStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Subscribers whose charges the carrier will not collect (坏账), labelled {@code bad_debt}: lines
 * being closed (销户中) whose owners buy freely before they go; closed lines whose service
 * providers still renew and re-order; suspended (停机) lines, which can only be charged without an
 * SMS, and half-suspended (单停) ones, which still receive the OTP; postpaid lines in arrears for
 * one to several weeks, some of them still active on credit; lines that fall into arrears during
 * the period (every charge of theirs lands on a bill that is never paid, including those made
 * before the carrier's next sync shows it); prepaid lines with a spent balance (for some the last
 * profile sync still shows money); and subscriptions renewed while their line is in arrears. The
 * carrier syncs profiles weekly, so arrears grow in steps and statuses follow them: 30 days
 * half-suspended, 60 suspended, 90 closing. Not thread-safe.
 */
final class BadDebtPattern implements Pattern {
    private enum Kind {
        CLOSING, CLOSED, SUSPENDED, HALF_SUSPENDED, ARREARS, ARREARS_ON_CREDIT, FALLING_BEHIND, PREPAID_SPENT,
        RENEWAL_IN_ARREARS
    }

    private static final double[] KIND_WEIGHTS = {14, 8, 10, 10, 14, 8, 10, 14, 12};

    private static final class Debtor {
        final Kind kind;
        final long msisdn;
        final String device;
        final String homeIp;
        final double dailyRate;
        /** When arrears started counting, or {@link Long#MAX_VALUE} when the line pays. */
        long arrearsFrom = Long.MAX_VALUE;
        /** When the line stops buying (closed), or {@link Long#MAX_VALUE}. */
        long stopsAt = Long.MAX_VALUE;
        ReferenceData.Profile profile;

        Debtor(Kind kind, long msisdn, String device, String homeIp, double dailyRate) {
            this.kind = kind;
            this.msisdn = msisdn;
            this.device = device;
            this.homeIp = homeIp;
            this.dailyRate = dailyRate;
        }
    }

    private final World world;
    private final Horizon horizon;
    private final RandomSource random;
    private final Renewals renewals;
    private final List<Debtor> debtors = new ArrayList<>();

    /**
     * @param world the run
     * @param random this pattern's stream
     * @param users the number of ordinary subscribers, which the debtors scale with
     */
    BadDebtPattern(World world, RandomSource random, int users) {
        this.world = world;
        this.horizon = world.horizon;
        this.random = random;
        this.renewals = new Renewals(horizon);
        int count = Math.max(Kind.values().length, Math.round(users * 0.008f));
        for (int i = 0; i < count; i++) {
            Kind kind = i < Kind.values().length ? Kind.values()[i] : Kind.values()[random.weighted(KIND_WEIGHTS)];
            debtors.add(debtor(kind));
        }
    }

    private Debtor debtor(Kind kind) {
        long number = world.identities.number();
        double rate = switch (kind) {
            case CLOSED -> 0.03;
            case SUSPENDED -> 0.06;
            case RENEWAL_IN_ARREARS -> 0;
            case CLOSING -> random.between(25, 60) / 100.0; // spending before leaving
            default -> random.between(10, 30) / 100.0;
        };
        Debtor debtor = new Debtor(kind, number, world.identities.device(), world.identities.actorHomeIp(), rate);
        ReferenceData.Profile base = Profiles.ordinary(horizon, random, number);
        long synced = base.updatedAt();
        switch (kind) {
            case CLOSING -> {
                long leaving = synced; // already leaving at the last sync before the period
                if (random.chance(0.3)) { // active then, decides to leave during the period
                    world.reference.profile(base);
                    leaving = during(0.1, 0.6);
                }
                debtor.profile = version(base, leaving, 0, SubscriberStatus.CLOSING);
                world.reference.profile(debtor.profile);
                debtor.stopsAt = Math.max(leaving, horizon.start()) + random.between(5 * Horizon.DAY, 20 * Horizon.DAY);
                world.reference.profile(version(base, debtor.stopsAt + random.between(Horizon.HOUR, Horizon.DAY), 0,
                        SubscriberStatus.CLOSED));
                subscribe(debtor, random.chance(0.5) ? 1 : 0);
            }
            case CLOSED -> {
                debtor.profile = version(base, synced - random.between(0, 60 * Horizon.DAY), 0, SubscriberStatus.CLOSED);
                world.reference.profile(debtor.profile);
                subscribe(debtor, random.between(1, 2));
            }
            case SUSPENDED, HALF_SUSPENDED, ARREARS, ARREARS_ON_CREDIT, RENEWAL_IN_ARREARS -> {
                int arrears = switch (kind) {
                    case SUSPENDED -> random.between(60, 85);
                    case HALF_SUSPENDED -> random.between(30, 55);
                    case ARREARS -> random.between(7, 25);
                    case ARREARS_ON_CREDIT -> random.between(30, 70);
                    default -> random.between(2, 20);
                };
                debtor.arrearsFrom = synced - arrears * Horizon.DAY;
                debtor.profile = postpaid(base, synced, arrears, status(kind, arrears));
                world.reference.profile(debtor.profile);
                weeklySyncs(debtor, synced);
                if (kind != Kind.ARREARS && kind != Kind.ARREARS_ON_CREDIT) {
                    subscribe(debtor, random.between(1, kind == Kind.RENEWAL_IN_ARREARS ? 3 : 2));
                }
            }
            case FALLING_BEHIND -> {
                debtor.profile = postpaid(base, synced, 0, SubscriberStatus.ACTIVE);
                world.reference.profile(debtor.profile);
                debtor.arrearsFrom = during(0.0, 0.6); // the unpaid bill falls due; the next sync will show it
                weeklySyncs(debtor, synced);
            }
            case PREPAID_SPENT -> {
                boolean stale = random.chance(0.25);
                long balance = stale ? random.between(20, 60) * 100L : random.between(0, 9) * 100L;
                debtor.profile = new ReferenceData.Profile(number, base.carrier(), base.activatedOn(), Plan.PREPAID,
                        balance, 0, SubscriberStatus.ACTIVE, null,
                        stale ? horizon.start() - random.between(10 * Horizon.DAY, 30 * Horizon.DAY) : synced);
                world.reference.profile(debtor.profile);
            }
        }
        return debtor;
    }

    private static ReferenceData.Profile version(ReferenceData.Profile base, long at, int arrears, SubscriberStatus status) {
        return new ReferenceData.Profile(base.msisdn(), base.carrier(), base.activatedOn(), base.plan(), base.balanceFen(),
                arrears, status, base.portedOn(), at);
    }

    private static ReferenceData.Profile postpaid(ReferenceData.Profile base, long at, int arrears,
            SubscriberStatus status) {
        return new ReferenceData.Profile(base.msisdn(), base.carrier(), base.activatedOn(), Plan.POSTPAID, 0, arrears,
                status, base.portedOn(), at);
    }

    private static SubscriberStatus status(Kind kind, int arrears) {
        if (kind == Kind.ARREARS_ON_CREDIT) {
            return SubscriberStatus.ACTIVE; // a credit line the carrier has not cut yet
        }
        return arrears >= 90 ? SubscriberStatus.CLOSING : arrears >= 60 ? SubscriberStatus.SUSPENDED
                : arrears >= 30 ? SubscriberStatus.HALF_SUSPENDED : SubscriberStatus.ACTIVE;
    }

    /** The carrier's weekly sync: arrears grow by the days passed, the status follows them. */
    private void weeklySyncs(Debtor debtor, long lastSync) {
        for (long sync = lastSync + 7 * Horizon.DAY; sync < horizon.end(); sync += 7 * Horizon.DAY) {
            if (sync < debtor.arrearsFrom) {
                continue;
            }
            int arrears = (int) ((sync - debtor.arrearsFrom) / Horizon.DAY);
            world.reference.profile(postpaid(debtor.profile, sync, arrears, status(debtor.kind, arrears)));
            if (status(debtor.kind, arrears) == SubscriberStatus.CLOSING) {
                debtor.stopsAt = Math.min(debtor.stopsAt, sync);
                break;
            }
        }
    }

    /** Subscriptions bought before the period, which the service providers keep renewing. */
    private void subscribe(Debtor debtor, int count) {
        for (int i = 0; i < count; i++) {
            Merchant merchant = world.catalogue.merchant(random);
            Product product = merchant.subscription(random);
            if (product == null) {
                continue;
            }
            Subscription subscription = new Subscription(debtor.msisdn, product,
                    random.chance(0.7) ? PayMode.SMS_OTP : PayMode.WAP, Label.BAD_DEBT, null);
            long last = product.billingType() == BillingType.MONTHLY_CALENDAR
                    ? horizon.start() - random.between(Horizon.DAY, 27 * Horizon.DAY)
                    : horizon.start() - random.between(Horizon.HOUR, 30 * Horizon.DAY);
            renewals.charged(subscription, last, random);
            world.reference.paidBefore(subscription);
        }
    }

    private long during(double from, double to) {
        long length = horizon.end() - horizon.start();
        return horizon.start() + (long) (length * (from + (to - from) * random.nextDouble()));
    }

    @Override
    public void day(int day) {
        for (Subscription subscription : renewals.due(day)) {
            if (random.chance(0.08)) {
                continue; // the service provider finally gives up on this one
            }
            world.charges.add(new Charge(subscription.nextDue, subscription.msisdn, null, subscription.product,
                    ChargeKind.RENEWAL, subscription.mode, null, null, Charge.NO_OTP, Label.BAD_DEBT));
            renewals.charged(subscription, subscription.nextDue, random);
        }
        for (Debtor debtor : debtors) {
            int purchases = random.poisson(debtor.dailyRate);
            for (int i = 0; i < purchases; i++) {
                long ts = Habits.timeOn(horizon, random, day, Habits.HOURS);
                if (ts >= debtor.stopsAt && debtor.kind != Kind.CLOSED) {
                    break;
                }
                buy(debtor, ts);
            }
        }
    }

    private void buy(Debtor debtor, long ts) {
        Merchant merchant = world.catalogue.merchant(random);
        Product product = random.chance(0.75) ? merchant.perUseAtLeast(random, 1000) : merchant.perUse(random);
        PayMode mode = switch (debtor.kind) {
            // A suspended or closed line receives no SMS: only charges without a code reach it.
            case CLOSED, SUSPENDED -> PayMode.SMS_DIRECT;
            // A half-suspended line (单停) still receives SMS, so the OTP page works.
            case HALF_SUSPENDED -> random.chance(0.8) ? PayMode.SMS_OTP : PayMode.SMS_DIRECT;
            default -> merchant.mode(random);
        };
        String ip = random.chance(0.5) ? debtor.homeIp : world.identities.mobileIp(random);
        world.charges.add(new Charge(ts, debtor.msisdn, null, product, ChargeKind.INITIAL, mode, debtor.device, ip,
                mode == PayMode.SMS_DIRECT ? Charge.NO_OTP : Habits.humanOtp(random), Label.BAD_DEBT));
    }
}
