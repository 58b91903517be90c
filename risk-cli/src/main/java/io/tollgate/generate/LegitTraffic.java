package io.tollgate.generate;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.Carrier;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import io.tollgate.signals.complaints.ComplaintKind;
import io.tollgate.signals.complaints.ComplaintSource;
import io.tollgate.signals.complaints.Dispute;
import io.tollgate.signals.subscriber.Plan;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ordinary customers, labelled {@code legit}. Each buys a few times a month, at the hours people
 * buy (evening peak, little at night), mostly from the one to three services they use, sometimes
 * two or three items minutes apart in one session; types OTP codes in several seconds; stays under
 * the carriers' caps and within a prepaid balance. About one in six holds a subscription bought
 * before the period, renewed on time by the carrier's batch job (no OTP, device or IP — except at
 * one SP whose job sends its server's address); a few take out a new plan, and about one in seven
 * plans is cancelled at each renewal. A few are brand-new SIMs activated during the
 * period that buy small items, a few have no profile, ported long ago, pay their bill a few days
 * late, or complain about a service and get a refund. Not thread-safe.
 */
final class LegitTraffic implements Pattern {
    private static final double MONTHLY_SESSIONS = 2.0;
    private static final long[] PREPAID_BALANCES = {3000, 5000, 8000, 12000, 20000, 30000};
    private static final long[] NEW_SIM_BALANCES = {1000, 2000, 3000, 5000};
    /** The dearest item a SIM in its first week buys: the "small items", under 10 CNY. */
    private static final long SMALL_ITEM_FEN = 900;

    private final World world;
    private final Horizon horizon;
    private final RandomSource random;
    private final Renewals renewals;
    private final String[] campuses;
    /** The billing server of the SP whose renewal job names its own address. */
    private final String serverIp;
    private final List<Subscription> pendingEarlier = new java.util.ArrayList<>();

    /**
     * Builds the ordinary subscribers.
     *
     * @param world the run
     * @param random this pattern's stream
     * @param users how many ordinary subscribers
     */
    LegitTraffic(World world, RandomSource random, int users) {
        this.world = world;
        this.horizon = world.horizon;
        this.random = random;
        this.renewals = new Renewals(horizon);
        this.campuses = new String[Math.max(1, users / 3_000)];
        for (int i = 0; i < campuses.length; i++) {
            campuses[i] = world.identities.campusIp();
        }
        this.serverIp = world.identities.cloudIp();
        for (int i = 0; i < users; i++) {
            world.people.add(newPerson(i));
        }
    }

    private Person newPerson(int index) {
        long number = world.identities.number();
        Carrier segment = Identities.carrierOf(number);
        boolean newSim = random.chance(0.025);
        long activeFrom = horizon.start();
        LocalDate activatedOn;
        if (newSim) {
            int day = random.nextInt(horizon.days());
            activeFrom = horizon.dayStart(day) + random.between(9 * Horizon.HOUR, 20 * Horizon.HOUR);
            activatedOn = Horizon.dateOf(activeFrom);
        } else {
            activatedOn = LocalDate.of(2010, 1, 1).plusDays(random.nextInt(5_800));
        }
        LocalDate portedOn = null;
        Carrier carrier = segment;
        double port = random.nextDouble();
        if (!newSim && port < 0.016) {
            long latest = ChronoUnit.DAYS.between(activatedOn, Horizon.START) - 60;
            portedOn = port < 0.0015 ? Horizon.START.minusDays(random.between(2, 45))
                    : latest > 30 ? activatedOn.plusDays(random.between(30L, latest)) : null;
            if (portedOn != null) {
                carrier = otherCarrier(segment);
            }
        }
        String device = random.chance(0.93) ? world.identities.device() : null;
        String campus = random.chance(0.03) ? random.pick(campuses) : null;
        float rate = (float) (Math.min(20, Math.max(0.15, random.logNormal(MONTHLY_SESSIONS, 0.9))) / 30.0);
        int[] favourites = new int[random.weighted(new double[] {45, 35, 20}) + 1];
        for (int i = 0; i < favourites.length; i++) {
            favourites[i] = world.catalogue.merchant(random).rank();
        }
        Person person = new Person(index, number, carrier, portedOn != null && random.chance(0.6), device, campus,
                rate, activeFrom, newSim, favourites);
        person.activatedOn = activatedOn;
        person.portedOn = portedOn;
        person.plan = random.chance(newSim ? 0.8 : 0.45) ? Plan.PREPAID : Plan.POSTPAID;
        person.balanceFen = person.plan == Plan.POSTPAID ? 0
                : newSim ? NEW_SIM_BALANCES[random.nextInt(NEW_SIM_BALANCES.length)]
                : PREPAID_BALANCES[random.nextInt(PREPAID_BALANCES.length)];
        if (newSim) {
            person.hasProfile = true;
            // Most profiles arrive within the hour of activation; some sync a day or more later.
            person.profileAt = activeFrom + (random.chance(0.7) ? random.between(300, 7_200)
                    : random.between(Horizon.DAY, 3 * Horizon.DAY));
        } else {
            person.hasProfile = random.chance(0.95);
            person.profileAt = horizon.start() - random.between(Horizon.HOUR, 40 * Horizon.DAY);
            if (portedOn != null) {
                // The carrier syncs the profile the morning after a port.
                person.profileAt = Math.max(person.profileAt, Horizon.startOf(portedOn.plusDays(1)) + 6 * Horizon.HOUR);
            }
            if (person.plan == Plan.POSTPAID && random.chance(0.012)) {
                latePayer(person);
            }
            if (random.chance(0.16)) {
                subscribedBefore(person);
                if (random.chance(0.12)) {
                    subscribedBefore(person);
                }
            }
            history(person);
        }
        return person;
    }

