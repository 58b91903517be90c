package io.tollgate.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between {@link Instant} and the UTC timestamps stored in SQL. Thread-safe. */
public final class Times {
    private Times() {
    }

    /** @return the instant as a UTC timestamp to bind, or {@code null} */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** @return the instant of a stored timestamp, or {@code null} */
    public static Instant instant(OffsetDateTime stored) {
        return stored == null ? null : stored.toInstant();
    }
}
