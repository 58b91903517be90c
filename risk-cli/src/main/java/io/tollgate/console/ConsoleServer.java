package io.tollgate.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tollgate.RiskEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review console in a browser and the JSON API, on one embedded Javalin server. Each page
 * family registers its own routes and checks access through {@link Sessions} (session cookie, CSRF
 * token on every POST, roles on the server, logged 403s): {@link CasePages} the queue, a case and
 * decisions. Pages are plain HTML built here: nothing is loaded from outside the jar. The JSON API
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
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final Javalin app;

    private ConsoleServer(RiskEngine engine) {
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
        });
        app.before(ConsoleServer::limitBody);
        Sessions sessions = new Sessions(engine);
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
}