    private static Carrier otherCarrier(Carrier carrier) {
        return carrier == Carrier.CMCC ? Carrier.CUCC : carrier == Carrier.CUCC ? Carrier.CTCC : Carrier.CMCC;
    }

    /** A bill paid a few days late: in arrears at the last sync, cleared by a sync early in the period. */
    private void latePayer(Person person) {
        person.hasProfile = true;
        person.arrearsDays = random.between(1, 5);
        long paid = horizon.start() + random.between(Horizon.DAY, 9 * Horizon.DAY);
        world.reference.profile(person.profile().next(paid, 0, io.tollgate.signals.subscriber.SubscriberStatus.ACTIVE));
    }

    /** A subscription bought before the period: it renews in the period, with no earlier charge in the file. */
    private void subscribedBefore(Person person) {
        Merchant merchant = world.catalogue.merchant(random);
        Product product = merchant.subscription(random);
        if (product == null || person.subscribed(product)) {
            return;
        }
        PayMode mode = merchant.mode(random);
        Subscription subscription = new Subscription(person.msisdn, product, mode, Label.LEGIT, person);
        long lastCharge = product.billingType() == BillingType.MONTHLY_CALENDAR
                ? horizon.start() - random.between(Horizon.DAY, 27 * Horizon.DAY)
                : horizon.start() - random.between(Horizon.HOUR, 30 * Horizon.DAY);
        person.add(subscription);
        renewals.charged(subscription, lastCharge, random);
        pendingEarlier.add(subscription);
        world.reference.paidBefore(subscription);
    }

    /** Old complaints and refunds: a merchant complained about is one the person no longer buys from. */
    private void history(Person person) {
        if (random.chance(0.01)) {
            Merchant merchant = world.catalogue.merchant(random);
            person.avoided = merchant.rank();
            world.reference.complaint(new ReferenceData.Complaint(Habits.officeHours(random,
                    horizon.start() - random.between(20 * Horizon.DAY, 400 * Horizon.DAY)), person.msisdn,
                    merchant.id(), null, random.pick(new ComplaintKind[] {ComplaintKind.QUALITY,
                        ComplaintKind.REFUND_REQUEST, ComplaintKind.OTHER}), ComplaintSource.CARRIER));
        }
        if (random.chance(0.01)) {
            long ts = Habits.officeHours(random, horizon.start() - random.between(5 * Horizon.DAY, 200 * Horizon.DAY));
            world.reference.dispute(new ReferenceData.DisputeRow(Dispute.Kind.REFUND, ts, person.msisdn,
                    random.pick(new Long[] {500L, 1000L, 2000L}), null, earlierId(random, ts)));
        }
    }

