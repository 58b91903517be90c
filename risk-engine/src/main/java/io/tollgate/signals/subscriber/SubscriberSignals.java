package io.tollgate.signals.subscriber;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.tollgate.charge.Msisdn;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a subscriber's profile as it was at an instant (point-in-time): the latest version
 * updated at or before it. Versions are cached per number and invalidated on every write through
 * this class; numbers with no profile at all are known in memory, so an unknown number costs no
 * database read. Thread-safe.
 */
public final class SubscriberSignals {
    private final SubscriberStore store;
    private final LoadingCache<String, List<SubscriberProfile>> versions;
    private final Set<Long> msisdnsWithProfile = ConcurrentHashMap.newKeySet();

    /**
     * @param store where profiles are kept
     * @param cacheSize how many numbers' profiles to keep in memory
     */
    public SubscriberSignals(SubscriberStore store, long cacheSize) {
        this.store = store;
        this.versions = Caffeine.newBuilder().maximumSize(cacheSize)
                .build(msisdn -> List.copyOf(store.versions(msisdn)));
        store.msisdnsWithProfile(msisdnsWithProfile::add);
    }

    /** @return the profile of the number as of {@code now}, or empty when none was known then */
    public Optional<SubscriberProfile> asOf(Msisdn msisdn, Instant now) {
        if (!msisdnsWithProfile.contains(Long.parseLong(msisdn.digits()))) {
            return Optional.empty();
        }
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
            profiles.forEach(profile -> {
                msisdnsWithProfile.add(Long.parseLong(profile.msisdn().digits()));
                versions.invalidate(profile.msisdn().digits());
            });
        }
    }
}
