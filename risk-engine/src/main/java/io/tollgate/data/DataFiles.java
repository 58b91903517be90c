package io.tollgate.data;

import io.tollgate.charge.InvalidFieldException;
import io.tollgate.signals.complaints.Complaint;
import io.tollgate.signals.complaints.Dispute;
import io.tollgate.signals.lists.ListEntry;
import io.tollgate.signals.subscription.PaidPeriod;
import io.tollgate.signals.subscriber.SubscriberProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The reference data of a folder ({@code subscribers.csv}, {@code blacklist.csv},
 * {@code complaints.csv}, {@code disputes.csv}, {@code subscriptions.csv}; each optional), read and validated in full before
 * anything is stored, so a bad row imports nothing. Immutable.
 *
 * @param subscribers profile versions
 * @param listEntries blacklist entries
 * @param complaints complaints
 * @param disputes deductions (核减) and refunds
 * @param paidPeriods subscription periods paid before the engine's history starts
 */
public record DataFiles(
        List<SubscriberProfile> subscribers, List<ListEntry> listEntries, List<Complaint> complaints,
        List<Dispute> disputes, List<PaidPeriod> paidPeriods) {
    /** The columns each file must have. */
    public static final Set<String> SUBSCRIBER_COLUMNS = Set.of("msisdn", "carrier", "activated_on", "plan",
            "balance_fen", "arrears_days", "status", "updated_at");
    public static final Set<String> BLACKLIST_COLUMNS = Set.of("kind", "value", "source", "reason", "added_at");
    public static final Set<String> COMPLAINT_COLUMNS = Set.of("complaint_id", "ts", "msisdn", "merchant_id", "kind",
            "source");
    public static final Set<String> DISPUTE_COLUMNS = Set.of("kind", "ts", "msisdn", "amount_fen");
    public static final Set<String> SUBSCRIPTION_COLUMNS = Set.of("msisdn", "merchant_id", "product_id",
            "billing_type", "last_charged_at");

    /** Reference data without imported subscription periods. */
    public DataFiles(List<SubscriberProfile> subscribers, List<ListEntry> listEntries, List<Complaint> complaints,
            List<Dispute> disputes) {
        this(subscribers, listEntries, complaints, disputes, List.of());
    }

    /**
     * Reads every reference file in a folder.
     *
     * @param folder the data folder
     * @return what it holds
     * @throws UnableToImportException naming the file, line and reason of the first bad row
     */
    public static DataFiles read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new UnableToImportException(folder + ": not a folder");
        }
        List<SubscriberProfile> subscribers = readAll(folder.resolve("subscribers.csv"), SUBSCRIBER_COLUMNS,
                SubscriberProfile::fromColumns);
        List<ListEntry> entries = readAll(folder.resolve("blacklist.csv"), BLACKLIST_COLUMNS, ListEntry::fromColumns);
        List<Complaint> complaints = readAll(folder.resolve("complaints.csv"), COMPLAINT_COLUMNS,
                Complaint::fromColumns);
        List<Dispute> disputes = readAll(folder.resolve("disputes.csv"), DISPUTE_COLUMNS, Dispute::fromColumns);
        List<PaidPeriod> paidPeriods = readAll(folder.resolve("subscriptions.csv"), SUBSCRIPTION_COLUMNS,
                PaidPeriod::fromColumns);
        Set<String> ids = new HashSet<>();
        for (Complaint complaint : complaints) {
            if (!ids.add(complaint.complaintId())) {
                throw new UnableToImportException(folder.resolve("complaints.csv") + ": complaint_id '"
                        + complaint.complaintId() + "' appears twice");
            }
        }
        return new DataFiles(subscribers, entries, complaints, disputes, paidPeriods);
    }

    /** @return how many rows were read in all */
    public int size() {
        return subscribers.size() + listEntries.size() + complaints.size() + disputes.size() + paidPeriods.size();
    }

    private static <T> List<T> readAll(Path file, Set<String> columns, Function<Map<String, String>, T> parse) {
        List<T> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try (CsvReader reader = new CsvReader(file, columns)) {
            for (Map<String, String> row = reader.next(); row != null; row = reader.next()) {
                try {
                    rows.add(parse.apply(row));
                } catch (InvalidFieldException e) {
                    throw new UnableToImportException(file + ":" + reader.line() + ": " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }
}
