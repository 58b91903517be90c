package io.tollgate.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the rule set that is deciding now and swaps it atomically on reload. A reload compiles off
 * the request path; a refused rule set leaves the last good one serving. Thread-safe: checks read
 * the current snapshot without locking; reloads are serialised among themselves.
 */
public final class RuleRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(RuleRuntime.class);

    private final RuleSource source;
    private final Clock clock;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile Instant loadedAt;
    private volatile Refusal lastRefusal;

    /**
     * A reload that was refused: when, and the problems. Immutable.
     *
     * @param at when the reload was refused
     * @param problems one {@code file:line: message} per problem
     */
    public record Refusal(Instant at, List<String> problems) {
        /** Copies the problems. */
        public Refusal {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Compiles the source's rule set.
     *
     * @param source where rules are read from
     * @param clock stamps when a set was loaded or refused
     * @throws RuleSetRefusedException when it does not compile or its metadata is incomplete
     */
    public RuleRuntime(RuleSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
        this.current.set(RuleSetCompiler.compile(source.read()));
        this.loadedAt = clock.instant();
    }

    /** @return the rule set deciding now */
    public RuleSet current() {
        return current.get();
    }

    /** @return when the rule set deciding now was loaded */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** @return the last refused reload, if one was refused after the rule set deciding now was loaded */
    public Optional<Refusal> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    /** @return where rules are read from */
    public RuleSource source() {
        return source;
    }

    /**
     * Re-reads and compiles the source; swaps it in when it compiles.
     *
     * @return what changed, or why the new set was refused
     */
    public ReloadReport reload() {
        reloading.lock();
        try {
            RuleSet previous = current.get();
            RuleSet next;
            try {
                next = RuleSetCompiler.compile(source.read());
            } catch (RuleSetRefusedException e) {
                LOG.warn("rule set from {} refused; version {} keeps serving: {}", source.describe(),
                        previous.version(), e.problems());
                lastRefusal = new Refusal(clock.instant(), e.problems());
                return ReloadReport.refused(previous, e.problems());
            } catch (RuntimeException | StackOverflowError e) {
                // Compilation runs on a thread of its own; what reaches here is reading or parsing.
                LOG.warn("rule set from {} unreadable; version {} keeps serving: {}", source.describe(),
                        previous.version(), e.toString());
                List<String> problems = List.of(source.describe() + ": " + e);
                lastRefusal = new Refusal(clock.instant(), problems);
                return ReloadReport.refused(previous, problems);
            }
            // The previous set is not shut down: checks in flight may still hold it; it is collected when they finish.
            current.set(next);
            loadedAt = clock.instant();
            lastRefusal = null;
            LOG.info("rule set {} replaced {}", next.version(), previous.version());
            return ReloadReport.swapped(previous, next);
        } finally {
            reloading.unlock();
        }
    }
}
