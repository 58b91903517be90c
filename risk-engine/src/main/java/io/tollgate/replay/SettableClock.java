package io.tollgate.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that reads whatever instant it was last set to: a replay sets it to each charge's own
 * timestamp so history is decided as it was then. Thread-safe (the instant is volatile), but a
 * replay is meant to drive it from one thread.
 */
public final class SettableClock extends Clock {
    private volatile Instant now;

    /** @param start the instant it reads until set */
    public SettableClock(Instant start) {
        this.now = start;
    }

    /** @param instant the instant it reads from now on */
    public void set(Instant instant) {
        this.now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a settable clock is UTC");
    }
}
