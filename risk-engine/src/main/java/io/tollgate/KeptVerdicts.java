package io.tollgate;

import io.tollgate.store.DecisionLog;
import java.time.Instant;
import java.util.List;

/**
 * The verdicts a {@link RecentVerdicts} stripe keeps, by ring position, field by field in arrays:
 * the fingerprint as four longs, the decision time as seconds and nanoseconds. A stripe keeps
 * about the last second of verdicts under full load, so each would otherwise survive a young
 * collection or two as five objects (the verdict, its fingerprint's string and bytes, its time,
 * the pair): copying them was most of the collector's work. Only a verdict's hits (none for most)
 * and the request id stay objects; the rest is written into arrays that are allocated once. A
 * verdict is rebuilt, equal to the one put, when a retry asks for it. Not thread-safe: guarded by
 * its stripe.
 */
final class KeptVerdicts {
    private static final Decision[] DECISIONS = Decision.values();

    private final long[] fingerprints;
    /** A fingerprint {@link FingerprintHash#pack} cannot pack (not one it made), else null. */
    private final String[] otherFingerprints;
    private final byte[] decisions;
    private final int[] scores;
    private final List<?>[] hits;
    private final String[] rulesetVersions;
    private final long[] decidedAtSeconds;
    private final int[] decidedAtNanos;
    private final boolean[] casesOpened;

    /** @param length how many positions */
    KeptVerdicts(int length) {
        fingerprints = new long[length * FingerprintHash.LONGS];
        otherFingerprints = new String[length];
        decisions = new byte[length];
        scores = new int[length];
        hits = new List<?>[length];
        rulesetVersions = new String[length];
        decidedAtSeconds = new long[length];
        decidedAtNanos = new int[length];
        casesOpened = new boolean[length];
    }

    /** Keeps a verdict at a position, in place of whatever was there. */
    void put(int at, DecisionLog.Stored stored) {
        String fingerprint = stored.fingerprint();
        boolean packed = FingerprintHash.pack(fingerprint, fingerprints, at * FingerprintHash.LONGS);
        otherFingerprints[at] = packed ? null : fingerprint;
        RiskVerdict verdict = stored.verdict();
        decisions[at] = (byte) verdict.decision().ordinal();
        scores[at] = verdict.score();
        hits[at] = verdict.hits();
        rulesetVersions[at] = verdict.rulesetVersion();
        decidedAtSeconds[at] = verdict.decidedAt().getEpochSecond();
        decidedAtNanos[at] = verdict.decidedAt().getNano();
        casesOpened[at] = verdict.caseOpened();
    }

    /**
     * @param at a position a verdict was put at
     * @param requestId its request id
     * @return a verdict equal to the one put
     */
    DecisionLog.Stored get(int at, String requestId) {
        String fingerprint = otherFingerprints[at] != null
                ? otherFingerprints[at]
                : FingerprintHash.unpack(fingerprints, at * FingerprintHash.LONGS);
        @SuppressWarnings("unchecked") // only put() writes it, from a verdict's List<RuleHit>
        List<RuleHit> ruleHits = (List<RuleHit>) hits[at];
        RiskVerdict verdict = new RiskVerdict(requestId, DECISIONS[decisions[at]], scores[at], ruleHits,
                rulesetVersions[at], Instant.ofEpochSecond(decidedAtSeconds[at], decidedAtNanos[at]), casesOpened[at]);
        return new DecisionLog.Stored(fingerprint, verdict);
    }

    /** Lets go of the objects a position refers to. */
    void clear(int at) {
        otherFingerprints[at] = null;
        hits[at] = null;
        rulesetVersions[at] = null;
    }

    /** Copies a position's verdict to a position of another. */
    void copy(int from, KeptVerdicts to, int at) {
        System.arraycopy(fingerprints, from * FingerprintHash.LONGS, to.fingerprints, at * FingerprintHash.LONGS,
                FingerprintHash.LONGS);
        to.otherFingerprints[at] = otherFingerprints[from];
        to.decisions[at] = decisions[from];
        to.scores[at] = scores[from];
        to.hits[at] = hits[from];
        to.rulesetVersions[at] = rulesetVersions[from];
        to.decidedAtSeconds[at] = decidedAtSeconds[from];
        to.decidedAtNanos[at] = decidedAtNanos[from];
        to.casesOpened[at] = casesOpened[from];
    }
}
