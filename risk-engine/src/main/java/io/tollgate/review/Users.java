package io.tollgate.review;

import io.tollgate.store.Times;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** The review console's users: names, roles and password hashes ({@link PasswordHash}). Thread-safe. */
public final class Users {
    /** The shortest password accepted (NIST SP 800-63B asks for at least 8; we ask for a little more). */
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    private final Jdbi jdbi;
    private final Clock clock;

    /**
     * @param jdbi the database
     * @param clock the clock that stamps new users
     */
    public Users(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Adds a user.
     *
     * @param name 2 to 64 characters: lower-case letters, digits, {@code . _ -}, starting with a letter
     * @param role what the user may do
     * @param password at least {@link #MIN_PASSWORD_LENGTH} characters; only its hash is stored
     * @throws UnableToAddUserException for a bad or taken name or a short password
     */
    public void add(String name, Role role, char[] password) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UnableToAddUserException("user name '" + name
                    + "' must be 2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        if (role == null) {
            throw new IllegalArgumentException("role must not be null");
        }
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new UnableToAddUserException("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        String hash = PasswordHash.hash(password);
        jdbi.useTransaction(handle -> {
            if (handle.createQuery("SELECT COUNT(*) FROM app_user WHERE name = :name").bind("name", name)
                    .mapTo(Integer.class).one() > 0) {
                throw new UnableToAddUserException("user '" + name + "' exists already");
            }
            handle.createUpdate("""
                            INSERT INTO app_user (name, role, password_hash, created_at)
                            VALUES (:name, :role, :hash, :createdAt)""")
                    .bind("name", name).bind("role", role.name()).bind("hash", hash)
                    .bind("createdAt", Times.utc(clock.instant()))
                    .execute();
        });
    }

    /**
     * @param name a user name
     * @return the user's role, if the user exists
     */
    public Optional<Role> roleOf(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT role FROM app_user WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne().map(Role::valueOf));
    }

    /**
     * Checks a password. Takes as long for an unknown user as for a wrong password, so a caller
     * cannot tell which names exist by timing.
     *
     * @param name a user name
     * @param password what the user typed
     * @return the user's role when the password is right; empty for a wrong password or unknown user
     */
    public Optional<Role> verify(String name, char[] password) {
        Optional<String[]> row = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT role, password_hash FROM app_user WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new String[] {rs.getString("role"), rs.getString("password_hash")})
                .findOne());
        if (row.isEmpty()) {
            PasswordHash.matches(password, UnknownUser.HASH);
            return Optional.empty();
        }
        return PasswordHash.matches(password, row.get()[1]) ? Optional.of(Role.valueOf(row.get()[0])) : Optional.empty();
    }

    /** A hash to check unknown users against, made once on first use. */
    private static final class UnknownUser {
        static final String HASH = PasswordHash.hash("no such user, no such password".toCharArray());
    }
}
