package io.tollgate.signals.subscriber;

import io.tollgate.charge.Carrier;
import io.tollgate.charge.Msisdn;
import io.tollgate.store.Times;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/** {@link SubscriberStore} on SQL through Jdbi. Thread-safe. */
public final class JdbiSubscriberStore implements SubscriberStore {
    private final Jdbi jdbi;

    /** @param jdbi the database */
    public JdbiSubscriberStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void forEachVersion(Consumer<SubscriberProfile> each) {
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT msisdn, carrier, activated_on, plan, balance_fen, arrears_days, status, ported_on, updated_at
                        FROM subscriber_version""")
                .setFetchSize(10_000)
                .map((rs, ctx) -> new SubscriberProfile(
                        new Msisdn(rs.getString("msisdn").strip()),
                        Carrier.valueOf(rs.getString("carrier")),
                        rs.getObject("activated_on", LocalDate.class),
                        Plan.valueOf(rs.getString("plan")),
                        rs.getLong("balance_fen"),
                        rs.getInt("arrears_days"),
                        SubscriberStatus.valueOf(rs.getString("status")),
                        rs.getObject("ported_on", LocalDate.class),
                        Times.instant(rs.getObject("updated_at", OffsetDateTime.class))))
                .forEach(each));
    }

    @Override
    public void addAll(Collection<SubscriberProfile> profiles) {
        jdbi.useTransaction(handle -> {
            // Delete-then-insert keeps re-imports idempotent in portable SQL.
            var delete = handle.prepareBatch("DELETE FROM subscriber_version WHERE msisdn = :msisdn AND updated_at = :updatedAt");
            var batch = handle.prepareBatch("""
                    INSERT INTO subscriber_version (msisdn, updated_at, carrier, activated_on, plan, balance_fen,
                                                    arrears_days, status, ported_on)
                    VALUES (:msisdn, :updatedAt, :carrier, :activatedOn, :plan, :balance, :arrears, :status, :portedOn)""");
            for (SubscriberProfile profile : inKeyOrder(profiles)) {
                delete.bind("msisdn", profile.msisdn().digits()).bind("updatedAt", Times.utc(profile.updatedAt())).add();
                batch.bind("msisdn", profile.msisdn().digits())
                        .bind("updatedAt", Times.utc(profile.updatedAt()))
                        .bind("carrier", profile.carrier().name())
                        .bind("activatedOn", profile.activatedOn())
                        .bind("plan", profile.plan().name())
                        .bind("balance", profile.balanceFen())
                        .bind("arrears", profile.arrearsDays())
                        .bind("status", profile.status().name())
                        .bind("portedOn", profile.portedOn())
                        .add();
            }
            if (!profiles.isEmpty()) {
                delete.execute();
                batch.execute();
            }
        });
    }

    /** The profiles in primary-key order: H2 appends to its index far faster than it inserts at random. */
    private static List<SubscriberProfile> inKeyOrder(Collection<SubscriberProfile> profiles) {
        List<SubscriberProfile> sorted = new ArrayList<>(profiles);
        sorted.sort(Comparator.comparing((SubscriberProfile profile) -> profile.msisdn().digits())
                .thenComparing(SubscriberProfile::updatedAt));
        return sorted;
    }
}
