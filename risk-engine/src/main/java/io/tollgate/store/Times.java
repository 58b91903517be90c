package io.tollgate.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between {@link Instant} and the UTC timestamps stored in SQL. Thread-safe. */
public final class Times {
    private Times() {
    }

    /** @return the instant as a UTC timestamp to bind, or {@code null} */
    public static OffsetDateTime utc(Instant instant) {
        // Not instant.atOffset(UTC), which builds the offset's ZoneRules anew each time: this is bound for every verdict.
        return instant == null ? null : OffsetDateTime.of(
                LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    /** @return the instant of a stored timestamp, or {@code null} */
    public static Instant instant(OffsetDateTime stored) {
        return stored == null ? null : stored.toInstant();
    }
}
