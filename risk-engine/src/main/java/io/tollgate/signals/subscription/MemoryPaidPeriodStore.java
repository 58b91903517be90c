package io.tollgate.signals.subscription;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link PaidPeriodStore} in memory, for a replay that throws its database away afterwards
 * ({@link io.tollgate.RiskEngine.Builder#replayInMemory()}): importing a history's paid periods
 * then costs no database insert. The same number, merchant, product and instant replaces the old
 * period. Thread-safe: every method is synchronised.
 */
public final class MemoryPaidPeriodStore implements PaidPeriodStore {
    private final Map<List<Object>, PaidPeriod> periods = new LinkedHashMap<>();

    @Override
    public synchronized void forEachPeriod(Consumer<PaidPeriod> each) {
        periods.values().forEach(each);
    }

    @Override
    public synchronized void addAll(Collection<PaidPeriod> added) {
        for (PaidPeriod period : added) {
            periods.put(List.of(period.msisdn().digits(), period.merchantId(), period.productId(),
                    period.lastChargedAt()), period);
        }
    }
}
