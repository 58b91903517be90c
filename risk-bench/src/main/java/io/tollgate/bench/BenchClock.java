package io.tollgate.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The engine's clock in a benchmark: each thread sets it to the timestamp of the charge it is about
 * to check, so velocity windows see the generated traffic's own time, as in a replay, even with
 * several checking threads. A thread that never set it (the engine's housekeeping) reads the
 * latest instant any thread set. Thread-safe.
 */
public final class BenchClock extends Clock {
    private final ThreadLocal<Instant> current = new ThreadLocal<>();
    private volatile Instant latest;

    /** @param start what every thread reads until it sets the clock */
    public BenchClock(Instant start) {
        this.latest = start;
    }

    /** @param instant what the calling thread reads from now on */
    public void set(Instant instant) {
        current.set(instant);
        latest = instant;
    }

    @Override
    public Instant instant() {
        Instant mine = current.get();
        return mine != null ? mine : latest;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a benchmark clock is UTC");
    }
}
