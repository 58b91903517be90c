/**
 * Subscription periods paid before the engine's own history starts, imported from
 * {@code subscriptions.csv}, so that a renewal of such a plan is compared with the period it paid for.
 */
package io.tollgate.signals.subscription;
