package io.tollgate.review;

import java.time.Instant;

/**
 * An API token as listed: never its secret, nor its hash. Immutable.
 *
 * @param id the token's id
 * @param name the name an ADMIN gave it, e.g. the gateway that uses it
 * @param createdBy the ADMIN who issued it
 * @param createdAt when it was issued
 * @param revokedAt when it was revoked, or {@code null} while it is active
 */
public record ApiToken(long id, String name, String createdBy, Instant createdAt, Instant revokedAt) {
    /** @return whether it still authenticates API calls */
    public boolean active() {
        return revokedAt == null;
    }
}
