package io.tollgate.review;

import io.tollgate.store.Times;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * The bearer tokens that authenticate the JSON API. A token is {@code tg_} and 32 random bytes in
 * URL-safe base64; only its SHA-256 is stored, so the secret is returned once, by {@link #issue},
 * and cannot be read back. Only an ADMIN issues and revokes, and each is written to the audit trail
 * in the same transaction. Thread-safe.
 */
public final class ApiTokens {
    /** What every token starts with, so a leaked one is easy to recognise in logs and scanners. */
    public static final String PREFIX = "tg_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Clock clock;
    private final Users users;

    /**
     * @param jdbi the database
     * @param clock the clock that stamps issuing and revoking
     * @param users who may issue and revoke
     */
    public ApiTokens(Jdbi jdbi, Clock clock, Users users) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.users = users;
    }

    /**
     * Issues a token.
     *
     * @param name 1 to 64 letters, digits, {@code . _ -}; no other active token may have it
     * @param actor the issuing user, who must be an ADMIN
     * @return the secret token: shown this once, never stored
     * @throws UnableToManageTokenException for a bad or taken name or an actor who is not an ADMIN
     */
    public String issue(String name, String actor) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UnableToManageTokenException("token name '" + name
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        requireAdmin(actor, "issue");
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            if (handle.createQuery("SELECT COUNT(*) FROM api_token WHERE name = :name AND revoked_at IS NULL")
                    .bind("name", name).mapTo(Integer.class).one() > 0) {
                throw new UnableToManageTokenException("an active token named '" + name
                        + "' exists already; revoke it first or choose another name");
            }
            handle.createUpdate("""
                            INSERT INTO api_token (name, token_hash, created_by, created_at)
                            VALUES (:name, :hash, :actor, :at)""")
                    .bind("name", name).bind("hash", sha256(token)).bind("actor", actor)
                    .bind("at", Times.utc(now)).execute();
            AuditTrail.append(handle, now, actor, null, "TOKEN_ISSUE", null, null, null, "API token '" + name + "'");
        });
        return token;
    }

    /**
     * Revokes the active token of a name; API calls with it are refused from now on.
     *
     * @param name the token's name
     * @param actor the revoking user, who must be an ADMIN
     * @throws UnableToManageTokenException when no active token has that name or the actor is not an ADMIN
     */
    public void revoke(String name, String actor) {
        requireAdmin(actor, "revoke");
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            int revoked = handle.createUpdate(
                            "UPDATE api_token SET revoked_at = :at WHERE name = :name AND revoked_at IS NULL")
                    .bind("at", Times.utc(now)).bind("name", name).execute();
            if (revoked == 0) {
                throw new UnableToManageTokenException("no active token named '" + name + "'");
            }
            AuditTrail.append(handle, now, actor, null, "TOKEN_REVOKE", null, null, null, "API token '" + name + "'");
        });
    }

    /**
     * Checks a presented token. Every active token's hash is compared in constant time, and all of
     * them are compared whatever matches, so timing tells nothing about the stored hashes.
     *
     * @param token what the caller sent, e.g. from {@code Authorization: Bearer}
     * @return the token's name when it is an active token; empty for an unknown or revoked one
     */
    public Optional<String> verify(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token).getBytes(StandardCharsets.US_ASCII);
        List<String[]> active = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT name, token_hash FROM api_token WHERE revoked_at IS NULL")
                .map((rs, ctx) -> new String[] {rs.getString("name"), rs.getString("token_hash")})
                .list());
        String match = null;
        for (String[] row : active) {
            if (MessageDigest.isEqual(presented, row[1].getBytes(StandardCharsets.US_ASCII))) {
                match = row[0];
            }
        }
        return Optional.ofNullable(match);
    }

    /** @return every token ever issued, oldest first; no secrets, no hashes */
    public List<ApiToken> list() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id, name, created_by, created_at, revoked_at FROM api_token ORDER BY id")
                .map((rs, ctx) -> {
                    OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
                    return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("created_by"),
                            Times.instant(rs.getObject("created_at", OffsetDateTime.class)),
                            revoked == null ? null : Times.instant(revoked));
                })
                .list());
    }

    private void requireAdmin(String actor, String what) {
        Role role = users.roleOf(actor)
                .orElseThrow(() -> new UnableToManageTokenException("no user '" + actor + "'"));
        if (role != Role.ADMIN) {
            throw new UnableToManageTokenException("user '" + actor + "' is " + role
                    + "; only an ADMIN may " + what + " API tokens");
        }
    }

    /**
     * @param token a token
     * @return its SHA-256 as 64 lower-case hex digits, as stored
     */
    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
