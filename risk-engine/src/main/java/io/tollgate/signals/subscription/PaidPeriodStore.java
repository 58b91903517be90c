package io.tollgate.signals.subscription;

import java.util.Collection;
import java.util.List;
import java.util.function.LongConsumer;

/** Where imported subscription periods are kept. Implementations are thread-safe. */
public interface PaidPeriodStore {
    /**
     * @param msisdn the 11-digit number
     * @return every period paid by the number, for any merchant and product, oldest first
     */
    List<PaidPeriod> periods(String msisdn);

    /** Calls {@code each} with every number (as its 11 digits in a long) that has a paid period. */
    void msisdnsWithPeriod(LongConsumer each);

    /** Adds periods in one transaction; the same number, merchant, product and instant replaces the old row. */
    void addAll(Collection<PaidPeriod> periods);
}
