package io.tollgate.signals.subscription;

import java.util.Collection;
import java.util.function.Consumer;

/** Where imported subscription periods are kept. Implementations are thread-safe. */
public interface PaidPeriodStore {
    /** Calls {@code each} with every period of every number, in no particular order. */
    void forEachPeriod(Consumer<PaidPeriod> each);

    /** Adds periods in one transaction; the same number, merchant, product and instant replaces the old row. */
    void addAll(Collection<PaidPeriod> periods);
}
