package io.tollgate;

/**
 * Whether the engine is recording its verdicts as promised, for a gateway's health check or an
 * operator's dashboard. An immutable value.
 *
 * @param status recording normally, degraded, or refusing
 * @param reason why it is not recording normally (numbers masked), or {@code null}
 * @param backlog verdicts returned and not yet inserted into the database
 */
public record EngineHealth(Status status, String reason, int backlog) {
    /** How the engine records its verdicts now. */
    public enum Status {
        /** Every verdict is journaled, and committed to the database soon after. */
        RECORDING,
        /**
         * Checks are answered and journaled, but the database refuses or lags: verdicts wait in the
         * journal (stored at the latest by the next open) or in memory.
         */
        DEGRADED,
        /**
         * The journal cannot be written: a check that opens a case throws
         * {@link io.tollgate.store.UnableToRecordException}, and others may be lost by a crash.
         */
        REFUSING
    }

    /** @return the health of an engine recording normally with this backlog */
    public static EngineHealth recording(int backlog) {
        return new EngineHealth(Status.RECORDING, null, backlog);
    }
}
