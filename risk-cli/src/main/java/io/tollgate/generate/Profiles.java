package io.tollgate.generate;

import io.tollgate.charge.Carrier;
import io.tollgate.signals.subscriber.Plan;
import io.tollgate.signals.subscriber.SubscriberStatus;
import java.time.LocalDate;

/** Profiles of the numbers the bad patterns use, synced before the period unless said otherwise. Stateless. */
final class Profiles {
    private Profiles() {
    }

    /** @return an activation date of an established line, 2010-2025 */
    static LocalDate established(RandomSource random) {
        return LocalDate.of(2010, 1, 1).plusDays(random.nextInt(5_800));
    }

    /** @return the time of the last sync before the period: 1 hour to 30 days before the start */
    static long syncedBefore(Horizon horizon, RandomSource random) {
        return horizon.start() - random.between(Horizon.HOUR, 30 * Horizon.DAY);
    }

    /** @return an active, long-standing line, postpaid or prepaid with a comfortable balance */
    static ReferenceData.Profile ordinary(Horizon horizon, RandomSource random, long msisdn) {
        boolean prepaid = random.chance(0.4);
        return new ReferenceData.Profile(msisdn, Identities.carrierOf(msisdn), established(random),
                prepaid ? Plan.PREPAID : Plan.POSTPAID, prepaid ? random.between(50, 300) * 100L : 0, 0,
                SubscriberStatus.ACTIVE, null, syncedBefore(horizon, random));
    }

    /** @return a prepaid line activated on {@code activatedOn}, synced a few hours later */
    static ReferenceData.Profile fresh(RandomSource random, long msisdn, LocalDate activatedOn, long balanceFen) {
        return new ReferenceData.Profile(msisdn, carrierOf(msisdn), activatedOn, Plan.PREPAID, balanceFen, 0,
                SubscriberStatus.ACTIVE, null, Horizon.startOf(activatedOn) + random.between(Horizon.HOUR, 8 * Horizon.HOUR));
    }

    private static Carrier carrierOf(long msisdn) {
        return Identities.carrierOf(msisdn);
    }
}
