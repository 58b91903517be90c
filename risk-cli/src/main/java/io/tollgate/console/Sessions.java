package io.tollgate.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tollgate.RiskEngine;
import io.tollgate.review.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is logged in, and the access checks every page makes. Logins are throttled per name and per
 * address, with a lockout an ADMIN can lift ({@link LoginThrottle}). Sessions live in memory (a restart logs
 * everyone out) behind an HttpOnly, SameSite=Strict cookie that expires after {@link #IDLE} without use
 * or as soon as an ADMIN disables the user (each request looks the user's role up again);
 * every POST but the login and the logout needs the session's CSRF token; a refusal is a 403 that is
 * logged.
 * Pages call {@link #page} for a GET and {@link #action} for a POST and get the session only when
 * the caller may go on. Thread-safe.
 */
final class Sessions {
    /** How long a session lives without a request. */
    static final Duration IDLE = Duration.ofMinutes(30);
    static final String COOKIE = "tollgate_session";
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RiskEngine engine;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** A logged-in user: name, role and the CSRF token every form of theirs carries. */
    record Session(String user, Role role, String csrf, Instant expiresAt) {
    }

    /**
     * @param engine the engine whose users log in
     * @param clock the clock of session expiry and of login backoffs and lockouts
     */
    Sessions(RiskEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
        this.throttle = new LoginThrottle(clock);
    }

    /** Adds the login and logout routes. */
    void register(Javalin app) {
        app.get("/login", ctx -> ctx.html(Html.page("Log in", null, Html.loginForm(null))));
        app.post("/login", this::login);
        app.post("/logout", this::logout);
    }

    /**
     * For a GET: the session if someone is logged in with one of the roles, else redirects to the
     * login page or answers 403 and returns empty.
     */
    Optional<Session> page(Context ctx, Set<Role> roles) {
        Optional<Session> session = current(ctx);
        if (session.isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return Optional.empty();
        }
        if (!roles.contains(session.get().role())) {
            refuse(ctx, session.get(), "role " + session.get().role() + " may not see this page");
            return Optional.empty();
        }
        return session;
    }

    /**
     * For a POST: the session if someone is logged in, sent the session's CSRF token and has one of
     * the roles; else answers 401 or 403 and returns empty.
     *
     * @param what what the action does, for the refusal ("decide cases")
     */
    Optional<Session> action(Context ctx, Set<Role> roles, String what) {
        Optional<Session> session = current(ctx);
        if (session.isEmpty()) {
            ctx.status(HttpStatus.UNAUTHORIZED).result("log in first");
            return Optional.empty();
        }
        if (!csrfOk(ctx, session.get())) {
            refuse(ctx, session.get(), "missing or wrong CSRF token");
            return Optional.empty();
        }
        if (!roles.contains(session.get().role())) {
            refuse(ctx, session.get(), "role " + session.get().role() + " may not " + what);
            return Optional.empty();
        }
        return session;
    }

    /**
     * Checks a name and password, unless the name or the address must wait ({@link LoginThrottle}):
     * then it answers 429 with {@code Retry-After} and checks nothing. A failure that locks a user
     * out is written to the audit trail.
     */
    private void login(Context ctx) {
        String name = ctx.formParam("name");
        String password = ctx.formParam("password");
        String address = ctx.ip();
        Optional<LoginThrottle.Refusal> refusal = throttle.refusal(name, address);
        if (refusal.isPresent()) {
            LOG.warn("refused login for user '{}' from {}: {}", LogSafe.of(name), LogSafe.of(address),
                    refusal.get().lockedOut() ? "locked out" : "too many failed logins");
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(refusal.get().retryAfter()
                    .toSeconds())).html(Html.page("Log in", null, Html.loginForm(refusal.get().message())));
            return;
        }
        Optional<Role> role = name == null || password == null ? Optional.empty()
                : engine.users().verify(name, password.toCharArray());
        if (role.isEmpty()) {
            LOG.warn("failed login for user '{}' from {}", LogSafe.of(name), LogSafe.of(address));
            if (throttle.failed(name, address)) {
                LOG.warn("user '{}' locked out for {} after {} failed logins", LogSafe.of(name), LoginThrottle.LOCKOUT,
                        LoginThrottle.LOCKOUT_FAILURES);
                engine.users().recordLockout(name, LoginThrottle.LOCKOUT_FAILURES, address,
                        clock.instant().plus(LoginThrottle.LOCKOUT));
            }
            ctx.status(HttpStatus.UNAUTHORIZED).html(Html.page("Log in", null, Html.loginForm("Wrong name or password.")));
            return;
        }
        throttle.succeeded(name);
        String token = randomToken();
        sessions.put(token, new Session(name, role.get(), randomToken(), clock.instant().plus(IDLE)));
        ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict"
                + ("https".equals(ctx.scheme()) ? "; Secure" : ""));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /**
     * Ends the server session of the cookie sent, whatever else is wrong with the request (no or a
     * wrong CSRF token, an expired session): a user who logs out must not leave a session behind
     * for whoever copied the cookie. The worst a forged logout can do is log someone out.
     */
    private void logout(Context ctx) {
        String token = ctx.cookie(COOKIE);
        if (token != null) {
            sessions.remove(token);
        }
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /**
     * @return the caller's session, renewed, if it exists, has not expired and its user is still
     *     active; with the user's role as stored now, so a role an ADMIN changed applies at once
     */
    Optional<Session> current(Context ctx) {
        String token = ctx.cookie(COOKIE);
        if (token == null) {
            return Optional.empty();
        }
        Session session = sessions.get(token);
        Instant now = clock.instant();
        if (session == null || now.isAfter(session.expiresAt())) {
            sessions.remove(token);
            return Optional.empty();
        }
        Optional<Role> role = engine.users().roleOf(session.user());
        if (role.isEmpty()) { // disabled since the login
            sessions.remove(token);
            return Optional.empty();
        }
        Session renewed = new Session(session.user(), role.get(), session.csrf(), now.plus(IDLE));
        sessions.put(token, renewed);
        return Optional.of(renewed);
    }

    /** @return the login names locked out now, for the users page */
    List<LoginThrottle.Lockout> lockouts() {
        return throttle.lockouts();
    }

    /**
     * Lifts a lockout; the caller has audited it.
     *
     * @return whether the name was locked out
     */
    boolean unlock(String name) {
        return throttle.unlock(name);
    }

    private static boolean csrfOk(Context ctx, Session session) {
        String sent = ctx.formParam("csrf");
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(Context ctx, Session session, String why) {
        LOG.warn("refused {} {} to user '{}': {}", ctx.method(), LogSafe.of(ctx.path()), LogSafe.of(session.user()),
                LogSafe.of(why));
        ctx.status(HttpStatus.FORBIDDEN).html(Html.page("Forbidden", session, "<p>" + Html.escape(why) + "</p>"));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
