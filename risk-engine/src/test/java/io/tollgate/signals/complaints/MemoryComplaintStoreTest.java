package io.tollgate.signals.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.Msisdn;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryComplaintStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-10T04:00:00Z");
    private final MemoryComplaintStore store = new MemoryComplaintStore();

    private static Complaint complaint(String id, String msisdn, String merchant, int minutes) {
        return new Complaint(id, T0.plusSeconds(60L * minutes), new Msisdn(msisdn), merchant, null,
                ComplaintKind.UNAUTHORIZED, ComplaintSource.CARRIER);
    }

    @Test
    void addAll_sameIdReplacesTheStoredComplaint_andReadsAreOldestFirst() {
        store.addAll(List.of(complaint("C2", "13800138000", "M1", 5), complaint("C1", "13800138000", "M1", 1)));
        store.addAll(List.of(complaint("C2", "13900139000", "M2", 3))); // C2 moved to another number and merchant

        assertThat(store.byMsisdn("13800138000")).extracting(Complaint::complaintId).containsExactly("C1");
        assertThat(store.byMsisdn("13900139000")).extracting(Complaint::complaintId).containsExactly("C2");
        assertThat(store.complaintTimesByMerchant("M1")).containsExactly(T0.plusSeconds(60).toEpochMilli());
        assertThat(store.complaintTimesByMerchant("M2")).containsExactly(T0.plusSeconds(180).toEpochMilli());
        assertThat(store.complaintTimesByMerchant("M3")).isEmpty();
        assertThat(store.byMsisdn("13700137000")).isEmpty();
    }

    @Test
    void add_sameDisputeTwice_isStoredOnce() {
        Msisdn number = new Msisdn("13800138000");
        store.add(new Dispute(Dispute.Kind.REFUND, "R1", number, T0.plusSeconds(60), 500));
        store.add(new Dispute(Dispute.Kind.REFUND, "R1", number, T0.plusSeconds(120), 500)); // by request id
        store.add(new Dispute(Dispute.Kind.DEDUCTION, "R1", number, T0, 500));               // another kind
        store.add(new Dispute(Dispute.Kind.REFUND, null, number, T0.plusSeconds(30), 300));
        store.add(new Dispute(Dispute.Kind.REFUND, null, number, T0.plusSeconds(30), 300));  // by number and instant

        assertThat(store.disputesByMsisdn("13800138000")).extracting(Dispute::ts)
                .containsExactly(T0, T0.plusSeconds(30), T0.plusSeconds(60));
    }

    @Test
    void msisdnsWithHistory_numbersWithAComplaintOrADispute() {
        store.addAll(List.of(complaint("C1", "13800138000", "M1", 1)));
        store.add(new Dispute(Dispute.Kind.DEDUCTION, "R1", new Msisdn("13900139000"), T0, 500));

        assertThat(store.msisdnsWithHistory()).containsExactlyInAnyOrder("13800138000", "13900139000");
    }
}
