package io.tollgate.signals.complaints;

import io.tollgate.charge.Msisdn;
import io.tollgate.store.Times;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** {@link ComplaintStore} on SQL through Jdbi. Thread-safe. */
public final class JdbiComplaintStore implements ComplaintStore {
    private final Jdbi jdbi;

    /** @param jdbi the database */
    public JdbiComplaintStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<Complaint> byMsisdn(String msisdn) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT complaint_id, ts, msisdn, merchant_id, product_id, kind, source
                        FROM complaint WHERE msisdn = :msisdn ORDER BY ts""")
                .bind("msisdn", msisdn)
                .map((rs, ctx) -> new Complaint(
                        rs.getString("complaint_id"),
                        Times.instant(rs.getObject("ts", OffsetDateTime.class)),
                        new Msisdn(rs.getString("msisdn")),
                        rs.getString("merchant_id"),
                        rs.getString("product_id"),
                        ComplaintKind.valueOf(rs.getString("kind")),
                        ComplaintSource.valueOf(rs.getString("source"))))
                .list());
    }

    @Override
    public List<Dispute> disputesByMsisdn(String msisdn) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT kind, request_id, msisdn, ts, amount_fen
                        FROM charge_outcome WHERE msisdn = :msisdn ORDER BY ts""")
                .bind("msisdn", msisdn)
                .map((rs, ctx) -> new Dispute(
                        Dispute.Kind.valueOf(rs.getString("kind")),
                        rs.getString("request_id"),
                        new Msisdn(rs.getString("msisdn")),
                        Times.instant(rs.getObject("ts", OffsetDateTime.class)),
                        rs.getLong("amount_fen")))
                .list());
    }

    @Override
    public long[] complaintTimesByMerchant(String merchantId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT ts FROM complaint WHERE merchant_id = :merchant ORDER BY ts")
                .bind("merchant", merchantId)
                .map((rs, ctx) -> rs.getObject("ts", OffsetDateTime.class).toInstant().toEpochMilli())
                .list())
                .stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public Set<String> msisdnsWithHistory() {
        return jdbi.withHandle(handle -> new HashSet<>(handle.createQuery("""
                        SELECT msisdn FROM complaint UNION SELECT msisdn FROM charge_outcome""")
                .mapTo(String.class)
                .list()));
    }

    @Override
    public void addAll(Collection<Complaint> complaints) {
        jdbi.useTransaction(handle -> {
            // Delete-then-insert keeps re-imports idempotent in portable SQL.
            var delete = handle.prepareBatch("DELETE FROM complaint WHERE complaint_id = :id");
            var batch = handle.prepareBatch("""
                    INSERT INTO complaint (complaint_id, ts, msisdn, merchant_id, product_id, kind, source)
                    VALUES (:id, :ts, :msisdn, :merchant, :product, :kind, :source)""");
            for (Complaint complaint : complaints) {
                delete.bind("id", complaint.complaintId()).add();
                batch.bind("id", complaint.complaintId())
                        .bind("ts", Times.utc(complaint.ts()))
                        .bind("msisdn", complaint.msisdn().digits())
                        .bind("merchant", complaint.merchantId())
                        .bind("product", complaint.productId())
                        .bind("kind", complaint.kind().name())
                        .bind("source", complaint.source().name())
                        .add();
            }
            if (!complaints.isEmpty()) {
                delete.execute();
                batch.execute();
            }
        });
    }

    @Override
    public void add(Dispute dispute) {
        // A retried report or a re-imported file must not count twice: one deduction or refund per
        // charge (by request id), or per number and instant when the charge is not known.
        String same = dispute.requestId() != null
                ? "kind = :kind AND request_id = :requestId"
                : "kind = :kind AND request_id IS NULL AND msisdn = :msisdn AND ts = :ts";
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO charge_outcome (request_id, kind, ts, msisdn, amount_fen)
                        SELECT :requestId, :kind, :ts, :msisdn, :amount
                        WHERE NOT EXISTS (SELECT 1 FROM charge_outcome WHERE <same>)""".replace("<same>", same))
                .bind("requestId", dispute.requestId())
                .bind("kind", dispute.kind().name())
                .bind("ts", Times.utc(dispute.ts()))
                .bind("msisdn", dispute.msisdn().digits())
                .bind("amount", dispute.amountFen())
                .execute());
    }
}