    /** @return the id of a charge before the period, as a carrier's notice names it: {@code R2602-013206} */
    static String earlierId(RandomSource random, long disputeTs) {
        LocalDate charged = Horizon.dateOf(disputeTs - random.between(Horizon.DAY, 20 * Horizon.DAY));
        return String.format("R%02d%02d-%06d", charged.getYear() % 100, charged.getMonthValue(), random.nextInt(1_000_000));
    }

    /** @return a person who got a number back from the carrier's recycling pool (号码回收), active from the start */
    Person recycledNumberOwner(long number, LocalDate activatedOn) {
        Carrier carrier = Identities.carrierOf(number);
        float rate = (float) (Math.max(0.5, random.logNormal(MONTHLY_SESSIONS, 0.6)) / 30.0);
        Person person = new Person(world.people.size(), number, carrier, false, world.identities.device(), null, rate,
                horizon.start(), false, new int[] {world.catalogue.merchant(random).rank()});
        person.activatedOn = activatedOn;
        person.plan = Plan.POSTPAID;
        person.hasProfile = true;
        person.profileAt = Math.max(Horizon.startOf(activatedOn) + 10 * Horizon.HOUR,
                horizon.start() - random.between(Horizon.HOUR, 20 * Horizon.DAY));
        world.people.add(person);
        return person;
    }

    @Override
    public void day(int day) {
        if (day == 0) {
            // Plans bought before the period: their service providers' billing saw the last charge then.
            pendingEarlier.forEach(subscription -> world.subscriptionCharged(subscription, subscription.lastCharge,
                    ChargeKind.RENEWAL));
            pendingEarlier.clear();
        }
        for (Subscription subscription : renewals.due(day)) {
            renew(subscription);
        }
        long dayEnd = horizon.dayStart(day + 1);
        double weekday = horizon.date(day).getDayOfWeek().getValue() >= 6 ? 1.25 : 1.0;
        long[] times = new long[8];
        for (Person person : world.people) {
            if (person.activeFrom >= dayEnd) {
                continue;
            }
            boolean fresh = person.newSim && horizon.dayStart(day) - person.activeFrom < 7 * Horizon.DAY;
            int sessions = Math.min(times.length, random.poisson(person.dailyRate * weekday * (fresh ? 3 : 1)));
            if (sessions == 0) {
                continue;
            }
            for (int i = 0; i < sessions; i++) {
                long ts = Habits.timeOn(horizon, random, day, Habits.HOURS);
                if (ts < person.activeFrom + 20 * Horizon.MINUTE) {
                    ts = person.activeFrom + random.between(20 * Horizon.MINUTE, 3 * Horizon.HOUR);
                }
                times[i] = ts;
            }
            Arrays.sort(times, 0, sessions);
            for (int i = 0; i < sessions; i++) {
                session(person, times[i], fresh);
            }
        }
    }

    private void renew(Subscription subscription) {
        Person person = subscription.owner;
        if (subscription.ended) {
            return;
        }
        if (random.chance(0.15) || !person.spend(horizon, subscription.nextDue, subscription.product.amountFen())) {
            subscription.ended = true; // unsubscribed (退订), or the carrier's cap stops it
            return;
        }
        String ip = subscription.product.merchant() == world.catalogue.serverRenewer() ? serverIp : null;
        Charge charge = new Charge(subscription.nextDue, person.msisdn, person.requestCarrier(), subscription.product,
                ChargeKind.RENEWAL, subscription.mode, null, ip, Charge.NO_OTP, Label.LEGIT);
        world.charges.add(charge);
        renewals.charged(subscription, charge.ts, random);
        world.subscriptionCharged(subscription, charge.ts, ChargeKind.RENEWAL);
    }

