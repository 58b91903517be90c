package io.tollgate.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * What every pattern of one run shares: the period, the catalogue, the identities, the ordinary
 * subscribers, and where charges and reference data go. Not thread-safe: one run, one thread.
 */
final class World {
    final Horizon horizon;
    final Catalogue catalogue;
    final Identities identities;
    final ChargeStream charges;
    final ReferenceData reference;
    final List<Person> people = new ArrayList<>();
    private final List<SubscriptionListener> listeners = new ArrayList<>();

    World(Horizon horizon, Catalogue catalogue, Identities identities, ChargeStream charges, ReferenceData reference) {
        this.horizon = horizon;
        this.catalogue = catalogue;
        this.identities = identities;
        this.charges = charges;
        this.reference = reference;
    }

    /**
     * Told of every charge of an ordinary subscriber's subscription, as the service provider's
     * billing sees it, including the last charge before the period of a plan bought earlier.
     */
    interface SubscriptionListener {
        /**
         * @param subscription the subscription
         * @param ts when it was charged (before the start for a plan bought earlier)
         * @param kind initial or renewal
         */
        void charged(Subscription subscription, long ts, io.tollgate.charge.ChargeKind kind);
    }

    void listen(SubscriptionListener listener) {
        listeners.add(listener);
    }

    void subscriptionCharged(Subscription subscription, long ts, io.tollgate.charge.ChargeKind kind) {
        for (SubscriptionListener listener : listeners) {
            listener.charged(subscription, ts, kind);
        }
    }

    /** @return a home broadband address of an ordinary subscriber */
    String homeIp(Person person) {
        return identities.homeIp(person.index);
    }
}
