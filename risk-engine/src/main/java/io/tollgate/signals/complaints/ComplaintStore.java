package io.tollgate.signals.complaints;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Where complaints, deductions and refunds are kept. Implementations are thread-safe. */
public interface ComplaintStore {
    /** @return the complaints filed by one number, oldest first */
    List<Complaint> byMsisdn(String msisdn);

    /** @return the deductions and refunds of one number, oldest first */
    List<Dispute> disputesByMsisdn(String msisdn);

    /** @return the epoch milliseconds of every complaint against a merchant, ascending */
    long[] complaintTimesByMerchant(String merchantId);

    /** @return every number with at least one complaint, deduction or refund */
    Set<String> msisdnsWithHistory();

    /** Adds complaints in one transaction; a complaint with a stored id replaces the stored one. */
    void addAll(Collection<Complaint> complaints);

    /** Adds a deduction or refund, once: the same one reported again is not stored twice. */
    void add(Dispute dispute);
}
