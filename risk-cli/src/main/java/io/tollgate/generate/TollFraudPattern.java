package io.tollgate.generate;

import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import io.tollgate.signals.complaints.ComplaintKind;
import io.tollgate.signals.complaints.ComplaintSource;
import io.tollgate.signals.complaints.Dispute;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Android toll-fraud malware on ordinary subscribers' phones, labelled {@code toll_fraud}. Phones
 * get infected through the period; the malware strikes when the phone lies unattended (mostly
 * 01:00-05:00), subscribing the victim to one to four affiliate services within minutes, through
 * the WAP page or the OTP page, reading the code from the SMS inbox in well under 2 s (a quarter
 * of the time it waits a few seconds, as newer families do to look human) and hiding the charge
 * notice. It strikes again every few days until the phone is cleaned. The subscriptions it starts
 * renew like any other, with nothing to show they were never wanted. About a third of the victims
 * notice, complain and are refunded, which ends the subscriptions. The victim's own purchases go
 * on as before and stay {@code legit}. Not thread-safe.
 */
final class TollFraudPattern implements Pattern {
    private static final class Infection {
        final Person victim;
        final long cleanedAt;
        int nextAttackDay;
        long complainedAt = Long.MAX_VALUE;
        boolean struck;

        Infection(Person victim, long cleanedAt, int nextAttackDay) {
            this.victim = victim;
            this.cleanedAt = cleanedAt;
            this.nextAttackDay = nextAttackDay;
        }
    }

    private final World world;
    private final Horizon horizon;
    private final RandomSource random;
    private final Renewals renewals;
    private final double infectionsPerDay;
    private final int firstInfectionDay;
    /** Infections whose malware may still strike. */
    private final List<Infection> infections = new ArrayList<>();
    private final Map<Subscription, Infection> bySubscription = new IdentityHashMap<>();
    private final Set<Integer> infected = new HashSet<>();

    /**
     * @param world the run, with its ordinary subscribers built
     * @param random this pattern's stream
     * @param users the number of ordinary subscribers
     */
    TollFraudPattern(World world, RandomSource random, int users) {
        this.world = world;
        this.horizon = world.horizon;
        this.random = random;
        this.renewals = new Renewals(horizon);
        this.infectionsPerDay = users * 0.008 / 30;
        this.firstInfectionDay = random.nextInt(Math.min(horizon.days(), 5));
    }

    @Override
    public void day(int day) {
        int newInfections = random.poisson(infectionsPerDay) + (day == firstInfectionDay ? 1 : 0);
        for (int i = 0; i < newInfections; i++) {
            infect(day);
        }
        for (Subscription subscription : renewals.due(day)) {
            Infection infection = bySubscription.get(subscription);
            if (subscription.ended || infection.complainedAt < subscription.nextDue || random.chance(0.2)) {
                subscription.ended = true;
                bySubscription.remove(subscription);
                continue;
            }
            Charge charge = new Charge(subscription.nextDue, subscription.msisdn, infection.victim.requestCarrier(),
                    subscription.product, ChargeKind.RENEWAL, subscription.mode, null, null, Charge.NO_OTP,
                    Label.TOLL_FRAUD);
            world.charges.add(charge);
            renewals.charged(subscription, charge.ts, random);
        }
        for (Iterator<Infection> active = infections.iterator(); active.hasNext(); ) {
            Infection infection = active.next();
            if (infection.nextAttackDay != day) {
                continue;
            }
            long ts = Habits.timeOn(horizon, random, day, Habits.NIGHT);
            if (ts < infection.cleanedAt && ts < infection.complainedAt) {
                attack(infection, ts);
                infection.nextAttackDay = random.chance(0.5) ? day + random.between(2, 10) : -1;
            } else {
                infection.nextAttackDay = -1;
            }
            if (infection.nextAttackDay < 0) {
                active.remove();
            }
        }
    }

    private void infect(int day) {
        for (int tries = 0; tries < 50; tries++) {
            Person victim = world.people.get(random.nextInt(world.people.size()));
            if (victim.device == null || victim.activeFrom >= horizon.dayStart(day) || !infected.add(victim.index)) {
                continue;
            }
            long cleaned = horizon.dayStart(day) + random.between(4 * Horizon.DAY, 30 * Horizon.DAY);
            infections.add(new Infection(victim, cleaned, day + random.between(0, 2)));
            return;
        }
    }

    private void attack(Infection infection, long ts) {
        Person victim = infection.victim;
        List<Merchant> affiliates = new ArrayList<>(world.catalogue.affiliates());
        int services = 1 + random.weighted(new double[] {35, 30, 20, 15});
        // At night the phone is on the home Wi-Fi; otherwise on the carrier's network.
        String ip = random.chance(0.7) ? world.homeIp(victim) : world.identities.mobileIp(random);
        boolean first = !infection.struck;
        infection.struck = true;
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < services && !affiliates.isEmpty(); i++) {
            Merchant merchant = affiliates.remove(random.nextInt(affiliates.size()));
            Product product = random.chance(0.8) && merchant.subscription(random) != null ? merchant.subscription(random)
                    : merchant.perUse(random);
            PayMode mode = random.chance(0.55) ? PayMode.WAP : PayMode.SMS_OTP;
            int otp = random.chance(0.75) ? Habits.malwareOtp(random) : random.between(2_100, 6_000);
            Charge charge = new Charge(ts, victim.msisdn, victim.requestCarrier(), product, ChargeKind.INITIAL, mode,
                    victim.device, ip, otp, Label.TOLL_FRAUD);
            world.charges.add(charge);
            charges.add(charge);
            if (product.subscription()) {
                Subscription subscription = new Subscription(victim.msisdn, product, mode, Label.TOLL_FRAUD, null);
                bySubscription.put(subscription, infection);
                renewals.charged(subscription, ts, random);
            }
            ts += random.between(15, 150);
        }
        if (first && random.chance(0.35)) {
            complain(infection, charges);
        }
    }

    /** The victim sees the bill or a charge notice, complains, and the carrier refunds and deducts. */
    private void complain(Infection infection, List<Charge> charges) {
        Charge first = charges.get(0);
        long filed = Habits.officeHours(random, first.ts + random.between(Horizon.DAY, 15 * Horizon.DAY));
        infection.complainedAt = filed;
        world.reference.complaint(new ReferenceData.Complaint(filed, first.msisdn, first.product.merchant().id(),
                random.chance(0.6) ? first.product.id() : null, ComplaintKind.UNAUTHORIZED,
                random.chance(0.8) ? ComplaintSource.CARRIER : ComplaintSource.REGULATOR));
        for (Charge charge : charges) {
            world.reference.dispute(new ReferenceData.DisputeRow(Dispute.Kind.REFUND,
                    Habits.officeHours(random, filed + random.between(Horizon.DAY, 7 * Horizon.DAY)), charge.msisdn, charge.amountFen(), charge, null));
        }
        if (random.chance(0.5)) {
            world.reference.dispute(new ReferenceData.DisputeRow(Dispute.Kind.DEDUCTION,
                    Habits.officeHours(random, filed + random.between(3 * Horizon.DAY, 15 * Horizon.DAY)), first.msisdn, first.amountFen(), first, null));
        }
    }
}
