package io.tollgate.signals.complaints;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.tollgate.facts.Complaints;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes {@link Complaints} as of an instant: a complaint, deduction or refund counts only for
 * checks at or after its own time (point-in-time). Histories are cached per number and per merchant
 * and invalidated on every write through this class; numbers with no history at all are known in
 * memory, so a clean number costs no database read. Thread-safe.
 */
public final class ComplaintSignals {
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final ComplaintStore store;
    private final Set<String> msisdnsWithHistory = ConcurrentHashMap.newKeySet();
    private final LoadingCache<String, History> byMsisdn;
    private final LoadingCache<String, long[]> byMerchant;

    private record History(List<Complaint> complaints, List<Dispute> disputes) {
        static final History EMPTY = new History(List.of(), List.of());
    }

    /**
     * @param store where complaints are kept
     * @param cacheSize how many numbers' and merchants' histories to keep in memory
     */
    public ComplaintSignals(ComplaintStore store, long cacheSize) {
        this.store = store;
        this.msisdnsWithHistory.addAll(store.msisdnsWithHistory());
        this.byMsisdn = Caffeine.newBuilder().maximumSize(cacheSize)
                .build(msisdn -> new History(List.copyOf(store.byMsisdn(msisdn)),
                        List.copyOf(store.disputesByMsisdn(msisdn))));
        this.byMerchant = Caffeine.newBuilder().maximumSize(cacheSize).build(store::complaintTimesByMerchant);
    }

    /**
     * @param msisdn the number's 11 digits
     * @param merchantId the merchant of the charge
     * @param now the instant the history is read as of
     * @param merchantApproved30d the merchant's approved charges in the last 30 days
     * @return the complaint facts
     */
    public Complaints asOf(String msisdn, String merchantId, Instant now, long merchantApproved30d) {
        long nowMs = now.toEpochMilli();
        int in30 = 0;
        int in90 = 0;
        int in365 = 0;
        boolean againstMerchant = false;
        int deductions = 0;
        int refunds = 0;
        History history = msisdnsWithHistory.contains(msisdn) ? byMsisdn.get(msisdn) : History.EMPTY;
        List<Complaint> complaints = history.complaints();
        for (int i = 0; i < complaints.size(); i++) { // indexed: no iterator for the usual empty history
            Complaint complaint = complaints.get(i);
            long age = nowMs - complaint.ts().toEpochMilli();
            if (age < 0 || age >= 365 * DAY_MS) {
                continue;
            }
            in365++;
            in90 += age < 90 * DAY_MS ? 1 : 0;
            in30 += age < 30 * DAY_MS ? 1 : 0;
            againstMerchant |= complaint.merchantId().equals(merchantId);
        }
        List<Dispute> disputes = history.disputes();
        for (int i = 0; i < disputes.size(); i++) {
            Dispute dispute = disputes.get(i);
            long age = nowMs - dispute.ts().toEpochMilli();
            if (age >= 0 && age < 90 * DAY_MS) {
                deductions += dispute.kind() == Dispute.Kind.DEDUCTION ? 1 : 0;
                refunds += dispute.kind() == Dispute.Kind.REFUND ? 1 : 0;
            }
        }
        int merchant30 = countBetween(byMerchant.get(merchantId), nowMs - 30 * DAY_MS, nowMs);
        double rate = merchantApproved30d == 0 ? 0 : merchant30 * 10_000.0 / merchantApproved30d;
        return new Complaints(in30, in90, in365, againstMerchant, deductions, refunds, merchant30,
                merchantApproved30d, rate);
    }

    /** Stores complaints, visible to the very next check. */
    public void addAll(Collection<Complaint> complaints) {
        try {
            store.addAll(complaints);
        } finally {
            for (Complaint complaint : complaints) {
                msisdnsWithHistory.add(complaint.msisdn().digits());
                byMsisdn.invalidate(complaint.msisdn().digits());
                byMerchant.invalidate(complaint.merchantId());
            }
        }
    }

    /** Stores a deduction or refund, visible to the very next check. */
    public void add(Dispute dispute) {
        try {
            store.add(dispute);
        } finally {
            msisdnsWithHistory.add(dispute.msisdn().digits());
            byMsisdn.invalidate(dispute.msisdn().digits());
        }
    }

    /** Counts sorted times in (from, to]. */
    private static int countBetween(long[] sortedTimes, long fromExclusive, long toInclusive) {
        int start = upperBound(sortedTimes, fromExclusive);
        int end = upperBound(sortedTimes, toInclusive);
        return Math.max(0, end - start);
    }

    private static int upperBound(long[] sorted, long value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index < sorted.length && sorted[index] == value) {
            index++;
        }
        return index;
    }
}
