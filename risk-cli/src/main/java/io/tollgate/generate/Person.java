package io.tollgate.generate;

import io.tollgate.charge.Carrier;
import io.tollgate.signals.subscriber.Plan;
import io.tollgate.signals.subscriber.SubscriberStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordinary subscriber: who they are (number, handset, home line, profile) and the little state
 * the simulation keeps for them (today's and this month's spend, subscriptions). Kept small, with
 * identifiers derived on demand, because there is one per user. Not thread-safe.
 */
final class Person {
    final int index;
    final long msisdn;
    /** The carrier serving the number now; differs from the segment's after a port (携号转网). */
    final Carrier carrier;
    /** Whether the gateway names the carrier in its requests (some do for ported numbers). */
    final boolean namesCarrier;
    final String device;
    final String campusIp;
    final float dailyRate;
    final long activeFrom;
    final boolean newSim;
    private final int favourites;

    boolean hasProfile;
    LocalDate activatedOn;
    Plan plan;
    long balanceFen;
    int arrearsDays;
    LocalDate portedOn;
    long profileAt;
    /** A merchant this person complained about and no longer buys from on purpose, or -1. */
    int avoided = -1;
    List<Subscription> subscriptions;

    private int spendDay = Integer.MIN_VALUE;
    private long daySpend;
    private int spendMonth;
    private long monthSpend;

    Person(int index, long msisdn, Carrier carrier, boolean namesCarrier, String device, String campusIp,
            float dailyRate, long activeFrom, boolean newSim, int[] favourites) {
        this.index = index;
        this.msisdn = msisdn;
        this.carrier = carrier;
        this.namesCarrier = namesCarrier;
        this.device = device;
        this.campusIp = campusIp;
        this.dailyRate = dailyRate;
        this.activeFrom = activeFrom;
        this.newSim = newSim;
        int packed = favourites.length;
        for (int i = 0; i < favourites.length; i++) {
            packed |= (favourites[i] + 1) << (8 * (i + 1));
        }
        this.favourites = packed;
    }

    /** @return one of the 1-3 merchants whose games or services this person uses */
    int favourite(RandomSource random) {
        int slot = random.nextInt(favourites & 0xFF);
        return ((favourites >>> (8 * (slot + 1))) & 0xFF) - 1;
    }

    /** @return the carrier to name in a charge request, or {@code null} */
    Carrier requestCarrier() {
        return namesCarrier ? carrier : null;
    }

    /**
     * Books a charge against the carriers' caps, which ordinary subscribers stay under.
     *
     * @return false, booking nothing, when it would take the day over 100 CNY or the month over 300 CNY
     */
    boolean spend(Horizon horizon, long ts, long amountFen) {
        int day = horizon.dayOf(ts);
        int month = Horizon.monthOf(ts);
        long today = day == spendDay ? daySpend : 0;
        long thisMonth = month == spendMonth ? monthSpend : 0;
        if (today + amountFen > 10_000 || thisMonth + amountFen > 30_000) {
            return false;
        }
        spendDay = day;
        daySpend = today + amountFen;
        spendMonth = month;
        monthSpend = thisMonth + amountFen;
        return true;
    }

    /** @return whether this person has a running subscription to the product */
    boolean subscribed(Product product) {
        if (subscriptions == null) {
            return false;
        }
        for (Subscription subscription : subscriptions) {
            if (!subscription.ended && subscription.product == product) {
                return true;
            }
        }
        return false;
    }

    /** @return how many running subscriptions this person has */
    int subscriptionCount() {
        if (subscriptions == null) {
            return 0;
        }
        int running = 0;
        for (Subscription subscription : subscriptions) {
            running += subscription.ended ? 0 : 1;
        }
        return running;
    }

    void add(Subscription subscription) {
        if (subscriptions == null) {
            subscriptions = new ArrayList<>(2);
        }
        subscriptions.add(subscription);
    }

    /** @return the profile as the carrier last synced it before the period */
    ReferenceData.Profile profile() {
        return new ReferenceData.Profile(msisdn, carrier, activatedOn, plan, balanceFen, arrearsDays,
                SubscriberStatus.ACTIVE, portedOn, profileAt);
    }
}
