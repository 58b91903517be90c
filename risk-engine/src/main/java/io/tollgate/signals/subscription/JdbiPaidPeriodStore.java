package io.tollgate.signals.subscription;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.Msisdn;
import io.tollgate.store.Times;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/** {@link PaidPeriodStore} on SQL through Jdbi. Thread-safe. */
public final class JdbiPaidPeriodStore implements PaidPeriodStore {
    private final Jdbi jdbi;

    /** @param jdbi the database */
    public JdbiPaidPeriodStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void forEachPeriod(Consumer<PaidPeriod> each) {
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT msisdn, merchant_id, product_id, billing_type, last_charged_at FROM subscription_paid""")
                .setFetchSize(10_000)
                .map((rs, ctx) -> new PaidPeriod(new Msisdn(rs.getString("msisdn").strip()),
                        rs.getString("merchant_id"), rs.getString("product_id"),
                        BillingType.valueOf(rs.getString("billing_type")),
                        Times.instant(rs.getObject("last_charged_at", OffsetDateTime.class))))
                .forEach(each));
    }

    @Override
    public void addAll(Collection<PaidPeriod> periods) {
        if (periods.isEmpty()) {
            return;
        }
        jdbi.useTransaction(handle -> {
            // Delete-then-insert keeps re-imports idempotent in portable SQL.
            var delete = handle.prepareBatch("""
                    DELETE FROM subscription_paid WHERE msisdn = :msisdn AND merchant_id = :merchantId
                      AND product_id = :productId AND last_charged_at = :at""");
            var insert = handle.prepareBatch("""
                    INSERT INTO subscription_paid (msisdn, merchant_id, product_id, billing_type, last_charged_at)
                    VALUES (:msisdn, :merchantId, :productId, :billingType, :at)""");
            for (PaidPeriod period : periods) {
                delete.bind("msisdn", period.msisdn().digits()).bind("merchantId", period.merchantId())
                        .bind("productId", period.productId()).bind("at", Times.utc(period.lastChargedAt())).add();
                insert.bind("msisdn", period.msisdn().digits()).bind("merchantId", period.merchantId())
                        .bind("productId", period.productId()).bind("billingType", period.billingType().name())
                        .bind("at", Times.utc(period.lastChargedAt())).add();
            }
            delete.execute();
            insert.execute();
        });
    }
}
