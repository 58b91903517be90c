package io.tollgate.facts;

import io.tollgate.charge.Carrier;
import io.tollgate.signals.subscriber.Plan;
import io.tollgate.signals.subscriber.SubscriberStatus;

/**
 * The subscriber's profile as of the check. When no profile is known, {@code known} is false,
 * objects are null and numbers are -1 (tenure, days since porting) or 0 (balance, arrears).
 *
 * @param known whether a profile exists as of the check
 * @param carrier the carrier serving the number now (differs from the segment's after porting)
 * @param plan prepaid or postpaid
 * @param status line status
 * @param tenureDays whole days since activation, or -1
 * @param balanceFen prepaid balance in fen
 * @param arrearsDays days in arrears, 0 when none
 * @param daysSincePorted whole days since the number was ported in, or -1 when never ported
 */
public record Subscriber(
        boolean known,
        Carrier carrier,
        Plan plan,
        SubscriberStatus status,
        long tenureDays,
        long balanceFen,
        int arrearsDays,
        long daysSincePorted) {

    /** A number with no profile as of the check. */
    public static final Subscriber UNKNOWN = new Subscriber(false, null, null, null, -1, 0, 0, -1);
}
