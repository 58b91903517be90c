package io.tollgate.review;

import io.tollgate.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The review console's users: names, roles and password hashes ({@link PasswordHash}). An ADMIN
 * adds users, changes roles and disables or re-enables users; each such change is written to the
 * audit trail in the same transaction. A disabled user cannot log in or act, and is kept (never
 * deleted) so the trail's actors stay known. The console always keeps an active ADMIN: an ADMIN
 * cannot disable or demote themselves, nor the last active ADMIN. Thread-safe.
 */
public final class Users {
    /** The shortest password accepted (NIST SP 800-63B asks for at least 8; we ask for a little more). */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /**
     * The audit trail's actor for what the review console does by itself (a lockout): in brackets,
     * so that no user can have the name.
     */
    public static final String CONSOLE = "(console)";
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
        String hash = validatedHash(name, role, password);
        jdbi.useTransaction(handle -> insert(handle, name, role, hash));
    }

    /**
     * Adds a user on an ADMIN's behalf, and writes that to the audit trail.
     *
     * @param name as for {@link #add(String, Role, char[])}
     * @param role what the user may do
     * @param password as for {@link #add(String, Role, char[])}
     * @param actor the adding user, who must be an active ADMIN
     * @throws UnableToAddUserException for a bad or taken name, a short password, or an actor who is not an active ADMIN
     */
    public void add(String name, Role role, char[] password, String actor) {
        String hash = validatedHash(name, role, password);
        jdbi.useTransaction(handle -> {
            try {
                requireAdmin(handle, actor, "add users");
            } catch (UnableToManageUserException e) {
                throw new UnableToAddUserException(e.getMessage());
            }
            insert(handle, name, role, hash);
            AuditTrail.append(handle, clock.instant(), actor, null, "USER_ADD", null, null, null,
                    "user '" + name + "' added as " + role);
        });
    }

    private static String validatedHash(String name, Role role, char[] password) {
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
        return PasswordHash.hash(password);
    }

    private void insert(Handle handle, String name, Role role, String hash) {
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
    }

    /**
     * @param name a user name
     * @return the user's role, if the user exists and is active (not disabled)
     */
    public Optional<Role> roleOf(String name) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT role FROM app_user WHERE name = :name AND disabled_at IS NULL")
                .bind("name", name).mapTo(String.class).findOne().map(Role::valueOf));
    }

    /** @return every user, active and disabled, by name; no password hashes */
    public List<User> list() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT name, role, created_at, disabled_at FROM app_user ORDER BY name")
                .map((rs, ctx) -> userOf(rs))
                .list());
    }

    /**
     * Gives a user another role; audited.
     *
     * @param name the user
     * @param role the new role
     * @param actor an active ADMIN other than the user
     * @throws UnableToManageUserException for an unknown user, an actor who is not an active ADMIN,
     *     the actor's own role, the same role, or the last active ADMIN's
     */
    public void changeRole(String name, Role role, String actor) {
        if (role == null) {
            throw new IllegalArgumentException("role must not be null");
        }
        jdbi.useTransaction(handle -> {
            List<String> admins = lockActiveAdmins(handle);
            requireAdmin(handle, actor, "change roles");
            User user = existing(handle, name);
            if (name.equals(actor)) {
                throw new UnableToManageUserException("an ADMIN cannot change their own role; ask another ADMIN");
            }
            if (user.role() == role) {
                throw new UnableToManageUserException("user '" + name + "' is " + role + " already");
            }
            if (user.active() && user.role() == Role.ADMIN && admins.size() <= 1) {
                throw new UnableToManageUserException("user '" + name + "' is the last active ADMIN");
            }
            handle.createUpdate("UPDATE app_user SET role = :role WHERE name = :name")
                    .bind("role", role.name()).bind("name", name).execute();
            AuditTrail.append(handle, clock.instant(), actor, null, "USER_ROLE", null, null, null,
                    "user '" + name + "' role " + user.role() + " -> " + role);
        });
    }

    /**
     * Disables a user: they can no longer log in or act, and the console ends their sessions; audited.
     *
     * @param name the user
     * @param actor an active ADMIN other than the user
     * @throws UnableToManageUserException for an unknown or already disabled user, an actor who is
     *     not an active ADMIN, the actor themselves, or the last active ADMIN
     */
    public void disable(String name, String actor) {
        jdbi.useTransaction(handle -> {
            List<String> admins = lockActiveAdmins(handle);
            requireAdmin(handle, actor, "disable users");
            User user = existing(handle, name);
            if (name.equals(actor)) {
                throw new UnableToManageUserException("an ADMIN cannot disable themselves; ask another ADMIN");
            }
            if (!user.active()) {
                throw new UnableToManageUserException("user '" + name + "' is disabled already");
            }
            if (user.role() == Role.ADMIN && admins.size() <= 1) {
                throw new UnableToManageUserException("user '" + name + "' is the last active ADMIN");
            }
            Instant now = clock.instant();
            handle.createUpdate("UPDATE app_user SET disabled_at = :at WHERE name = :name")
                    .bind("at", Times.utc(now)).bind("name", name).execute();
            AuditTrail.append(handle, now, actor, null, "USER_DISABLE", null, null, null,
                    "user '" + name + "' (" + user.role() + ") disabled");
        });
    }

    /**
     * Lets a disabled user log in again, with the role and password they had; audited.
     *
     * @param name the user
     * @param actor an active ADMIN
     * @throws UnableToManageUserException for an unknown or active user, or an actor who is not an active ADMIN
     */
    public void enable(String name, String actor) {
        jdbi.useTransaction(handle -> {
            requireAdmin(handle, actor, "enable users");
            User user = existing(handle, name);
            if (user.active()) {
                throw new UnableToManageUserException("user '" + name + "' is active already");
            }
            handle.createUpdate("UPDATE app_user SET disabled_at = NULL WHERE name = :name")
                    .bind("name", name).execute();
            AuditTrail.append(handle, clock.instant(), actor, null, "USER_ENABLE", null, null, null,
                    "user '" + name + "' (" + user.role() + ") enabled");
        });
    }

    /**
     * Writes to the audit trail that the review console locked a user out after failed logins
     * (action {@code LOGIN_LOCKOUT}, actor {@value #CONSOLE}). The lockout itself is the console's to
     * keep; a name that is no user's is locked out too, but leaves no entry.
     *
     * @param name the login name locked out
     * @param failures how many failed logins locked it
     * @param address the client address of the last one
     * @param until when the lockout ends unless an ADMIN lifts it sooner
     * @return whether an entry was written: whether the name is a user's
     */
    public boolean recordLockout(String name, int failures, String address, Instant until) {
        return jdbi.inTransaction(handle -> {
            if (find(handle, name).isEmpty()) {
                return false;
            }
            AuditTrail.append(handle, clock.instant(), CONSOLE, null, "LOGIN_LOCKOUT", null, null, null,
                    "user '" + name + "' locked out of the console after " + failures + " failed logins, the last from "
                            + address + ", until " + until);
            return true;
        });
    }

    /**
     * Writes to the audit trail that an ADMIN lifts a user's lockout (action {@code USER_UNLOCK});
     * the console lifts the lockout once this returns.
     *
     * @param name the user locked out
     * @param actor an active ADMIN
     * @throws UnableToManageUserException for an unknown user or an actor who is not an active ADMIN
     */
    public void recordUnlock(String name, String actor) {
        jdbi.useTransaction(handle -> {
            requireAdmin(handle, actor, "unlock users");
            User user = existing(handle, name);
            AuditTrail.append(handle, clock.instant(), actor, null, "USER_UNLOCK", null, null, null,
                    "user '" + name + "' (" + user.role() + ") may log in again: lockout after failed logins lifted");
        });
    }

    /**
     * Locks the active ADMINs' rows until the transaction ends, so two ADMINs disabling or demoting
     * each other at once cannot both succeed and leave none.
     */
    private static List<String> lockActiveAdmins(Handle handle) {
        return handle.createQuery(
                        "SELECT name FROM app_user WHERE role = 'ADMIN' AND disabled_at IS NULL FOR UPDATE")
                .mapTo(String.class).list();
    }

    private static void requireAdmin(Handle handle, String actor, String what) {
        Optional<User> user = find(handle, actor);
        if (user.isEmpty() || !user.get().active()) {
            throw new UnableToManageUserException("no active user '" + actor + "'");
        }
        if (user.get().role() != Role.ADMIN) {
            throw new UnableToManageUserException("user '" + actor + "' is " + user.get().role()
                    + "; only an ADMIN may " + what);
        }
    }

    private static User existing(Handle handle, String name) {
        return find(handle, name).orElseThrow(() -> new UnableToManageUserException("no user '" + name + "'"));
    }

    private static Optional<User> find(Handle handle, String name) {
        return handle.createQuery("SELECT name, role, created_at, disabled_at FROM app_user WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> userOf(rs))
                .findOne();
    }

    /**
     * Checks a password. Takes as long for an unknown user as for a wrong password, so a caller
     * cannot tell which names exist by timing.
     *
     * @param name a user name
     * @param password what the user typed
     * @return the user's role when the password is right and the user is active; empty for a wrong
     *     password, an unknown user or a disabled one
     */
    public Optional<Role> verify(String name, char[] password) {
        Optional<String[]> row = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT role, password_hash, disabled_at FROM app_user WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new String[] {rs.getString("role"), rs.getString("password_hash"),
                        rs.getObject("disabled_at") == null ? null : "disabled"})
                .findOne());
        if (row.isEmpty()) {
            PasswordHash.matches(password, UnknownUser.HASH);
            return Optional.empty();
        }
        // The hash is checked for a disabled user too, so timing does not tell who is disabled.
        boolean matches = PasswordHash.matches(password, row.get()[1]);
        return matches && row.get()[2] == null ? Optional.of(Role.valueOf(row.get()[0])) : Optional.empty();
    }

    private static User userOf(ResultSet rs) throws SQLException {
        return new User(rs.getString("name"), Role.valueOf(rs.getString("role")),
                Times.instant(rs.getObject("created_at", OffsetDateTime.class)),
                Times.instant(rs.getObject("disabled_at", OffsetDateTime.class)));
    }

    /** A hash to check unknown users against, made once on first use. */
    private static final class UnknownUser {
        static final String HASH = PasswordHash.hash("no such user, no such password".toCharArray());
    }
}
