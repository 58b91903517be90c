package io.tollgate.signals.subscriber;

import io.tollgate.charge.Carrier;
import io.tollgate.charge.ChinaTime;
import io.tollgate.charge.Fields;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.charge.Msisdn;
import io.tollgate.facts.Subscriber;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One version of a subscriber's profile, a row of {@code subscribers.csv}, valid from
 * {@code updatedAt} until the next version. Immutable.
 *
 * @param msisdn the number
 * @param carrier the carrier serving it now (after porting, not the segment's)
 * @param activatedOn when the SIM was activated
 * @param plan prepaid or postpaid
 * @param balanceFen prepaid balance in fen (may be negative)
 * @param arrearsDays days in arrears, 0 when none
 * @param status line status
 * @param portedOn when the number was ported in, or {@code null}
 * @param updatedAt when this version became true
 */
public record SubscriberProfile(
        Msisdn msisdn, Carrier carrier, LocalDate activatedOn, Plan plan, long balanceFen, int arrearsDays,
        SubscriberStatus status, LocalDate portedOn, Instant updatedAt) {

    public SubscriberProfile {
        if (msisdn == null || carrier == null || activatedOn == null || plan == null || status == null
                || updatedAt == null) {
            throw new IllegalArgumentException("msisdn, carrier, activatedOn, plan, status and updatedAt are required");
        }
        if (arrearsDays < 0) {
            throw new InvalidFieldException("arrears_days", "must not be negative, got " + arrearsDays);
        }
    }

    /**
     * Reads a {@code subscribers.csv} row.
     *
     * @throws InvalidFieldException for the first missing or bad field
     */
    public static SubscriberProfile fromColumns(Map<String, String> row) {
        Msisdn msisdn = Msisdn.parse("msisdn", Fields.required(row, "msisdn"));
        Carrier carrier = Fields.enumValue(Carrier.class, "carrier", Fields.required(row, "carrier"));
        LocalDate activatedOn = Fields.date("activated_on", Fields.required(row, "activated_on"));
        Plan plan = Fields.enumValue(Plan.class, "plan", Fields.required(row, "plan"));
        long balance = Fields.longValue("balance_fen", Fields.required(row, "balance_fen"));
        long arrears = Fields.longValue("arrears_days", Fields.required(row, "arrears_days"));
        if (arrears < 0 || arrears > 36_500) {
            throw new InvalidFieldException("arrears_days", "'" + arrears + "' is out of range 0-36500");
        }
        SubscriberStatus status = Fields.enumValue(SubscriberStatus.class, "status", Fields.required(row, "status"));
        String ported = Fields.optional(row, "ported_on");
        Instant updatedAt = Fields.instant("updated_at", Fields.required(row, "updated_at"));
        return new SubscriberProfile(msisdn, carrier, activatedOn, plan, balance, (int) arrears, status,
                ported == null ? null : Fields.date("ported_on", ported), updatedAt);
    }

    /** @return the same profile with another status, as of {@code at} */
    public SubscriberProfile withStatus(SubscriberStatus newStatus, Instant at) {
        return new SubscriberProfile(msisdn, carrier, activatedOn, plan, balanceFen, arrearsDays, newStatus, portedOn, at);
    }

    /** @return the fact the rules read, with tenure and porting age as of {@code now} */
    public Subscriber asFactAt(Instant now) {
        LocalDate today = ChinaTime.date(now);
        long tenure = Math.max(0, ChronoUnit.DAYS.between(activatedOn, today));
        long sincePorted = portedOn == null ? -1 : Math.max(0, ChronoUnit.DAYS.between(portedOn, today));
        return new Subscriber(true, carrier, plan, status, tenure, balanceFen, arrearsDays, sincePorted);
    }
}
