package io.tollgate.signals.subscriber;

import java.util.Collection;
import java.util.List;

/** Where every version of every subscriber profile is kept. Implementations are thread-safe. */
public interface SubscriberStore {
    /** @return the versions of one number's profile, oldest first */
    List<SubscriberProfile> versions(String msisdn);

    /** Calls {@code each} with every number (as its 11 digits in a long) that has a profile version. */
    void msisdnsWithProfile(java.util.function.LongConsumer each);

    /** Adds versions in one transaction; a version with the same number and instant replaces the old one. */
    void addAll(Collection<SubscriberProfile> profiles);
}
