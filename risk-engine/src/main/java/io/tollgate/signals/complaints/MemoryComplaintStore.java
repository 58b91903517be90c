package io.tollgate.signals.complaints;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ComplaintStore} in memory, for a replay that throws its database away afterwards
 * ({@link io.tollgate.RiskEngine.Builder#replayInMemory()}): a number's history is then read
 * without a database query on its first check. Same rules as the SQL store: a complaint with a
 * stored id replaces it, and a deduction or refund is stored once per charge (by request id), or
 * per number and instant when the charge is not known. Thread-safe: every method is synchronised.
 */
public final class MemoryComplaintStore implements ComplaintStore {
    private static final Comparator<Complaint> BY_TIME = Comparator.comparing(Complaint::ts);

    private final Map<String, Complaint> byId = new HashMap<>();
    private final Map<String, Map<String, Complaint>> byMsisdn = new HashMap<>();
    private final Map<String, Map<String, Complaint>> byMerchant = new HashMap<>();
    private final Map<String, List<Dispute>> disputesByMsisdn = new HashMap<>();
    /** What makes two deductions or refunds the same one: see {@link #add(Dispute)}. */
    private final Set<List<Object>> disputeKeys = new HashSet<>();

    @Override
    public synchronized List<Complaint> byMsisdn(String msisdn) {
        return sorted(byMsisdn.get(msisdn));
    }

    @Override
    public synchronized List<Dispute> disputesByMsisdn(String msisdn) {
        List<Dispute> disputes = new ArrayList<>(disputesByMsisdn.getOrDefault(msisdn, List.of()));
        disputes.sort(Comparator.comparing(Dispute::ts));
        return disputes;
    }

    @Override
    public synchronized long[] complaintTimesByMerchant(String merchantId) {
        return sorted(byMerchant.get(merchantId)).stream().mapToLong(c -> c.ts().toEpochMilli()).toArray();
    }

    @Override
    public synchronized Set<String> msisdnsWithHistory() {
        Set<String> numbers = new HashSet<>(byMsisdn.keySet());
        numbers.addAll(disputesByMsisdn.keySet());
        return numbers;
    }

    @Override
    public synchronized void addAll(Collection<Complaint> complaints) {
        for (Complaint complaint : complaints) {
            Complaint replaced = byId.put(complaint.complaintId(), complaint);
            if (replaced != null) {
                index(byMsisdn, replaced.msisdn().digits()).remove(replaced.complaintId());
                index(byMerchant, replaced.merchantId()).remove(replaced.complaintId());
            }
            index(byMsisdn, complaint.msisdn().digits()).put(complaint.complaintId(), complaint);
            index(byMerchant, complaint.merchantId()).put(complaint.complaintId(), complaint);
        }
    }

    @Override
    public synchronized void add(Dispute dispute) {
        List<Object> key = dispute.requestId() != null
                ? List.of(dispute.kind(), dispute.requestId())
                : List.of(dispute.kind(), dispute.msisdn().digits(), dispute.ts());
        if (disputeKeys.add(key)) {
            disputesByMsisdn.computeIfAbsent(dispute.msisdn().digits(), number -> new ArrayList<>()).add(dispute);
        }
    }

    private static Map<String, Complaint> index(Map<String, Map<String, Complaint>> index, String key) {
        return index.computeIfAbsent(key, k -> new LinkedHashMap<>());
    }

    private static List<Complaint> sorted(Map<String, Complaint> complaints) {
        if (complaints == null) {
            return List.of();
        }
        List<Complaint> list = new ArrayList<>(complaints.values());
        list.sort(BY_TIME);
        return list;
    }
}
