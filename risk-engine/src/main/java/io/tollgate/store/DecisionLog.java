package io.tollgate.store;

import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.signals.velocity.Attempt;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The decision log and the review cases it opens, written together. Implementations are
 * thread-safe and write a verdict and its case in one transaction.
 */
public interface DecisionLog {

    /**
     * A verdict as stored.
     *
     * @param fingerprint the request's {@link ChargeRequest#fingerprint()} hash
     * @param verdict the verdict returned for it
     */
    record Stored(String fingerprint, RiskVerdict verdict) {
    }

    /**
     * Stores a verdict and, when {@code snapshotJson} is not null, its review case.
     *
     * @param request the charge
     * @param fingerprint the hash of its fields
     * @param verdict the verdict
     * @param snapshotJson the facts at decision time, for the case; {@code null} opens no case
     * @return {@code false} when a verdict for the request id was stored already (nothing is written)
     * @throws UnableToRecordException when the store fails
     */
    boolean record(ChargeRequest request, String fingerprint, RiskVerdict verdict, String snapshotJson);

    /** @return the stored verdict of a request id */
    Optional<Stored> find(String requestId);

    /** @return the attempt of a stored request id */
    Optional<Attempt> attempt(String requestId);

    /** Streams every attempt decided at or after {@code since}, oldest first. */
    void attemptsSince(Instant since, Consumer<Attempt> consumer);

    /**
     * Records the carrier's result for a request whose charge was passed to the carrier.
     *
     * @return whether it was recorded: false when the request id is not in the log or its charge
     *     was blocked (the carrier never saw it)
     */
    boolean setCarrierResult(String requestId, boolean success);
}
