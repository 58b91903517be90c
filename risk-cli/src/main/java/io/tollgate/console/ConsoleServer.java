package io.tollgate.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tollgate.RiskEngine;
import io.tollgate.review.AuditEntry;
import io.tollgate.review.CaseStatus;
import io.tollgate.review.ReviewCase;
import io.tollgate.review.ReviewException;
import io.tollgate.review.Role;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review console in a browser: log in, the case queue, a case (number masked), and decisions by
 * reviewers. Sessions live in memory (a restart logs everyone out) behind an HttpOnly,
 * SameSite=Strict cookie that expires after {@link #SESSION_IDLE} without use; every POST but the
 * login needs the session's CSRF token; roles are checked on the server for every page, and a
 * refusal is a 403 that is logged. Pages are plain HTML built here: nothing is loaded from outside
 * the jar. The same server carries the JSON API ({@link JsonApi}, {@code /api/v1/...}), which takes
 * bearer tokens only and never the session cookie. Thread-safe.
 */
public final class ConsoleServer implements AutoCloseable {
    /** How long a session lives without a request. */
    public static final Duration SESSION_IDLE = Duration.ofMinutes(30);
    static final String COOKIE = "tollgate_session";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RiskEngine engine;
    private final Javalin app;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private record Session(String user, Role role, String csrf, Instant expiresAt) {
    }

    private ConsoleServer(RiskEngine engine) {
        this.engine = engine;
        this.app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/", ctx -> ctx.redirect("/cases", HttpStatus.SEE_OTHER));
        app.get("/login", ctx -> ctx.html(Html.page("Log in", Html.loginForm(null))));
        app.post("/login", this::login);
        app.post("/logout", this::logout);
        app.get("/cases", this::queue);
        app.get("/cases/{id}", this::casePage);
        app.post("/cases/{id}/decide", this::decide);
        // Bearer tokens only, never the session cookie; hence no CSRF token either.
        JsonApi.register(app, engine);
    }

    /**
     * Starts a console.
     *
     * @param engine the engine whose cases it shows; stays open and owned by the caller
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the port, or 0 for any free one
     * @return the running server
     */
    public static ConsoleServer start(RiskEngine engine, String host, int port) {
        ConsoleServer server = new ConsoleServer(engine);
        server.app.start(host, port);
        return server;
    }

    /** @return the port it listens on */
    public int port() {
        return app.port();
    }

    /** Stops serving. */
    @Override
    public void close() {
        app.stop();
    }

    private void login(Context ctx) {
        String name = ctx.formParam("name");
        String password = ctx.formParam("password");
        Optional<Role> role = name == null || password == null ? Optional.empty()
                : engine.users().verify(name, password.toCharArray());
        if (role.isEmpty()) {
            LOG.warn("failed login for user '{}' from {}", name, ctx.ip());
            ctx.status(HttpStatus.UNAUTHORIZED).html(Html.page("Log in", Html.loginForm("Wrong name or password.")));
            return;
        }
        String token = randomToken();
        sessions.put(token, new Session(name, role.get(), randomToken(), Instant.now().plus(SESSION_IDLE)));
        ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict"
                + ("https".equals(ctx.scheme()) ? "; Secure" : ""));
        ctx.redirect("/cases", HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        Optional<Session> session = session(ctx);
        if (session.isPresent() && csrfOk(ctx, session.get())) {
            sessions.remove(ctx.cookie(COOKIE));
        }
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void queue(Context ctx) {
        Optional<Session> session = requireLogin(ctx);
        if (session.isEmpty()) {
            return;
        }
        CaseStatus status;
        try {
            status = CaseStatus.valueOf(ctx.queryParamAsClass("status", String.class).getOrDefault("OPEN"));
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).html(Html.page("Bad request", "<p>status: unknown value</p>"));
            return;
        }
        ctx.html(Html.page("Cases", Html.queue(session.get().user(), session.get().csrf(), status,
                engine.cases().countByStatus(), engine.cases().list(status, 200))));
    }

    private void casePage(Context ctx) {
        Optional<Session> session = requireLogin(ctx);
        if (session.isEmpty()) {
            return;
        }
        Optional<ReviewCase> found = caseOf(ctx);
        if (found.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).html(Html.page("Not found", "<p>No such case.</p>"));
            return;
        }
        java.util.List<AuditEntry> trail = engine.auditTrail().ofCase(found.get().caseId());
        ctx.html(Html.page("Case " + found.get().caseId(), Html.casePage(found.get(), trail,
                session.get().role().decidesCases(), session.get().csrf())));
    }

    private void decide(Context ctx) {
        Optional<Session> session = requireLogin(ctx);
        if (session.isEmpty()) {
            return;
        }
        if (!csrfOk(ctx, session.get())) {
            refuse(ctx, session.get(), "missing or wrong CSRF token");
            return;
        }
        if (!session.get().role().decidesCases()) {
            refuse(ctx, session.get(), "role " + session.get().role() + " may not decide cases");
            return;
        }
        Optional<ReviewCase> found = caseOf(ctx);
        if (found.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).html(Html.page("Not found", "<p>No such case.</p>"));
            return;
        }
        try {
            CaseStatus status = CaseStatus.valueOf(String.valueOf(ctx.formParam("status")));
            engine.caseDecisions().decide(found.get().caseId(), status, ctx.formParam("note"), session.get().user(),
                    ctx.formParam("blacklistNumber") != null, ctx.formParam("blacklistDevice") != null);
        } catch (ReviewException | IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).html(Html.page("Not decided", "<p>" + Html.escape(e.getMessage())
                    + "</p><p><a href=\"/cases/" + found.get().caseId() + "\">Back to the case</a></p>"));
            return;
        }
        ctx.redirect("/cases/" + found.get().caseId(), HttpStatus.SEE_OTHER);
    }

    private Optional<ReviewCase> caseOf(Context ctx) {
        try {
            return engine.cases().byId(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<Session> session(Context ctx) {
        String token = ctx.cookie(COOKIE);
        if (token == null) {
            return Optional.empty();
        }
        Session session = sessions.get(token);
        Instant now = Instant.now();
        if (session == null || now.isAfter(session.expiresAt())) {
            sessions.remove(token);
            return Optional.empty();
        }
        Session renewed = new Session(session.user(), session.role(), session.csrf(), now.plus(SESSION_IDLE));
        sessions.put(token, renewed);
        return Optional.of(renewed);
    }

    private Optional<Session> requireLogin(Context ctx) {
        Optional<Session> session = session(ctx);
        if (session.isEmpty()) {
            if ("GET".equals(ctx.method().name())) {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
            } else {
                ctx.status(HttpStatus.UNAUTHORIZED).result("log in first");
            }
        }
        return session;
    }

    private static boolean csrfOk(Context ctx, Session session) {
        String sent = ctx.formParam("csrf");
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8));
    }

    private static void refuse(Context ctx, Session session, String why) {
        LOG.warn("refused {} {} to user '{}': {}", ctx.method(), ctx.path(), session.user(), why);
        ctx.status(HttpStatus.FORBIDDEN).html(Html.page("Forbidden", "<p>" + Html.escape(why) + "</p>"));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
