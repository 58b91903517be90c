package io.tollgate.signals.complaints;

import io.tollgate.charge.Fields;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.charge.Msisdn;
import java.time.Instant;
import java.util.Map;

/**
 * One complaint (投诉), a row of {@code complaints.csv}. Immutable.
 *
 * @param complaintId unique id
 * @param ts when it was filed, within {@link Fields#countable}; it counts for checks at or after this instant only
 * @param msisdn the complaining number
 * @param merchantId the service provider complained about
 * @param productId the product, or {@code null}
 * @param kind what it is about
 * @param source where it was filed
 */
public record Complaint(
        String complaintId, Instant ts, Msisdn msisdn, String merchantId, String productId, ComplaintKind kind,
        ComplaintSource source) {

    public Complaint {
        if (complaintId == null || complaintId.isBlank()) {
            throw new InvalidFieldException("complaint_id", "is required");
        }
        if (ts == null || msisdn == null || kind == null || source == null) {
            throw new IllegalArgumentException("ts, msisdn, kind and source are required");
        }
        Fields.countable("ts", ts); // every later check of the number counts in milliseconds from it
        if (merchantId == null || merchantId.isBlank()) {
            throw new InvalidFieldException("merchant_id", "is required");
        }
    }

    /**
     * Reads a {@code complaints.csv} row.
     *
     * @throws InvalidFieldException for the first missing or bad field
     */
    public static Complaint fromColumns(Map<String, String> row) {
        return new Complaint(
                Fields.required(row, "complaint_id"),
                Fields.instant("ts", Fields.required(row, "ts")),
                Msisdn.parse("msisdn", Fields.required(row, "msisdn")),
                Fields.required(row, "merchant_id"),
                Fields.optional(row, "product_id"),
                Fields.enumValue(ComplaintKind.class, "kind", Fields.required(row, "kind")),
                Fields.enumValue(ComplaintSource.class, "source", Fields.required(row, "source")));
    }
}
