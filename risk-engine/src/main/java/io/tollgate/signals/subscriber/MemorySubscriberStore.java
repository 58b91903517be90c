package io.tollgate.signals.subscriber;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link SubscriberStore} in memory, for a replay that throws its database away afterwards
 * ({@link io.tollgate.RiskEngine.Builder#replayInMemory()}): importing a history's profiles then
 * costs no database insert. A version with the same number and instant replaces the old one.
 * Thread-safe: every method is synchronised.
 */
public final class MemorySubscriberStore implements SubscriberStore {
    private final Map<List<Object>, SubscriberProfile> versions = new LinkedHashMap<>();

    @Override
    public synchronized void forEachVersion(Consumer<SubscriberProfile> each) {
        versions.values().forEach(each);
    }

    @Override
    public synchronized void addAll(Collection<SubscriberProfile> profiles) {
        for (SubscriberProfile profile : profiles) {
            versions.put(List.of(profile.msisdn().digits(), profile.updatedAt()), profile);
        }
    }
}
