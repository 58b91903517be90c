/**
 * The traffic generator behind {@code tollgate generate}: a day-by-day simulation of ordinary
 * carrier-billing customers ({@code LegitTraffic}) mixed with the mechanisms of abuse seen in the
 * field, one class each — {@code BlacklistedPattern}, {@code TollFraudPattern},
 * {@code DeviceFarmPattern}, {@code BadDebtPattern}, {@code ComplainerPattern},
 * {@code DuplicateRenewalPattern}, {@code OverCapPattern}. Every charge is labelled with the
 * {@link io.tollgate.generate.Label} of the mechanism that generated it (ground truth, not what a
 * rule could see), and the reference data the mechanisms leave (profiles, list entries,
 * complaints, disputes) is dated so that a point-in-time replay sees it as it was.
 * {@link io.tollgate.generate.Generator} is the entry point; the rest is package-private.
 */
package io.tollgate.generate;
