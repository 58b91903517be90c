package io.tollgate.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tollgate.EngineHealth;
import io.tollgate.RiskEngine;
import io.tollgate.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review console in a browser and the JSON API, on one embedded Javalin server. Each page
 * family registers its own routes and checks access through {@link Sessions} (session cookie, CSRF
 * token on every POST, roles on the server, logged 403s): {@link CasePages} the queue, a case and
 * decisions. Pages are plain HTML built here, styled by one stylesheet from the jar, without script:
 * nothing is loaded from outside the jar, and every response carries a Content-Security-Policy that
 * says so, with the other security headers ({@link #securityHeaders}). The JSON API
 * ({@link JsonApi}, {@code /api/v1/...}) takes bearer tokens only and never the session cookie.
 * Whatever a caller chose is logged through {@link LogSafe}: numbers masked, one line each.
 * Thread-safe.
 */
public final class ConsoleServer implements AutoCloseable {
    /**
     * The largest request body taken, in bytes: a console form, or one charge, outcome or contest of
     * the JSON API, is a few KB at most. A larger one is a 413, read no further.
     */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Where the engine's {@link EngineHealth} is served, without a login. */
    static final String HEALTH = "/health";
    /** Where the console's one stylesheet is served. */
    static final String STYLESHEET = "/static/console.css";
    /** No script, no plug-in, no frame, no image or font from anywhere; styles and forms of the console's own. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final String CSS = stylesheet();

    private final Javalin app;

    private ConsoleServer(RiskEngine engine, Clock clock) {
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
        });
        app.before(ConsoleServer::securityHeaders);
        app.before(ConsoleServer::limitBody);
        app.get(STYLESHEET, ctx -> ctx.header("Cache-Control", "no-cache").contentType("text/css; charset=utf-8")
                .result(CSS));
        // For a load balancer's or an operator's probe: no login, and nothing but the state and its reason.
        app.get(HEALTH, ctx -> health(ctx, engine.health()));
        Sessions sessions = new Sessions(engine, clock);
        sessions.register(app);
        // Reviewers start at their queue, everyone else at the dashboard; logged out, /cases sends to the login.
        app.get("/", ctx -> ctx.redirect(sessions.current(ctx).map(s -> s.role().decidesCases()).orElse(true)
                ? "/cases" : "/dashboard", HttpStatus.SEE_OTHER));
        CasePages.register(app, engine, sessions);
        DashboardPage.register(app, engine, sessions);
        RulesPage.register(app, engine, sessions);
        AuditPage.register(app, engine, sessions);
        UserPages.register(app, engine, sessions);
        // Bearer tokens only, never the session cookie; hence no CSRF token either.
        JsonApi.register(app, engine);
        // Javalin's own handler would log the exception's message, which may quote the request, as it is.
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {}: internal error: {}", ctx.method(), LogSafe.of(ctx.path()), LogSafe.of(e));
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).result("internal error");
        });
    }

    /** Answers 200 while verdicts are recorded (normally or degraded), 503 while the engine refuses them. */
    private static void health(Context ctx, EngineHealth health) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.status().name());
        body.put("reason", health.reason());
        body.put("backlog", health.backlog());
        ctx.status(health.status() == EngineHealth.Status.REFUSING ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .contentType("application/json").result(Json.write(body));
    }

    /**
     * Sets on every response, pages, errors and API alike: a Content-Security-Policy that runs no
     * script at all and takes styles from {@link #STYLESHEET} alone, forms posted to the console
     * only, and no framing; no MIME sniffing; no Referer (queue and audit links carry filters); and
     * {@code no-store}, since nearly every response shows case data. The stylesheet alone may be cached.
     */
    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    /**
     * Refuses a body declared larger than {@link #MAX_BODY_BYTES} before anything reads it, and a
     * form whose length is not declared (browsers always declare it); the JSON API reads a body of
     * undeclared length itself, up to the limit.
     */
    private static void limitBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        boolean api = ctx.path().startsWith(JsonApi.PATH);
        if (declared > MAX_BODY_BYTES) {
            if (api) {
                JsonApi.tooLarge(ctx);
            } else {
                ctx.status(HttpStatus.CONTENT_TOO_LARGE).result("request body over " + MAX_BODY_BYTES + " bytes");
            }
            ctx.skipRemainingHandlers();
        } else if (declared < 0 && ctx.header("Transfer-Encoding") != null && !api) {
            ctx.status(HttpStatus.LENGTH_REQUIRED)
                    .result("send a Content-Length of at most " + MAX_BODY_BYTES + " bytes");
            ctx.skipRemainingHandlers();
        }
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
        return start(engine, host, port, Clock.systemUTC());
    }

    /**
     * Starts a console whose sessions and login backoffs run on a clock of the caller's, for tests.
     * The engine keeps its own clock for everything else.
     */
    static ConsoleServer start(RiskEngine engine, String host, int port, Clock clock) {
        ConsoleServer server = new ConsoleServer(engine, clock);
        server.app.start(host, port);
        return server;
    }

    private static String stylesheet() {
        try (InputStream in = ConsoleServer.class.getResourceAsStream("console.css")) {
            if (in == null) {
                throw new IllegalStateException("console.css is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console.css from the jar", e);
        }
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
}
