package io.tollgate.store;

import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.signals.velocity.Attempt;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A {@link DecisionLog} in memory, for a replay whose decisions are thrown away afterwards
 * ({@link io.tollgate.RiskEngine.Builder#replayInMemory()}): each verdict is kept by request id with
 * its fingerprint and attempt, so a retried request id is answered with its first verdict and
 * counted once, and carrier results update the attempt as in the database. It keeps no review case
 * (a verdict still says whether it opened one) and nothing survives the process. Thread-safe.
 */
public final class MemoryDecisionLog implements DecisionLog {
    private final ConcurrentHashMap<String, Entry> byRequestId = new ConcurrentHashMap<>();

    /** A stored verdict with its attempt as the log would read it back (carrier result applied). */
    private record Entry(Stored stored, Attempt attempt) {
    }

    @Override
    public boolean record(ChargeRequest request, String fingerprint, RiskVerdict verdict, String snapshotJson) {
        Attempt attempt = Attempt.of(request, verdict.decidedAt(), verdict.decision().passes());
        return byRequestId.putIfAbsent(request.requestId(), new Entry(new Stored(fingerprint, verdict), attempt)) == null;
    }

    @Override
    public Optional<Stored> find(String requestId) {
        Entry entry = byRequestId.get(requestId);
        return entry == null ? Optional.empty() : Optional.of(entry.stored());
    }

    @Override
    public Optional<Attempt> attempt(String requestId) {
        Entry entry = byRequestId.get(requestId);
        return entry == null ? Optional.empty() : Optional.of(entry.attempt());
    }

    @Override
    public void attemptsSince(Instant since, Consumer<Attempt> consumer) {
        byRequestId.values().stream().map(Entry::attempt).filter(attempt -> !attempt.at().isBefore(since))
                .sorted(Comparator.comparing(Attempt::at)).forEach(consumer);
    }

    @Override
    public boolean setCarrierResult(String requestId, boolean success) {
        return byRequestId.computeIfPresent(requestId, (id, entry) -> {
            Attempt a = entry.attempt();
            boolean approved = entry.stored().verdict().decision().passes() && success;
            return new Entry(entry.stored(), new Attempt(a.requestId(), a.msisdn(), a.merchantId(), a.productId(),
                    a.deviceId(), a.ip(), a.amountFen(), a.billingType(), a.at(), approved, !success));
        }) != null;
    }
}
