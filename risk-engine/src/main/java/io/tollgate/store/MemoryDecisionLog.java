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
 * (a verdict still says whether it opened one) and nothing survives the process: memory grows with
 * every verdict (merchant and product ids, of which there are few, are shared). Thread-safe.
 */
public final class MemoryDecisionLog implements DecisionLog {
    private final ConcurrentHashMap<String, Entry> byRequestId = new ConcurrentHashMap<>();
    /** One copy of each merchant and product id. */
    private final ConcurrentHashMap<String, String> ids = new ConcurrentHashMap<>();

    /** A stored verdict with its attempt as the log would read it back (carrier result applied). */
    private record Entry(String fingerprint, RiskVerdict verdict, Attempt attempt) {
    }

    @Override
    public boolean record(ChargeRequest request, String fingerprint, RiskVerdict verdict, String snapshotJson) {
        Attempt attempt = new Attempt(request.requestId(), request.msisdn().digits(), shared(request.merchantId()),
                shared(request.productId()), request.deviceId(), request.ip(), request.amountFen(),
                request.billingType(), verdict.decidedAt(), verdict.decision().passes(), false);
        return byRequestId.putIfAbsent(request.requestId(), new Entry(fingerprint, verdict, attempt)) == null;
    }

    private String shared(String id) {
        String known = ids.putIfAbsent(id, id);
        return known == null ? id : known;
    }

    @Override
    public Optional<Stored> find(String requestId) {
        Entry entry = byRequestId.get(requestId);
        return entry == null ? Optional.empty() : Optional.of(new Stored(entry.fingerprint(), entry.verdict()));
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
        Entry known = byRequestId.get(requestId);
        if (known == null || !known.verdict().decision().passes()) {
            return false;
        }
        return byRequestId.computeIfPresent(requestId, (id, entry) -> {
            Attempt a = entry.attempt();
            boolean approved = entry.verdict().decision().passes() && success;
            Attempt updated = new Attempt(a.requestId(), a.msisdn(), a.merchantId(), a.productId(), a.deviceId(),
                    a.ip(), a.amountFen(), a.billingType(), a.at(), approved, !success);
            return new Entry(entry.fingerprint(), entry.verdict(), updated);
        }) != null;
    }
}
