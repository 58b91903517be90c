package io.tollgate.signals.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the latest imported period paid for a number's subscription to a product as of an instant
 * (point-in-time). Every imported period is kept in memory, read from the store when the engine
 * opens and written through this class, so a check never reads the database. Thread-safe: a
 * number's periods are an array replaced on every write, never changed, so reads take no lock.
 */
public final class PaidPeriods {
    private static final Comparator<PaidPeriod> OLDEST_FIRST = Comparator.comparing(PaidPeriod::lastChargedAt);

    private final PaidPeriodStore store;
    /** Each number's periods, oldest first. */
    private final ConcurrentHashMap<Long, PaidPeriod[]> byMsisdn = new ConcurrentHashMap<>();

    /** @param store where periods are kept; every one is read now */
    public PaidPeriods(PaidPeriodStore store) {
        this.store = store;
        List<PaidPeriod> stored = new ArrayList<>();
        store.forEachPeriod(stored::add);
        remember(stored);
    }

    /**
     * @param msisdn the 11-digit number
     * @param merchantId the merchant
     * @param productId the product
     * @param asOf the instant of the check: a period paid after it does not count
     * @return the latest period paid at or before {@code asOf}
     */
    public Optional<PaidPeriod> latest(String msisdn, String merchantId, String productId, Instant asOf) {
        PaidPeriod[] periods = byMsisdn.get(Long.parseLong(msisdn));
        if (periods == null) {
            return Optional.empty();
        }
        PaidPeriod found = null;
        for (PaidPeriod period : periods) {
            if (period.lastChargedAt().isAfter(asOf)) {
                break;
            }
            if (period.merchantId().equals(merchantId) && period.productId().equals(productId)) {
                found = period;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Stores periods, visible to the very next check. */
    public void addAll(Collection<PaidPeriod> periods) {
        store.addAll(periods);
        remember(periods);
    }

    /**
     * Makes periods the store already holds visible to checks: for an import that stores them in a
     * larger transaction, once that transaction is committed.
     *
     * @param periods periods stored through {@link PaidPeriodStore#addAll}
     */
    public void remember(Collection<PaidPeriod> periods) {
        Map<Long, List<PaidPeriod>> added = new HashMap<>();
        for (PaidPeriod period : periods) {
            added.computeIfAbsent(Long.parseLong(period.msisdn().digits()), number -> new ArrayList<>()).add(period);
        }
        added.forEach((number, more) -> byMsisdn.compute(number, (key, known) -> merged(known, more)));
    }

    /** The known periods with more: one of the same merchant, product and instant replaces the old one. */
    private static PaidPeriod[] merged(PaidPeriod[] known, List<PaidPeriod> more) {
        List<PaidPeriod> all = new ArrayList<>(known == null ? List.of() : Arrays.asList(known));
        for (PaidPeriod period : more) {
            all.removeIf(old -> old.lastChargedAt().equals(period.lastChargedAt())
                    && old.merchantId().equals(period.merchantId()) && old.productId().equals(period.productId()));
            all.add(period);
        }
        all.sort(OLDEST_FIRST);
        return all.toArray(PaidPeriod[]::new);
    }
}
