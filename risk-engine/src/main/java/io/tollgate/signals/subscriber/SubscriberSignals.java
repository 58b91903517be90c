package io.tollgate.signals.subscriber;

import io.tollgate.charge.Msisdn;
import io.tollgate.facts.Subscriber;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * Finds a subscriber's profile as it was at an instant (point-in-time): the latest version
 * updated at or before it. Every version is kept in memory in a compact form ({@link ProfileTable},
 * well under 100 bytes a version), read from the store when the engine opens and written through this
 * class, so a check never reads the database. Thread-safe: checks read without locking (an
 * optimistic read, retried under the lock when a write raced it); writes are serialised.
 */
public final class SubscriberSignals {
    private final SubscriberStore store;
    private final ProfileTable table = new ProfileTable();
    private final StampedLock lock = new StampedLock();

    /** @param store where profiles are kept; every version is read now */
    public SubscriberSignals(SubscriberStore store) {
        this.store = store;
        store.forEachVersion(table::add);
    }

    /** @return the profile of the number as of {@code now}, or empty when none was known then */
    public Optional<SubscriberProfile> asOf(Msisdn msisdn, Instant now) {
        return Optional.ofNullable(read(() -> table.asOf(msisdn, now)));
    }

    /**
     * What the rules read of a number as of {@code now}: the profile's fact
     * ({@link SubscriberProfile#asFactAt}), built without the profile, as every check does.
     *
     * @return the fact, or {@link Subscriber#UNKNOWN} when no profile was known then
     */
    public Subscriber factAsOf(Msisdn msisdn, Instant now) {
        long number = Long.parseLong(msisdn.digits());
        Subscriber fact = read(() -> table.factAsOf(number, now));
        return fact == null ? Subscriber.UNKNOWN : fact;
    }

    /** Reads the table without locking, or under the read lock when a write raced the read. */
    private <T> T read(Supplier<T> reading) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            try {
                T found = reading.get();
                if (lock.validate(stamp)) {
                    return found;
                }
            } catch (RuntimeException tornRead) {
                // a write changed the table under the read: read again under the lock
            }
        }
        stamp = lock.readLock();
        try {
            return reading.get();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Stores new profile versions, visible to the very next check. */
    public void addAll(Collection<SubscriberProfile> profiles) {
        store.addAll(profiles);
        remember(profiles);
    }

    /**
     * Makes versions the store already holds visible to checks: for an import that stores them in a
     * larger transaction, once that transaction is committed.
     *
     * @param profiles versions stored through {@link SubscriberStore#addAll}
     */
    public void remember(Collection<SubscriberProfile> profiles) {
        long stamp = lock.writeLock();
        try {
            profiles.forEach(table::add);
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
