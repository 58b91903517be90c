package io.tollgate.generate;

import io.tollgate.charge.Carrier;
import io.tollgate.signals.complaints.ComplaintKind;
import io.tollgate.signals.complaints.ComplaintSource;
import io.tollgate.signals.complaints.Dispute;
import io.tollgate.signals.lists.ListKind;
import io.tollgate.signals.lists.ListSource;
import io.tollgate.signals.subscriber.Plan;
import io.tollgate.signals.subscriber.SubscriberStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reference data the patterns leave behind — profile versions of the numbers they use, list
 * entries, complaints and disputes — kept until the end and written sorted by time. Their size
 * grows with the number of actors, not with the number of charges. Anything dated at or after the
 * end of the period is left out: it had not happened yet. Not thread-safe.
 */
final class ReferenceData {
    static final String SUBSCRIBERS_HEADER =
            "msisdn,carrier,activated_on,plan,balance_fen,arrears_days,status,ported_on,updated_at";

    /** A version of a subscriber's profile, valid from {@code updatedAt}. */
    record Profile(long msisdn, Carrier carrier, LocalDate activatedOn, Plan plan, long balanceFen, int arrearsDays,
            SubscriberStatus status, LocalDate portedOn, long updatedAt) {
        String csv() {
            return msisdn + "," + carrier + "," + activatedOn + "," + plan + "," + balanceFen + "," + arrearsDays + ","
                    + status + "," + (portedOn == null ? "" : portedOn) + "," + Horizon.format(updatedAt);
        }

        /** @return this profile as of a later sync, with other arrears and status */
        Profile next(long at, int arrears, SubscriberStatus newStatus) {
            return new Profile(msisdn, carrier, activatedOn, plan, balanceFen, arrears, newStatus, portedOn, at);
        }
    }

    /** The last charge of a plan paid before the period, as the service provider's billing knows it. */
    record PaidPeriod(long msisdn, Product product, long lastChargedAt) {
    }

    /** A blacklist entry; {@code expiresAt} is {@code null} when it does not expire. */
    record ListEntry(ListKind kind, String value, ListSource source, String reason, long addedAt, Long expiresAt) {
    }

    /** A complaint; {@code productId} is {@code null} when it names none. */
    record Complaint(long ts, long msisdn, String merchantId, String productId, ComplaintKind kind,
            ComplaintSource source) {
    }

    /**
     * A deduction or refund about a generated charge ({@code charge}) or one before the period
     * ({@code earlierId}, e.g. {@code R2602-013206}); both {@code null} when the notice named none.
     */
    record DisputeRow(Dispute.Kind kind, long ts, long msisdn, long amountFen, Charge charge, String earlierId) {
    }

    private final Horizon horizon;
    private final List<Profile> profiles = new ArrayList<>();
    private final List<ListEntry> entries = new ArrayList<>();
    private final List<Complaint> complaints = new ArrayList<>();
    private final List<DisputeRow> disputes = new ArrayList<>();
    private final List<PaidPeriod> paidPeriods = new ArrayList<>();

    ReferenceData(Horizon horizon) {
        this.horizon = horizon;
    }

    void profile(Profile profile) {
        if (profile.updatedAt() < horizon.end()) {
            profiles.add(profile);
        }
    }

    void listEntry(ListEntry entry) {
        if (entry.addedAt() < horizon.end()) {
            entries.add(entry);
        }
    }

    void complaint(Complaint complaint) {
        if (complaint.ts() < horizon.end()) {
            complaints.add(complaint);
        }
    }

    /** Records a subscription paid before the period; {@code subscriptions.csv} lists it. */
    void paidBefore(Subscription subscription) {
        if (subscription.lastCharge < horizon.start()) {
            paidPeriods.add(new PaidPeriod(subscription.msisdn, subscription.product, subscription.lastCharge));
        }
    }

    void dispute(DisputeRow dispute) {
        if (dispute.ts() < horizon.end()) {
            disputes.add(dispute);
        }
    }

    /**
     * Writes {@code subscribers.csv} (the ordinary subscribers' profiles first, then the patterns'
     * versions), {@code blacklist.csv}, {@code complaints.csv} and {@code disputes.csv}.
     *
     * @param folder where to write
     * @param population writes the ordinary subscribers' profiles to the consumer it is given
     * @return rows written: subscribers, blacklist, complaints, disputes, subscriptions
     */
    long[] write(Path folder, Consumer<Consumer<Profile>> population) {
        long[] rows = new long[5];
        try (BufferedWriter out = open(folder.resolve("subscribers.csv"), SUBSCRIBERS_HEADER)) {
            Consumer<Profile> writeOne = profile -> {
                line(out, profile.csv());
                rows[0]++;
            };
            population.accept(writeOne);
            profiles.forEach(writeOne);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.comparingLong(ListEntry::addedAt));
        try (BufferedWriter out = open(folder.resolve("blacklist.csv"), "kind,value,source,reason,added_at,expires_at")) {
            for (ListEntry entry : entries) {
                line(out, entry.kind() + "," + entry.value() + "," + entry.source() + "," + entry.reason() + ","
                        + Horizon.format(entry.addedAt()) + ","
                        + (entry.expiresAt() == null ? "" : Horizon.format(entry.expiresAt())));
                rows[1]++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        complaints.sort(Comparator.comparingLong(Complaint::ts));
        try (BufferedWriter out = open(folder.resolve("complaints.csv"),
                "complaint_id,ts,msisdn,merchant_id,product_id,kind,source")) {
            for (Complaint complaint : complaints) {
                rows[2]++;
                line(out, String.format("C%07d", rows[2]) + "," + Horizon.format(complaint.ts()) + ","
                        + complaint.msisdn() + "," + complaint.merchantId() + ","
                        + (complaint.productId() == null ? "" : complaint.productId()) + "," + complaint.kind() + ","
                        + complaint.source());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        disputes.sort(Comparator.comparingLong(DisputeRow::ts));
        try (BufferedWriter out = open(folder.resolve("disputes.csv"), "kind,ts,msisdn,amount_fen,request_id")) {
            for (DisputeRow dispute : disputes) {
                String id = dispute.charge() != null ? dispute.charge().requestId()
                        : dispute.earlierId() != null ? dispute.earlierId() : "";
                line(out, dispute.kind() + "," + Horizon.format(dispute.ts()) + "," + dispute.msisdn() + ","
                        + dispute.amountFen() + "," + (id == null ? "" : id));
                rows[3]++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        paidPeriods.sort(Comparator.comparingLong(PaidPeriod::lastChargedAt).thenComparingLong(PaidPeriod::msisdn));
        try (BufferedWriter out = open(folder.resolve("subscriptions.csv"),
                "msisdn,merchant_id,product_id,billing_type,last_charged_at")) {
            for (PaidPeriod period : paidPeriods) {
                line(out, period.msisdn() + "," + period.product().merchant().id() + "," + period.product().id() + ","
                        + period.product().billingType() + "," + Horizon.format(period.lastChargedAt()));
                rows[4]++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static BufferedWriter open(Path file, String header) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(header);
        out.write('\n');
        return out;
    }

    private static void line(BufferedWriter out, String text) {
        try {
            out.write(text);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
