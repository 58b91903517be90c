package io.tollgate.store;

import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One verdict on its way through the {@link DecisionWriter}, or (without a request) a flush barrier.
 * Handed from the submitter to whoever journals it to the database thread, each through a blocking
 * queue; its futures are thread-safe, its other fields are written by one thread at a time.
 */
final class PendingRow {
    final ChargeRequest request;
    final String fingerprint;
    final RiskVerdict verdict;
    final Supplier<String> snapshot;
    final CompletableFuture<Boolean> journaled = new CompletableFuture<>();
    final CompletableFuture<Boolean> committed = new CompletableFuture<>();
    /** Its columns, set by whoever journals the row, before it does. */
    Journal.Entry entry;
    /** The journal batch it was written with. */
    long batch;

    PendingRow(ChargeRequest request, String fingerprint, RiskVerdict verdict, Supplier<String> snapshot) {
        this.request = request;
        this.fingerprint = fingerprint;
        this.verdict = verdict;
        this.snapshot = snapshot;
    }

    static PendingRow recovered(Journal.Entry entry) {
        PendingRow row = new PendingRow(null, null, null, null);
        row.entry = entry;
        return row;
    }

    /** @return how many of the rows are verdicts (not barriers): in the writer, the permits they hold */
    static int verdicts(List<PendingRow> rows) {
        int verdicts = 0;
        for (PendingRow row : rows) {
            verdicts += row.barrier() ? 0 : 1;
        }
        return verdicts;
    }

    boolean barrier() {
        return entry == null && request == null;
    }

    String requestId() {
        return entry.requestId();
    }

    void fail(UnableToRecordException failure) {
        journaled.completeExceptionally(failure);
        committed.completeExceptionally(failure);
    }
}
