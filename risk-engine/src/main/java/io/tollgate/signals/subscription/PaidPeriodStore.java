package io.tollgate.signals.subscription;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Where imported subscription periods are kept. Implementations are thread-safe. */
public interface PaidPeriodStore {
    /**
     * @param msisdn the 11-digit number
     * @param merchantId the merchant
     * @param productId the product
     * @param asOf the instant of the check: a period paid after it does not count (point-in-time)
     * @return the latest period paid at or before {@code asOf}
     */
    Optional<PaidPeriod> latest(String msisdn, String merchantId, String productId, Instant asOf);

    /** Adds periods in one transaction; the same number, merchant, product and instant replaces the old row. */
    void addAll(Collection<PaidPeriod> periods);
}
