package io.tollgate.signals.complaints;

import io.tollgate.charge.Fields;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.charge.Msisdn;
import java.time.Instant;
import java.util.Map;

/**
 * Money that came back after a charge went through: a deduction (核减) the carrier withheld from
 * settlement, or a refund to the subscriber. Immutable.
 *
 * @param kind deduction or refund
 * @param requestId the charge it concerns, or {@code null} when not known
 * @param msisdn the number charged
 * @param ts when it happened, within {@link Fields#countable}
 * @param amountFen how much, in fen
 */
public record Dispute(Kind kind, String requestId, Msisdn msisdn, Instant ts, long amountFen) {

    /** Deduction or refund. */
    public enum Kind {
        DEDUCTION,
        REFUND
    }

    public Dispute {
        if (kind == null || msisdn == null || ts == null) {
            throw new IllegalArgumentException("kind, msisdn and ts are required");
        }
        Fields.countable("ts", ts); // every later check of the number counts in milliseconds from it
        if (amountFen < 0) {
            throw new InvalidFieldException("amount_fen", "must not be negative, got " + amountFen);
        }
    }

    /**
     * Reads a {@code disputes.csv} row: {@code kind, ts, msisdn, amount_fen, request_id?}.
     *
     * @throws InvalidFieldException for the first missing or bad field
     */
    public static Dispute fromColumns(Map<String, String> row) {
        return new Dispute(
                Fields.enumValue(Kind.class, "kind", Fields.required(row, "kind")),
                Fields.optional(row, "request_id"),
                Msisdn.parse("msisdn", Fields.required(row, "msisdn")),
                Fields.instant("ts", Fields.required(row, "ts")),
                Fields.longValue("amount_fen", Fields.required(row, "amount_fen")));
    }
}
