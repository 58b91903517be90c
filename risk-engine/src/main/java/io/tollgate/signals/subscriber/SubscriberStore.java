package io.tollgate.signals.subscriber;

import java.util.Collection;
import java.util.function.Consumer;

/** Where every version of every subscriber profile is kept. Implementations are thread-safe. */
public interface SubscriberStore {
    /** Calls {@code each} with every version of every number's profile, in no particular order. */
    void forEachVersion(Consumer<SubscriberProfile> each);

    /** Adds versions in one transaction; a version with the same number and instant replaces the old one. */
    void addAll(Collection<SubscriberProfile> profiles);
}
