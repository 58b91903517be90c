package io.tollgate;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.ChinaTime;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.charge.Msisdn;
import io.tollgate.data.DataFiles;
import io.tollgate.dashboard.ComplaintBudget;
import io.tollgate.dashboard.Dashboard;
import io.tollgate.dashboard.DashboardFigures;
import io.tollgate.facts.Charge;
import io.tollgate.facts.Complaints;
import io.tollgate.facts.ListHits;
import io.tollgate.facts.Subscriber;
import io.tollgate.facts.Subscription;
import io.tollgate.facts.Velocity;
import io.tollgate.review.ApiTokens;
import io.tollgate.review.AuditTrail;
import io.tollgate.review.CaseDecisions;
import io.tollgate.review.Contests;
import io.tollgate.review.ReviewCases;
import io.tollgate.review.Users;
import io.tollgate.rules.ReloadReport;
import io.tollgate.rules.RuleEvaluator;
import io.tollgate.rules.RuleRuntime;
import io.tollgate.rules.RuleSet;
import io.tollgate.rules.RuleSource;
import io.tollgate.rules.RuleWatcher;
import io.tollgate.signals.complaints.Complaint;
import io.tollgate.signals.complaints.ComplaintSignals;
import io.tollgate.signals.complaints.Dispute;
import io.tollgate.signals.complaints.JdbiComplaintStore;
import io.tollgate.signals.complaints.MemoryComplaintStore;
import io.tollgate.signals.lists.JdbiListStore;
import io.tollgate.signals.lists.ListEntry;
import io.tollgate.signals.lists.ListKind;
import io.tollgate.signals.lists.ListSignals;
import io.tollgate.signals.subscriber.JdbiSubscriberStore;
import io.tollgate.signals.subscriber.MemorySubscriberStore;
import io.tollgate.signals.subscriber.SubscriberStore;
import io.tollgate.signals.subscriber.SubscriberProfile;
import io.tollgate.signals.subscriber.SubscriberSignals;
import io.tollgate.signals.subscriber.SubscriberStatus;
import io.tollgate.signals.subscription.JdbiPaidPeriodStore;
import io.tollgate.signals.subscription.MemoryPaidPeriodStore;
import io.tollgate.signals.subscription.PaidPeriodStore;
import io.tollgate.signals.subscription.PaidPeriods;
import io.tollgate.signals.velocity.Attempt;
import io.tollgate.signals.velocity.VelocityTracker;
import io.tollgate.store.Database;
import io.tollgate.store.DecisionLog;
import io.tollgate.store.DecisionWriter;
import io.tollgate.store.UnableToRecordException;
import io.tollgate.store.JdbiDecisionLog;
import io.tollgate.store.MemoryDecisionLog;
import io.tollgate.store.Json;
import io.tollgate.data.UnableToImportException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tollgate's front door: the pre-check a payment gateway calls before it sends a carrier-billing
 * charge to the carrier, and the place it reports what happened afterwards.
 *
 * <pre>{@code
 * try (RiskEngine engine = RiskEngine.builder()
 *         .database(Path.of("/var/lib/tollgate/tollgate"))   // H2 file; default ./tollgate-data/tollgate
 *         .build()) {                                        // the rule set packaged in the jar
 *     RiskVerdict verdict = engine.check(ChargeRequest.builder()
 *             .requestId("R-20260307-0001").msisdn("+86 138 0013 8000")
 *             .merchantId("M1001").productId("P1001-01").amountFen(500)
 *             .billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
 *             .payMode(PayMode.SMS_OTP).otpLatencyMs(6200L).build());
 *     if (verdict.decision().passes()) {
 *         // send to the carrier (after an SMS confirmation when the decision is CHALLENGE)
 *     }
 *     engine.reportCarrierResult("R-20260307-0001", true);
 * }
 * }</pre>
 *
 * <p><b>One check</b> flows one way: idempotency by request id, signals as of the engine's
 * {@link Clock} (lists, subscriber profile, complaints, velocity), the current rule set, the
 * decision, then recording: velocity in memory, and the verdict (with its review case) queued for
 * the {@link DecisionWriter}, which journals it and then commits it to the database in large
 * batches. A case-opening verdict (FLAG, or BLOCK by a rule marked for review) is returned only
 * once its batch is journaled, so a FLAG is never returned before its case is stored (an engine
 * built for a replay, {@link Builder#replay()}, does not wait); any other verdict returns at once.
 * Readers of the log (review cases, dashboard, outcome reports, contests) first wait for the
 * commit of the verdicts returned before them. The README's "What is on disk when check returns"
 * says what a crash can lose.
 *
 * <p><b>Thread-safety.</b> Every method is thread-safe. Checks of different numbers run in
 * parallel; checks of one number are serialised (a lock striped by number), so concurrent charges
 * to one number cannot together pass a limit. Retries of one request id wait for the first and
 * return its verdict; nothing is counted twice.
 *
 * <p><b>Velocity durability.</b> Velocity lives in memory and is rebuilt from the decision log's
 * last 35 days when the engine opens, so it survives a restart with no second write per check. A
 * daemon thread forgets, every 10 minutes, the numbers, devices and IPs idle for over a month.
 */
public final class RiskEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RiskEngine.class);
    private static final int LOCK_STRIPES = 1024;
    /**
     * Verdicts that may be on their way to the database (not yet inserted) before checks block:
     * bounds what a crash can lose and what the writer holds in memory.
     */
    private static final int WRITE_QUEUE = 8_192;
    /**
     * The default ceiling of a charge's amount: 100,000 fen (1,000 CNY), ten times the largest price
     * point in use (100 CNY), so that a mistyped or hostile amount is refused rather than decided.
     */
    public static final long DEFAULT_MAX_AMOUNT_FEN = 100_000;

    private final Clock clock;
    private final Database database;
    private final RuleRuntime rules;
    /** A baseline evaluator replacing the rule set's, for benchmarks; null in production. */
    private final RuleEvaluator evaluator;
    private final FailurePolicy failurePolicy;
    /** The largest amount a check accepts, in fen; more is refused as invalid input. */
    private final long maxAmountFen;
    /** Whether a case-opening verdict waits for its commit before it is returned (always, but in a replay). */
    private final boolean awaitCases;
    private final ListSignals lists;
    private final SubscriberStore subscriberStore;
    private final SubscriberSignals subscribers;
    private final PaidPeriodStore paidPeriodStore;
    private final PaidPeriods paidPeriods;
    private final ComplaintSignals complaints;
    private final VelocityTracker velocity = new VelocityTracker();
    private final DecisionLog decisions;
    private final ReviewCases cases;
    private final Users users;
    private final AuditTrail auditTrail;
    private final CaseDecisions caseDecisions;
    private final Contests contests;
    private final ApiTokens apiTokens;
    private final Dashboard dashboard;
    private final RecentVerdicts recent;
    /**
     * Verdicts returned but not yet committed to the database, by request id (a case-opening one the
     * database refused stays: the journal keeps it for the next open).
     */
    private final ConcurrentHashMap<String, DecisionLog.Stored> pending = new ConcurrentHashMap<>();
    /** Returned verdicts the writer could not store (or found stored before): {@code recent} must forget them. */
    private final ConcurrentHashMap<String, DecisionLog.Stored> lost = new ConcurrentHashMap<>();
    private final KnownRequests known = new KnownRequests(VelocityTracker.REBUILD_WINDOW.toMillis());
    /** The group commit into {@code decisions}; null when the decisions are kept in memory (a replay's). */
    private final DecisionWriter writer;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final RuleStatistics statistics = new RuleStatistics();
    private final RuleWatcher watcher;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "tollgate-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    private RiskEngine(Builder builder) {
        this.clock = builder.clock;
        this.failurePolicy = builder.failurePolicy;
        this.maxAmountFen = builder.maxAmountFen;
        this.awaitCases = !builder.replay;
        this.rules = new RuleRuntime(builder.rules, builder.clock);
        this.evaluator = builder.evaluator;
        this.database = Database.open(builder.jdbcUrl);
        boolean inMemory = builder.replayInMemory; // a replay whose database is thrown away
        try {
            this.writer = inMemory ? null : new DecisionWriter(database, WRITE_QUEUE); // stores what its journal held first
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        try {
            var jdbi = database.jdbi();
            this.lists = new ListSignals(new JdbiListStore(jdbi));
            this.subscriberStore = inMemory ? new MemorySubscriberStore() : new JdbiSubscriberStore(jdbi);
            this.subscribers = new SubscriberSignals(subscriberStore);
            this.paidPeriodStore = inMemory ? new MemoryPaidPeriodStore() : new JdbiPaidPeriodStore(jdbi);
            this.paidPeriods = new PaidPeriods(paidPeriodStore);
            this.complaints = new ComplaintSignals(inMemory ? new MemoryComplaintStore() : new JdbiComplaintStore(jdbi),
                    builder.cacheSize);
            this.decisions = inMemory ? new MemoryDecisionLog() : new JdbiDecisionLog(database);
            this.users = new Users(jdbi, clock);
            this.cases = new ReviewCases(jdbi, clock, users, this::awaitLogged);
            this.contests = new Contests(jdbi, clock, this::awaitWritten);
            this.auditTrail = new AuditTrail(jdbi);
            this.caseDecisions = new CaseDecisions(jdbi, clock, users, this::addListEntry, this::removeListEntry);
            this.apiTokens = new ApiTokens(jdbi, clock, users);
            this.dashboard = new Dashboard(jdbi);
            this.recent = new RecentVerdicts(builder.cacheSize, Duration.ofHours(24).toNanos());
            for (int i = 0; i < LOCK_STRIPES; i++) {
                locks[i] = new ReentrantLock();
            }
            long openedAt = clock.millis();
            Instant openedNow = clock.instant();
            Instant latest = openedNow.plus(ChargeRequest.MAX_TS_AHEAD);
            decisions.attemptsSince(openedNow.minus(VelocityTracker.REBUILD_WINDOW), attempt -> {
                known.add(attempt.requestId(), openedAt);
                if (!attempt.at().isAfter(latest)) {
                    velocity.record(attempt); // a verdict from a clock far ahead must not sit ahead of every charge
                }
            });
            housekeeping.scheduleWithFixedDelay(() -> {
                velocity.prune(clock.instant());
                known.rotateIfDue(clock.millis());
            }, 10, 10, TimeUnit.MINUTES);
            Path watched = builder.rules.folderOrNull();
            this.watcher = builder.watchQuiet == null || watched == null ? null
                    : new RuleWatcher(rules, watched, builder.watchQuiet);
            LOG.info("Tollgate engine open on {} with rule set {}; velocity rebuilt for {} numbers",
                    database.url(), rules.current().version(), velocity.trackedNumbers());
        } catch (RuntimeException e) {
            housekeeping.shutdownNow();
            if (writer != null) {
                writer.close();
            }
            database.close();
            throw e;
        }
    }

    /** @return a builder with the defaults: packaged rules, H2 file {@code ./tollgate-data/tollgate}, system UTC clock */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides a charge and records the decision before returning.
     *
     * @param request the charge the gateway is about to send
     * @return the verdict; the same verdict again for a retry of the same request id
     * @throws io.tollgate.charge.InvalidFieldException naming {@code amount_fen} when the amount is over
     *     the engine's ceiling ({@link Builder#maxAmountFen}), or {@code ts} when it is too far from the
     *     engine's clock ({@link ChargeRequest#requireTsNear}); nothing was counted
     * @throws RequestConflictException when the request id was checked before with different fields
     * @throws io.tollgate.store.UnableToRecordException when the verdict cannot be stored; nothing was counted
     */
    public RiskVerdict check(ChargeRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        if (request.amountFen() > maxAmountFen) {
            throw new InvalidFieldException("amount_fen", "must be at most " + maxAmountFen
                    + " fen (this engine's ceiling), got " + request.amountFen());
        }
        if (request.ts() != null) {
            request.requireTsNear(clock.instant());
        }
        String fingerprint = FingerprintHash.of(request);
        RecentVerdicts.Answer answer = recent.get(request.requestId(), id -> decideAndRecord(request, fingerprint));
        DecisionLog.Stored stored = answer.stored();
        if (!answer.decidedNow() && !lost.isEmpty() && stored.equals(lost.get(request.requestId()))) {
            // A retry of a verdict whose row never made it to the log: answer from the log or decide again.
            lost.remove(request.requestId(), stored);
            recent.remove(request.requestId(), stored);
            stored = recent.get(request.requestId(), id -> decideAndRecord(request, fingerprint)).stored();
        }
        if (!stored.fingerprint().equals(fingerprint) && !stored.fingerprint().equals(FingerprintHash.legacyOf(request))) {
            // A verdict stored before fingerprints were unambiguous still answers its retries.
            throw new RequestConflictException(request.requestId());
        }
        return stored.verdict();
    }

    private DecisionLog.Stored decideAndRecord(ChargeRequest request, String fingerprint) {
        ReentrantLock lock = lockFor(request.msisdn());
        lockWithin(lock, request);
        try {
            DecisionLog.Stored earlier = earlierVerdict(request.requestId());
            if (earlier != null) {
                return earlier; // checked before (before a restart, or evicted from memory): count nothing
            }
            // The database keeps microseconds: a retry after a restart must get the instant returned now.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            RuleEvaluator ruleSet = evaluator != null ? evaluator : rules.current();
            Facts facts = null;
            List<RuleHit> hits;
            try {
                facts = facts(request, now);
                hits = ruleSet.evaluate(facts.all());
            } catch (RuntimeException e) { // a failing rule or signal read must not throw into the gateway
                LOG.warn("request {}: rules could not decide ({}); failure policy {} applies",
                        Msisdn.maskEchoed(request.requestId()), Msisdn.maskEchoed(String.valueOf(e.getMessage())),
                        failurePolicy);
                hits = List.of(failurePolicy.hit());
            }
            RiskVerdict verdict = Verdicts.decide(request.requestId(), hits, request.payMode(), ruleSet.version(), now);
            Attempt attempt = Attempt.of(request, now, verdict.decision().passes());
            DecisionLog.Stored stored = new DecisionLog.Stored(fingerprint, verdict);
            Facts caseFacts = facts;
            Supplier<String> snapshot = verdict.caseOpened() ? () -> snapshotJson(request, caseFacts) : null;
            if (writer == null) {
                // Kept in memory (a replay): stored at once, no case, nothing to wait for.
                if (!decisions.record(request, fingerprint, verdict, null)) {
                    return decisions.find(request.requestId()).orElseThrow(); // a concurrent same id stored first
                }
                known.add(request.requestId(), now.toEpochMilli());
                velocity.record(attempt);
            } else if (verdict.caseOpened() && awaitCases) {
                // A case-opening verdict is not returned before its row and case are journaled: journal them now.
                DecisionWriter.Receipt receipt = writer.submitAndJournal(request, fingerprint, verdict, snapshot);
                boolean fresh = awaitJournaled(receipt.journaled(), request);
                if (!fresh) {
                    return decisions.find(request.requestId()).orElseThrow();
                }
                pending.put(request.requestId(), stored); // until committed to the database
                known.add(request.requestId(), now.toEpochMilli());
                velocity.record(attempt);
                receipt.committed().whenComplete((committed, failure) ->
                        settle(request, stored, attempt, committed, failure, receipt));
            } else {
                // Counted now, so the next check of this number sees it; journaled and committed by the writer.
                pending.put(request.requestId(), stored);
                known.add(request.requestId(), now.toEpochMilli());
                velocity.record(attempt);
                DecisionWriter.Receipt receipt;
                try {
                    receipt = writer.submit(request, fingerprint, verdict, snapshot);
                } catch (RuntimeException e) { // not queued (interrupted): count nothing
                    velocity.forget(attempt);
                    pending.remove(request.requestId());
                    throw e;
                }
                receipt.committed().whenComplete((fresh, failure) ->
                        settle(request, stored, attempt, fresh, failure, receipt));
            }
            statistics.record(verdict, request.payMode());
            return stored;
        } finally {
            lock.unlock();
        }
    }

    /** The verdict a request id already has, waiting for the writer or in the log; null when it is new. */
    private DecisionLog.Stored earlierVerdict(String requestId) {
        DecisionLog.Stored waiting = pending.get(requestId);
        if (waiting != null) {
            return waiting;
        }
        return known.mightContain(requestId) ? decisions.find(requestId).orElse(null) : null;
    }

    /** Takes a number's lock, waiting no longer than a check may wait on storage: its holder is stuck. */
    private static void lockWithin(ReentrantLock lock, ChargeRequest request) {
        try {
            if (!lock.tryLock(DecisionWriter.STORAGE_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new UnableToRecordException("request " + Msisdn.maskEchoed(request.requestId())
                        + ": another check of its number has been running for more than "
                        + DecisionWriter.STORAGE_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToRecordException("interrupted while waiting to check request "
                    + Msisdn.maskEchoed(request.requestId()), e);
        }
    }

    private static boolean awaitJournaled(CompletableFuture<Boolean> journaled, ChargeRequest request) {
        try {
            return journaled.get(DecisionWriter.STORAGE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnableToRecordException unable) {
                throw unable;
            }
            throw new UnableToRecordException("cannot record the verdict of request "
                    + Msisdn.maskEchoed(request.requestId()), e);
        } catch (TimeoutException e) {
            // Another thread journals it and is stuck: the verdict may still be stored, and a retry then returns it.
            throw new UnableToRecordException("the verdict of request " + Msisdn.maskEchoed(request.requestId())
                    + " was not journaled within " + DecisionWriter.STORAGE_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToRecordException("interrupted while recording the verdict of request "
                    + Msisdn.maskEchoed(request.requestId()), e);
        }
    }

    /**
     * Runs on the writer thread once a returned verdict is committed to the database, or was not.
     * When it could not be written, or the log held that request id already, its attempt is taken
     * back out of velocity and the verdict marked lost, so memory counts what the log holds and a
     * retry is answered from the log or decided again — but for a verdict in a journal file that the
     * database refused: it stays counted and pending, as the journal keeps it for the next open to
     * store. It must not take a number lock: a waiting check holds one (and its claim of the
     * request id in {@code recent}) while it waits for the writer.
     */
    private void settle(ChargeRequest request, DecisionLog.Stored stored, Attempt attempt, Boolean fresh,
            Throwable failure, DecisionWriter.Receipt receipt) {
        if (failure == null && Boolean.TRUE.equals(fresh)) {
            pending.remove(request.requestId());
            return;
        }
        if (failure != null && receipt.inJournal()) {
            LOG.error("request {}: verdict {} is in the decision journal but the database refused it; "
                    + "it stays counted and the next open stores it", Msisdn.maskEchoed(request.requestId()),
                    stored.verdict().decision(), failure);
            return;
        }
        velocity.forget(attempt);
        lost.put(request.requestId(), stored);
        pending.remove(request.requestId());
        if (failure != null) {
            LOG.error("request {}: verdict {} was returned but could not be stored; it is not counted",
                    Msisdn.maskEchoed(request.requestId()), stored.verdict().decision(), failure);
        }
    }

    private Facts facts(ChargeRequest request, Instant now) {
        Subscriber subscriber = subscribers.factAsOf(request.msisdn(), now);
        var carrier = request.declaredCarrier() != null ? request.declaredCarrier()
                : subscriber.known() ? subscriber.carrier() : request.segmentCarrier();
        Charge charge = new Charge(request.requestId(), request.msisdn().digits(), carrier, request.province(),
                request.merchantId(), request.productId(), request.amountFen(), request.billingType(),
                request.chargeKind(), request.payMode(), request.deviceId(), request.ip(), request.otpLatencyMs(),
                ChinaTime.hour(now));
        ListHits listHits = lists.lookUp(request, now);
        VelocityTracker.Snapshot speed = velocity.snapshot(request, now);
        Complaints complaintFacts = complaints.asOf(request.msisdn().digits(), request.merchantId(), now,
                speed.merchantApproved30d());
        return new Facts(charge, subscriber, listHits, complaintFacts, speed.velocity(),
                subscription(request, speed.subscription(), now));
    }

    /** The facts of one charge: what the rules read, and what a case's snapshot shows. */
    record Facts(Charge charge, Subscriber subscriber, ListHits lists, Complaints complaints,
            Velocity velocity, Subscription subscription) {
        /** @return every fact, in the order the rules receive them */
        List<Object> all() {
            return List.of(charge, subscriber, lists, complaints, velocity, subscription);
        }

        /** @return every fact by the name the snapshot shows it under, in the same order */
        Map<String, Object> named() {
            Map<String, Object> named = new LinkedHashMap<>();
            named.put("charge", charge);
            named.put("subscriber", subscriber);
            named.put("lists", lists);
            named.put("complaints", complaints);
            named.put("velocity", velocity);
            named.put("subscription", subscription);
            return named;
        }

        /** @return the same facts, the charge's number replaced by {@code msisdn} (masked, for a snapshot) */
        Facts withMsisdn(String msisdn) {
            Charge shown = new Charge(charge.requestId(), msisdn, charge.carrier(), charge.province(),
                    charge.merchantId(), charge.productId(), charge.amountFen(), charge.billingType(),
                    charge.chargeKind(), charge.payMode(), charge.deviceId(), charge.ip(), charge.otpLatencyMs(),
                    charge.chinaHour());
            return new Facts(shown, subscriber, lists, complaints, velocity, subscription);
        }
    }

    /** The tracked subscription, or the imported period when it was paid later (a plan paid before the history). */
    private Subscription subscription(ChargeRequest request, Subscription tracked,
            Instant now) {
        if (!request.billingType().isSubscription()) {
            return tracked;
        }
        return paidPeriods.latest(request.msisdn().digits(), request.merchantId(), request.productId(), now)
                .map(period -> period.mergedWith(tracked, now))
                .orElse(tracked);
    }

    /** The case's snapshot: every fact by name, the number masked (each fact written as is, not copied to a map). */
    static String snapshotJson(ChargeRequest request, Facts facts) {
        if (facts == null) {
            String msisdn = request.msisdn().masked();
            return Json.write(Map.of("charge", Map.of("requestId", request.requestId(), "msisdn", msisdn)));
        }
        return Json.write(facts.withMsisdn(request.msisdn().masked()).named());
    }

    private ReentrantLock lockFor(Msisdn msisdn) {
        return locks[Math.floorMod(msisdn.digits().hashCode(), LOCK_STRIPES)];
    }

    /**
     * Re-reads the rule set from its source and swaps it in atomically when it compiles; checks in
     * flight finish on the set they started with. A refused set leaves the current one serving.
     *
     * @return the new version and the rules added, removed and changed, or the refusal's problems
     */
    public ReloadReport reloadRules() {
        return rules.reload();
    }

    /**
     * Says whether verdicts are recorded as promised: for a gateway's health check. Cheap: reads a
     * few fields.
     *
     * @return recording, degraded (and why) or refusing (and why)
     */
    public EngineHealth health() {
        return writer == null ? EngineHealth.recording(0) : writer.health();
    }

    /** @return the version (SHA-256) of the rule set deciding now */
    public String rulesetVersion() {
        return rules.current().version();
    }

    /** @return hits per rule (enforced and shadow) since the engine started, and shadow rules' effect */
    public RuleStatistics ruleStatistics() {
        return statistics;
    }

    /** @return the rule set deciding now */
    public RuleSet ruleSet() {
        return rules.current();
    }

    /**
     * Reads the review console's dashboard as of the engine's clock: decisions per hour by outcome
     * and the top rules over the last {@code hours}, merchants' complaint rates over 30 days against
     * the budget the live rule set enforces, and undecided cases by age. It counts every verdict
     * returned before the call: it first waits for the commit of those not yet written.
     *
     * @param hours clock hours of decisions, the current one included: 1 to {@value Dashboard#MAX_HOURS}
     * @return the figures
     * @throws IllegalArgumentException when {@code hours} is out of range
     */
    public DashboardFigures dashboard(int hours) {
        awaitLogged();
        return dashboard.figures(clock.instant(), hours, ComplaintBudget.of(rules.current()));
    }

    /** @return when the rule set deciding now was loaded (by the engine's clock) */
    public Instant rulesLoadedAt() {
        return rules.loadedAt();
    }

    /**
     * @return the last reload (asked for or by the watcher) that was refused since the rule set
     *     deciding now was loaded, with its problems; empty when none was
     */
    public Optional<RuleRuntime.Refusal> lastRefusedReload() {
        return rules.lastRefusal();
    }

    // ----- outcomes: what happened after the verdict; each changes what the next check sees -----

    /**
     * Reports the carrier's result of a charge. A failure takes its amount out of the spend that
     * velocity caps count. A result for a blocked charge is ignored: the carrier never saw it.
     *
     * @param requestId the charge's request id
     * @param success whether the carrier charged the user
     * @return whether the result was recorded: false when the request id is unknown or its charge was blocked
     */
    public boolean reportCarrierResult(String requestId, boolean success) {
        awaitWritten(requestId);
        Optional<Attempt> attempt = decisions.attempt(requestId);
        if (attempt.isEmpty() || !decisions.setCarrierResult(requestId, success)) {
            LOG.debug("carrier result for request {} ignored: unknown or blocked", Msisdn.maskAll(requestId));
            return false;
        }
        ReentrantLock lock = lockFor(new Msisdn(attempt.get().msisdn()));
        lock.lock();
        try {
            if (!success) {
                velocity.unapprove(attempt.get());
            } else if (attempt.get().carrierFailed()) {
                velocity.reapprove(attempt.get()); // the carrier corrected an earlier failure
            }
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** Waits until every verdict returned so far is committed to the database, for its readers. */
    private void awaitLogged() {
        if (!pending.isEmpty()) {
            writer.flush();
        }
    }

    /** Waits for the group commit when the request's verdict is not yet in the log. */
    private void awaitWritten(String requestId) {
        if (pending.containsKey(requestId)) {
            writer.flush();
        }
    }

    /** Records a complaint; it counts for checks from its own timestamp on. */
    public void reportComplaint(Complaint complaint) {
        complaints.addAll(List.of(complaint));
    }

    /**
     * Records a deduction (核减) the carrier withheld from settlement for a charge.
     *
     * @return whether the request id is known; an unknown one records nothing
     */
    public boolean reportDeduction(String requestId, long amountFen) {
        return reportDispute(Dispute.Kind.DEDUCTION, requestId, amountFen);
    }

    /**
     * Records a refund of a charge to the subscriber.
     *
     * @return whether the request id is known; an unknown one records nothing
     */
    public boolean reportRefund(String requestId, long amountFen) {
        return reportDispute(Dispute.Kind.REFUND, requestId, amountFen);
    }

    private boolean reportDispute(Dispute.Kind kind, String requestId, long amountFen) {
        awaitWritten(requestId);
        Optional<Attempt> attempt = decisions.attempt(requestId);
        attempt.ifPresent(a -> complaints.add(
                new Dispute(kind, requestId, new Msisdn(a.msisdn()), clock.instant(), amountFen)));
        return attempt.isPresent();
    }

    /** Stores a new version of a subscriber's profile, valid from its {@code updatedAt}. */
    public void updateSubscriber(SubscriberProfile profile) {
        subscribers.addAll(List.of(profile));
    }

    /**
     * Changes a subscriber's status from now on (on the engine's clock).
     *
     * @return whether a profile was known to change
     */
    public boolean changeSubscriberStatus(Msisdn msisdn, SubscriberStatus status) {
        Instant now = clock.instant();
        Optional<SubscriberProfile> current = subscribers.asOf(msisdn, now);
        current.ifPresent(profile -> subscribers.addAll(List.of(profile.withStatus(status, now))));
        return current.isPresent();
    }

    /** Adds a list entry, effective from its {@code addedAt}. */
    public void addListEntry(ListEntry entry) {
        lists.addAll(List.of(entry));
    }

    /**
     * Takes a value off the list from now on.
     *
     * @return how many active entries were removed
     */
    public int removeListEntry(ListKind kind, String value) {
        return lists.remove(kind, value, clock.instant());
    }

    /**
     * Imports {@code subscribers.csv}, {@code blacklist.csv}, {@code complaints.csv},
     * {@code disputes.csv} and {@code subscriptions.csv} from a folder (each optional). Every file is validated before anything is stored, and everything is stored
     * in one transaction: a bad row imports nothing.
     *
     * @return what was read
     * @throws UnableToImportException naming the file, line and reason of a bad row
     */
    public DataFiles importData(Path folder) {
        DataFiles data = DataFiles.read(folder);
        importData(data);
        return data;
    }

    /**
     * Stores reference data already read and validated, in one transaction.
     *
     * @param data profiles, list entries, complaints, disputes and paid subscription periods
     */
    public void importData(DataFiles data) {
        database.jdbi().useTransaction(handle -> {
            subscriberStore.addAll(data.subscribers());
            lists.addAll(data.listEntries());
            complaints.addAll(data.complaints());
            data.disputes().forEach(complaints::add);
            paidPeriodStore.addAll(data.paidPeriods());
        });
        // In memory once committed: a failed import leaves none.
        subscribers.remember(data.subscribers());
        paidPeriods.remember(data.paidPeriods());
    }

    /** @return the review cases verdicts opened */
    public ReviewCases cases() {
        return cases;
    }

    /** @return the review console's users */
    public Users users() {
        return users;
    }

    /** @return the append-only record of what reviewers did */
    public AuditTrail auditTrail() {
        return auditTrail;
    }

    /**
     * @return where reviewers decide cases; confirming fraud can blacklist through
     *     {@link #addListEntry}, so the next check sees it
     */
    public CaseDecisions caseDecisions() {
        return caseDecisions;
    }

    /** @return subscribers' contests of automated blocks, each opening or reopening a case for a reviewer */
    public Contests contests() {
        return contests;
    }

    /** @return the bearer tokens of the JSON API, issued and revoked by ADMINs */
    public ApiTokens apiTokens() {
        return apiTokens;
    }

    /** @return the engine's clock */
    public Clock clock() {
        return clock;
    }

    /** Stops housekeeping and closes the database. Checks must not be running. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        housekeeping.shutdownNow();
        if (writer != null) {
            writer.close();
        }
        database.close();
    }

    /** Configures a {@link RiskEngine}. Not thread-safe. */
    public static final class Builder {
        private RuleSource rules = RuleSource.packaged();
        private String jdbcUrl = Database.h2FileUrl(Path.of("tollgate-data", "tollgate"));
        private Clock clock = Clock.systemUTC();
        private long cacheSize = 100_000;
        private FailurePolicy failurePolicy = FailurePolicy.FLAG;
        private long maxAmountFen = DEFAULT_MAX_AMOUNT_FEN;
        private Duration watchQuiet;
        private boolean replay;
        private boolean replayInMemory;
        private RuleEvaluator evaluator;

        private Builder() {
        }

        /**
         * Decides with another evaluator in place of the rule set's: for benchmarks and tests that
         * compare the rule engine with a baseline written by hand, in the same pipeline (signals,
         * decision, recording). The rule set is still compiled, reloaded and reported as usual, but
         * no longer evaluated; verdicts name the evaluator's version. Not meant for production.
         *
         * @param value a thread-safe evaluator of the facts of one charge
         * @return this builder
         */
        public Builder evaluator(RuleEvaluator value) {
            this.evaluator = Objects.requireNonNull(value, "evaluator must not be null");
            return this;
        }

        /**
         * Watches the rules folder and reloads the rule set when its files change (off by default).
         * A refused set is logged and the last good one keeps deciding.
         *
         * @param quiet how long the folder must be quiet after a change before the reload, e.g. 500 ms
         * @return this builder
         */
        public Builder watchRules(Duration quiet) {
            if (quiet == null || quiet.isNegative()) {
                throw new IllegalArgumentException("quiet period must not be negative, got " + quiet);
            }
            this.watchQuiet = quiet;
            return this;
        }

        /**
         * @param folder a folder of {@code .drl} files; default: the rule set packaged in the jar
         * @return this builder
         */
        public Builder rules(Path folder) {
            this.rules = RuleSource.folder(Objects.requireNonNull(folder, "rules folder must not be null"));
            return this;
        }

        /** @return this builder, deciding with the rule set packaged in the jar */
        public Builder packagedRules() {
            this.rules = RuleSource.packaged();
            return this;
        }

        /**
         * @param file the H2 database file, without {@code .mv.db}; created when missing
         * @return this builder
         */
        public Builder database(Path file) {
            this.jdbcUrl = Database.h2FileUrl(Objects.requireNonNull(file, "database file must not be null"));
            return this;
        }

        /**
         * @param url a JDBC URL, e.g. {@code jdbc:h2:file:/data/tollgate} or {@code jdbc:h2:mem:test}
         * @return this builder
         */
        public Builder jdbcUrl(String url) {
            if (url == null || !url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("JDBC URL must start with jdbc:, got " + url);
            }
            this.jdbcUrl = url;
            return this;
        }

        /**
         * @param value the clock every window, expiry and "as of" is read from; a replay drives it
         *     from the charges' own timestamps
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock must not be null");
            return this;
        }

        /**
         * @param entries how many numbers, list values and request ids each in-memory cache holds
         * @return this builder
         */
        public Builder cacheSize(long entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("cache size must be positive, got " + entries);
            }
            this.cacheSize = entries;
            return this;
        }

        /**
         * Builds an engine for a replay of history, which no gateway waits on: a case-opening
         * verdict (FLAG, or BLOCK by a rule marked for review) is returned at once, like any other,
         * and journaled with its case by the next batch instead of before the check returns.
         * Decisions are the same; only the wait goes. {@link #close()} still writes every verdict
         * and case. Never for a live engine: there, a FLAG must not be returned before its case is stored.
         *
         * @return this builder
         */
        public Builder replay() {
            this.replay = true;
            return this;
        }

        /**
         * Builds an engine for a replay whose database is thrown away afterwards (a backtest, a
         * replay without {@code --db}): like {@link #replay()}, but the verdicts
         * ({@link MemoryDecisionLog}), subscriber profiles, paid periods, complaints and disputes
         * are kept in memory only, so a check and an import write nothing to the database and no
         * writer thread runs. A retried request id still gets its first verdict and counts once, and
         * carrier results and disputes find their charge; no review case is stored (a verdict still
         * says whether it opened one), so {@link #cases()} and {@link #dashboard} see none of the
         * replay's decisions. Decisions are the same as with {@link #replay()}. Never for a live
         * engine: nothing of it is durable.
         *
         * @return this builder
         */
        public Builder replayInMemory() {
            this.replay = true;
            this.replayInMemory = true;
            return this;
        }

        /**
         * Sets the ceiling of a charge's amount: a check of more is refused with an
         * {@link InvalidFieldException} naming {@code amount_fen}, and counts nothing.
         *
         * @param fen the largest amount accepted, 1 to {@link ChargeRequest#MAX_AMOUNT_FEN}; default
         *     {@value RiskEngine#DEFAULT_MAX_AMOUNT_FEN} (1,000 CNY)
         * @return this builder
         * @throws IllegalArgumentException when {@code fen} is out of that range
         */
        public Builder maxAmountFen(long fen) {
            if (fen < 1 || fen > ChargeRequest.MAX_AMOUNT_FEN) {
                throw new IllegalArgumentException("maximum amount must be 1 to " + ChargeRequest.MAX_AMOUNT_FEN
                        + " fen, got " + fen);
            }
            this.maxAmountFen = fen;
            return this;
        }

        /**
         * @param policy what a check answers when the rules cannot decide; default {@link FailurePolicy#FLAG}
         * @return this builder
         */
        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = Objects.requireNonNull(policy, "failure policy must not be null");
            return this;
        }

        /**
         * Compiles the rule set, opens (and migrates) the database and rebuilds velocity.
         *
         * @return the engine
         * @throws io.tollgate.rules.RuleSetRefusedException when the rule set does not compile
         * @throws io.tollgate.store.UnableToOpenDatabaseException when the database cannot be opened
         */
        public RiskEngine build() {
            return new RiskEngine(this);
        }
    }
}
