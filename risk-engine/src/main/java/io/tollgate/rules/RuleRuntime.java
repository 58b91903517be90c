package io.tollgate.rules;

import java.util.List;
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
    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private final ReentrantLock reloading = new ReentrantLock();

    /**
     * Compiles the source's rule set.
     *
     * @throws RuleSetRefusedException when it does not compile or its metadata is incomplete
     */
    public RuleRuntime(RuleSource source) {
        this.source = source;
        this.current.set(RuleSetCompiler.compile(source.read()));
    }

    /** @return the rule set deciding now */
    public RuleSet current() {
        return current.get();
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
                return ReloadReport.refused(previous, e.problems());
            } catch (RuntimeException e) {
                LOG.warn("rule set from {} unreadable; version {} keeps serving: {}", source.describe(),
                        previous.version(), e.getMessage());
                return ReloadReport.refused(previous, List.of(source.describe() + ": " + e.getMessage()));
            }
            // The previous set is not shut down: checks in flight may still hold it; it is collected when they finish.
            current.set(next);
            LOG.info("rule set {} replaced {}", next.version(), previous.version());
            return ReloadReport.swapped(previous, next);
        } finally {
            reloading.unlock();
        }
    }
}
