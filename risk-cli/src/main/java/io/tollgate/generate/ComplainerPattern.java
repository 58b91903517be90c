package io.tollgate.generate;

import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import io.tollgate.signals.complaints.ComplaintKind;
import io.tollgate.signals.complaints.ComplaintSource;
import io.tollgate.signals.complaints.Dispute;
import java.util.ArrayList;
import java.util.List;

/**
 * Professional complainers (职业投诉人), labelled {@code complainer}: ordinary-looking lines that buy
 * (often by SMS without confirmation, which is easiest to call unauthorised, sometimes two or three
 * items to claim a double charge), complain to the carrier or the regulator within hours or days,
 * are refunded a few days later (and the carrier often deducts the service provider's settlement),
 * then buy again somewhere else — or at the same place. Veterans bring months of complaints and
 * refunds into the period; newcomers start clean. Every complaint falls between the complainer's
 * charges. Not thread-safe.
 */
final class ComplainerPattern implements Pattern {
    private static final class Complainer {
        final long msisdn;
        final String device;
        final String homeIp;
        long nextBuy;
        Merchant last;

        Complainer(long msisdn, String device, String homeIp, long nextBuy) {
            this.msisdn = msisdn;
            this.device = device;
            this.homeIp = homeIp;
            this.nextBuy = nextBuy;
        }
    }

    private static final ComplaintKind[] KINDS = {ComplaintKind.UNAUTHORIZED, ComplaintKind.REFUND_REQUEST,
        ComplaintKind.QUALITY};
    private static final double[] KIND_WEIGHTS = {45, 35, 20};
    private static final ComplaintSource[] SOURCES = {ComplaintSource.CARRIER, ComplaintSource.REGULATOR,
        ComplaintSource.INTERNAL};
    private static final double[] SOURCE_WEIGHTS = {55, 35, 10};

    private final World world;
    private final Horizon horizon;
    private final RandomSource random;
    private final List<Complainer> complainers = new ArrayList<>();

    /**
     * @param world the run
     * @param random this pattern's stream
     * @param users the number of ordinary subscribers, which the complainers scale with
     */
    ComplainerPattern(World world, RandomSource random, int users) {
        this.world = world;
        this.horizon = world.horizon;
        this.random = random;
        int count = Math.max(2, Math.round(users * 0.004f));
        for (int i = 0; i < count; i++) {
            long number = world.identities.number();
            world.reference.profile(Profiles.ordinary(horizon, random, number));
            long first = horizon.start() + random.between(0L, Math.min(horizon.days(), 10) * Horizon.DAY - 1);
            Complainer complainer = new Complainer(number, world.identities.device(), world.identities.actorHomeIp(),
                    first);
            if (random.chance(0.6)) {
                history(complainer);
            }
            complainers.add(complainer);
        }
    }

    /** A veteran's record: complaints and refunds over the months before the period. */
    private void history(Complainer complainer) {
        int complaints = random.between(2, 7);
        for (int i = 0; i < complaints; i++) {
            long filed = Habits.officeHours(random, horizon.start() - random.between(10 * Horizon.DAY, 400 * Horizon.DAY));
            Merchant merchant = world.catalogue.merchant(random);
            world.reference.complaint(new ReferenceData.Complaint(filed, complainer.msisdn, merchant.id(), null,
                    KINDS[random.weighted(KIND_WEIGHTS)], SOURCES[random.weighted(SOURCE_WEIGHTS)]));
            long refunded = Habits.officeHours(random, filed + random.between(Horizon.DAY, 7 * Horizon.DAY));
            long amount = merchant.perUse(random).amountFen();
            String id = LegitTraffic.earlierId(random, filed);
            world.reference.dispute(new ReferenceData.DisputeRow(Dispute.Kind.REFUND, refunded, complainer.msisdn,
                    amount, null, id));
            if (random.chance(0.4)) {
                world.reference.dispute(new ReferenceData.DisputeRow(Dispute.Kind.DEDUCTION,
                        Habits.officeHours(random, filed + random.between(3 * Horizon.DAY, 15 * Horizon.DAY)), complainer.msisdn,
                        amount, null, id));
            }
        }
    }

    @Override
    public void day(int day) {
        long dayEnd = horizon.dayStart(day + 1);
        for (Complainer complainer : complainers) {
            if (complainer.nextBuy < dayEnd) {
                buyAndComplain(complainer);
            }
        }
    }

    private void buyAndComplain(Complainer complainer) {
        Merchant merchant = complainer.last != null && random.chance(0.3) ? complainer.last
                : world.catalogue.merchant(random);
        complainer.last = merchant;
        PayMode mode = PayMode.values()[random.weighted(new double[] {40, 45, 15})];
        String ip = random.chance(0.6) ? complainer.homeIp : world.identities.mobileIp(random);
        int items = random.chance(0.7) ? 1 : random.between(2, 3);
        long ts = complainer.nextBuy;
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            Product product = merchant.perUseAtLeast(random, 500);
            Charge charge = new Charge(ts, complainer.msisdn, null, product, ChargeKind.INITIAL, mode, complainer.device,
                    ip, mode == PayMode.SMS_DIRECT ? Charge.NO_OTP : Habits.humanOtp(random), Label.COMPLAINER);
            world.charges.add(charge);
            charges.add(charge);
            ts += random.between(60, 400);
        }
        long filed = Habits.officeHours(random, ts + random.between(2 * Horizon.HOUR, 3 * Horizon.DAY));
        ComplaintKind kind = items > 1 && random.chance(0.5) ? ComplaintKind.DUPLICATE_CHARGE
                : KINDS[random.weighted(KIND_WEIGHTS)];
        world.reference.complaint(new ReferenceData.Complaint(filed, complainer.msisdn, merchant.id(),
                random.chance(0.6) ? charges.get(0).product.id() : null, kind, SOURCES[random.weighted(SOURCE_WEIGHTS)]));
        long settled = filed;
        for (Charge charge : charges) {
            long refunded = Habits.officeHours(random, filed + random.between(Horizon.DAY, 7 * Horizon.DAY));
            world.reference.dispute(new ReferenceData.DisputeRow(Dispute.Kind.REFUND, refunded, complainer.msisdn,
                    charge.amountFen(), charge, null));
            settled = Math.max(settled, refunded);
        }
        if (random.chance(0.4)) {
            world.reference.dispute(new ReferenceData.DisputeRow(Dispute.Kind.DEDUCTION,
                    Habits.officeHours(random, filed + random.between(3 * Horizon.DAY, 15 * Horizon.DAY)), complainer.msisdn,
                    charges.get(0).amountFen(), charges.get(0), null));
        }
        // The next purchase comes once the money is back, at an hour people buy.
        int nextDay = horizon.dayOf(settled) + random.between(1, 10);
        complainer.nextBuy = Habits.timeOn(horizon, random, nextDay, Habits.HOURS);
    }
}
