package io.tollgate.review;

import java.time.Instant;

/**
 * A console user as listed: never the password hash. Immutable.
 *
 * @param name the user's name
 * @param role what the user may do
 * @param createdAt when the user was added
 * @param disabledAt when an ADMIN disabled the user, or {@code null} while the user is active
 */
public record User(String name, Role role, Instant createdAt, Instant disabledAt) {
    /** @return whether the user may log in and act */
    public boolean active() {
        return disabledAt == null;
    }
}