    private void session(Person person, long ts, boolean fresh) {
        Merchant merchant = world.catalogue.merchants().get(
                random.chance(0.75) ? person.favourite(random) : world.catalogue.merchant(random).rank());
        if (merchant.rank() == person.avoided) {
            merchant = world.catalogue.merchant(random);
        }
        Product product;
        if (fresh) {
            // A brand-new SIM buys small items (under 10 CNY) while its owner tries services out.
            product = merchant.perUseAtMost(random, SMALL_ITEM_FEN);
            if (product == null) {
                return; // nothing small here
            }
        } else if (random.chance(0.003)) {
            product = world.catalogue.bigTicket(random);
            merchant = product.merchant();
        } else {
            product = merchant.any(random);
        }
        if (product.subscription() && (person.subscribed(product) || person.subscriptionCount() >= 2
                || random.chance(0.93))) {
            product = merchant.perUse(random); // a plan is a bigger decision than an item; most sessions buy items
        }
        if (person.plan == Plan.PREPAID && product.amountFen() > person.balanceFen) {
            product = merchant.perUseAtMost(random, person.balanceFen);
            if (product == null) {
                return; // cannot afford anything here today
            }
        }
        PayMode mode = merchant.mode(random);
        String device = person.device != null && random.chance(0.95) ? person.device : null;
        String ip = ip(person);
        if (mode == PayMode.SMS_DIRECT && device == null && ip == null) {
            ip = world.homeIp(person);
        }
        Charge first = buy(person, ts, product, mode, device, ip);
        if (first == null) {
            return;
        }
        if (product.subscription()) {
            Subscription subscription = new Subscription(person.msisdn, product, mode, Label.LEGIT, person);
            person.add(subscription);
            renewals.charged(subscription, ts, random);
            world.subscriptionCharged(subscription, first.ts, ChargeKind.INITIAL);
        }
        if (random.chance(0.2)) { // a few more items minutes later in the same app
            int more = random.between(1, 3);
            for (int i = 0; i < more; i++) {
                ts += random.between(40, 300);
                long most = fresh ? SMALL_ITEM_FEN : Long.MAX_VALUE;
                if (person.plan == Plan.PREPAID) {
                    most = Math.min(most, person.balanceFen);
                }
                Product extra = most == Long.MAX_VALUE ? merchant.perUse(random) : merchant.perUseAtMost(random, most);
                if (extra == null || buy(person, ts, extra, mode, device, ip) == null) {
                    break;
                }
            }
        }
        if (random.chance(0.0006)) {
            complain(person, first);
        }
    }

    private Charge buy(Person person, long ts, Product product, PayMode mode, String device, String ip) {
        if (!person.spend(horizon, ts, product.amountFen())) {
            return null;
        }
        Charge charge = new Charge(ts, person.msisdn, person.requestCarrier(), product, ChargeKind.INITIAL, mode, device,
                ip, mode == PayMode.SMS_DIRECT ? Charge.NO_OTP : Habits.humanOtp(random), Label.LEGIT);
        world.charges.add(charge);
        return charge;
    }

    private String ip(Person person) {
        double where = random.nextDouble();
        if (where < 0.5) {
            return person.campusIp != null ? person.campusIp : world.homeIp(person);
        }
        return where < 0.92 ? world.identities.mobileIp(random) : null;
    }

    /** An unhappy customer: complains about a purchase, half the time gets the money back, and stops buying there. */
    private void complain(Person person, Charge charge) {
        long filed = Habits.officeHours(random, charge.ts + random.between(2 * Horizon.HOUR, 10 * Horizon.DAY));
        Merchant merchant = charge.product.merchant();
        world.reference.complaint(new ReferenceData.Complaint(filed, person.msisdn, merchant.id(),
                random.chance(0.5) ? charge.product.id() : null,
                random.pick(List.of(ComplaintKind.QUALITY, ComplaintKind.QUALITY, ComplaintKind.REFUND_REQUEST,
                        ComplaintKind.REFUND_REQUEST, ComplaintKind.OTHER, ComplaintKind.UNAUTHORIZED)),
                random.chance(0.8) ? ComplaintSource.CARRIER : ComplaintSource.INTERNAL));
        if (random.chance(0.5)) {
            world.reference.dispute(new ReferenceData.DisputeRow(Dispute.Kind.REFUND,
                    Habits.officeHours(random, filed + random.between(Horizon.DAY, 7 * Horizon.DAY)), person.msisdn,
                    charge.amountFen(), charge, null));
        }
        person.avoided = merchant.rank();
    }

    /** Writes every ordinary subscriber's profile (those the carrier has one for). */
    void profiles(Consumer<ReferenceData.Profile> out) {
        for (Person person : world.people) {
            if (person.hasProfile && person.profileAt < horizon.end()) {
                out.accept(person.profile());
            }
        }
    }
}
