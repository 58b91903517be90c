package io.tollgate.signals.subscription;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the latest imported period paid for a number's subscription to a product as of an instant
 * (point-in-time). A number's periods are cached and invalidated on every write through this class;
 * the numbers with no imported period at all are known in memory, so a subscription charge of any
 * other number (most of them: the engine tracks the plans it saw paid itself) costs no database
 * read. Thread-safe.
 */
public final class PaidPeriods {
    private final PaidPeriodStore store;
    private final LoadingCache<String, List<PaidPeriod>> byMsisdn;
    private final Set<Long> msisdnsWithPeriod = ConcurrentHashMap.newKeySet();

    /**
     * @param store where periods are kept; the numbers with one are read now
     * @param cacheSize how many numbers' periods to keep in memory
     */
    public PaidPeriods(PaidPeriodStore store, long cacheSize) {
        this.store = store;
        this.byMsisdn = Caffeine.newBuilder().maximumSize(cacheSize)
                .build(msisdn -> List.copyOf(store.periods(msisdn)));
        store.msisdnsWithPeriod(msisdnsWithPeriod::add);
    }

    /**
     * @param msisdn the 11-digit number
     * @param merchantId the merchant
     * @param productId the product
     * @param asOf the instant of the check: a period paid after it does not count
     * @return the latest period paid at or before {@code asOf}
     */
    public Optional<PaidPeriod> latest(String msisdn, String merchantId, String productId, Instant asOf) {
        if (!msisdnsWithPeriod.contains(Long.parseLong(msisdn))) {
            return Optional.empty();
        }
        PaidPeriod found = null;
        for (PaidPeriod period : byMsisdn.get(msisdn)) { // oldest first
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
        try {
            store.addAll(periods);
        } finally {
            periods.forEach(period -> {
                msisdnsWithPeriod.add(Long.parseLong(period.msisdn().digits()));
                byMsisdn.invalidate(period.msisdn().digits());
            });
        }
    }
}
