package io.tollgate.signals.subscriber;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.tollgate.charge.Msisdn;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds a subscriber's profile as it was at an instant (point-in-time): the latest version
 * updated at or before it. Versions are cached per number and invalidated on every write through
 * this class. Thread-safe.
 */
public final class SubscriberSignals {
    private final SubscriberStore store;
    private final LoadingCache<String, List<SubscriberProfile>> versions;

    /**
     * @param store where profiles are kept
     * @param cacheSize how many numbers' profiles to keep in memory
     */
    public SubscriberSignals(SubscriberStore store, long cacheSize) {
        this.store = store;
        this.versions = Caffeine.newBuilder().maximumSize(cacheSize)
                .build(msisdn -> List.copyOf(store.versions(msisdn)));
    }

    /** @return the profile of the number as of {@code now}, or empty when none was known then */
    public Optional<SubscriberProfile> asOf(Msisdn msisdn, Instant now) {
        SubscriberProfile found = null;
        for (SubscriberProfile version : versions.get(msisdn.digits())) {
            if (version.updatedAt().isAfter(now)) {
                break;
            }
            found = version;
        }
        return Optional.ofNullable(found);
    }

    /** Stores new profile versions, visible to the very next check. */
    public void addAll(Collection<SubscriberProfile> profiles) {
        try {
            store.addAll(profiles);
        } finally {
            profiles.forEach(profile -> versions.invalidate(profile.msisdn().digits()));
        }
    }
}
