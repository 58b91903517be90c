package io.tollgate.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing at the console's login form, per login name and per client address.
 * After {@value #NAME_FREE_FAILURES} failed logins of a name (or {@value #ADDRESS_FREE_FAILURES}
 * from an address) each next attempt must wait, {@link #FIRST_DELAY} after the last failure and
 * twice as long after each further one, up to {@link #MAX_DELAY}; an attempt that comes too early is
 * refused without its password being checked, and does not count. The {@value #LOCKOUT_FAILURES}th
 * failure of a name locks it out for {@link #LOCKOUT}, or until an ADMIN lifts it. Failures are
 * forgotten {@link #FORGET_AFTER} after the last one, and a name's on a successful login.
 *
 * <p>Names are counted whether a user has them or not, so that neither a backoff nor a lockout
 * tells which names exist. The counts live in memory: a restart forgets them, as it ends the
 * sessions. At most {@value #MAX_TRACKED} names and as many addresses are kept; beyond that the ones
 * whose last failure is oldest are forgotten first. Behind a reverse proxy every client has the
 * proxy's address, so the address backoff applies to all of them at once. Thread-safe: every method
 * holds the object's lock.
 */
final class LoginThrottle {
    /** Failed logins of one name before each next attempt of it must wait. */
    static final int NAME_FREE_FAILURES = 3;
    /** Failed logins from one address before each next attempt from it must wait. */
    static final int ADDRESS_FREE_FAILURES = 10;
    /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    /** The longest wait between two attempts. */
    static final Duration MAX_DELAY = Duration.ofMinutes(1);
    /** Failed logins of one name that lock it out. */
    static final int LOCKOUT_FAILURES = 10;
    /** How long a lockout lasts unless an ADMIN lifts it. */
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** Failures are forgotten this long after the last one. */
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    /** The most names, and the most addresses, whose failures are kept. */
    static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    /** By name, then by address; in order of last failure, oldest first. Guarded by this. */
    private final Map<String, Failures> names = tracked();
    private final Map<String, Failures> addresses = tracked();

    /** The failures of one name or address: how many, the last one, and the end of a lockout. */
    private record Failures(int count, Instant last, Instant lockedUntil) {
    }

    /**
     * Why a login attempt is refused before its password is checked.
     *
     * @param message what the login page says
     * @param retryAfter how long until the next attempt may be made, at least a second
     * @param lockedOut whether the name is locked out (else it is a backoff)
     */
    record Refusal(String message, Duration retryAfter, boolean lockedOut) {
    }

    /**
     * A name locked out now.
     *
     * @param name the login name
     * @param until when the lockout ends by itself
     */
    record Lockout(String name, Instant until) {
    }

    /** @param clock the clock that times backoffs and lockouts */
    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private static Map<String, Failures> tracked() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }

    /**
     * @param name the login name tried
     * @param address the client's address
     * @return why the attempt must not be checked now, if it must not
     */
    synchronized Optional<Refusal> refusal(String name, String address) {
        Instant now = clock.instant();
        Failures byName = current(names, name, now);
        if (byName != null && byName.lockedUntil() != null) {
            return Optional.of(new Refusal("This name is locked out after " + LOCKOUT_FAILURES
                    + " failed logins. Try again later, or ask an ADMIN to unlock it.",
                    atLeastASecond(Duration.between(now, byName.lockedUntil())), true));
        }
        Instant nameAllowed = allowedFrom(byName, NAME_FREE_FAILURES);
        Instant addressAllowed = allowedFrom(current(addresses, address, now), ADDRESS_FREE_FAILURES);
        Instant allowed = nameAllowed.isAfter(addressAllowed) ? nameAllowed : addressAllowed;
        if (now.isBefore(allowed)) {
            Duration wait = atLeastASecond(Duration.between(now, allowed));
            return Optional.of(new Refusal("Too many failed logins for this name or from this address. Try again in "
                    + wait.toSeconds() + " s.", wait, false));
        }
        return Optional.empty();
    }

    /**
     * Counts a failed login.
     *
     * @param name the login name tried, or {@code null} when none was sent
     * @param address the client's address
     * @return whether this failure locked the name out
     */
    synchronized boolean failed(String name, String address) {
        Instant now = clock.instant();
        if (address != null) {
            count(addresses, address, now);
        }
        if (name == null) {
            return false;
        }
        Failures failures = count(names, name, now);
        if (failures.count() >= LOCKOUT_FAILURES) {
            names.put(name, new Failures(failures.count(), now, now.plus(LOCKOUT)));
            return true;
        }
        return false;
    }

    /** Forgets a name's failures: it logged in. */
    synchronized void succeeded(String name) {
        names.remove(name);
    }

    /**
     * Lifts a name's lockout and forgets its failures.
     *
     * @return whether the name was locked out
     */
    synchronized boolean unlock(String name) {
        Failures failures = current(names, name, clock.instant());
        names.remove(name);
        return failures != null && failures.lockedUntil() != null;
    }

    /** @return the names locked out now, by name */
    synchronized List<Lockout> lockouts() {
        Instant now = clock.instant();
        List<Lockout> locked = new ArrayList<>();
        for (String name : List.copyOf(names.keySet())) {
            Failures failures = current(names, name, now);
            if (failures != null && failures.lockedUntil() != null) {
                locked.add(new Lockout(name, failures.lockedUntil()));
            }
        }
        locked.sort(Comparator.comparing(Lockout::name));
        return locked;
    }

    /** @return how many names' failures are kept */
    synchronized int trackedNames() {
        return names.size();
    }

    /** @return the failures of a key still remembered at {@code now}; forgets ended ones */
    private static Failures current(Map<String, Failures> map, String key, Instant now) {
        if (key == null) {
            return null;
        }
        Failures failures = map.get(key);
        if (failures == null) {
            return null;
        }
        boolean ended = failures.lockedUntil() != null ? !now.isBefore(failures.lockedUntil())
                : !now.isBefore(failures.last().plus(FORGET_AFTER));
        if (ended) {
            map.remove(key);
            return null;
        }
        return failures;
    }

    private static Failures count(Map<String, Failures> map, String key, Instant now) {
        Failures before = current(map, key, now);
        Failures after = new Failures(before == null ? 1 : before.count() + 1, now, null);
        map.remove(key); // re-inserted last: the map is in order of last failure
        map.put(key, after);
        return after;
    }

    /** @return when the next attempt may be made after these failures */
    private static Instant allowedFrom(Failures failures, int free) {
        if (failures == null || failures.count() <= free) {
            return Instant.MIN;
        }
        int doublings = Math.min(failures.count() - free - 1, 30);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return failures.last().plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
    }

    private static Duration atLeastASecond(Duration wait) {
        long seconds = (wait.toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
