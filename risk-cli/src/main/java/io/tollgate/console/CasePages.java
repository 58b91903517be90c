package io.tollgate.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tollgate.RiskEngine;
import io.tollgate.review.AuditEntry;
import io.tollgate.review.CaseStatus;
import io.tollgate.review.ReviewCase;
import io.tollgate.review.ReviewException;
import java.util.List;
import java.util.Optional;

/** The case queue, a case, and a reviewer's decision on it. Stateless apart from the engine; thread-safe. */
final class CasePages {
    private final RiskEngine engine;
    private final Sessions sessions;

    private CasePages(RiskEngine engine, Sessions sessions) {
        this.engine = engine;
        this.sessions = sessions;
    }

    /** Adds the pages' routes to a server. */
    static void register(Javalin app, RiskEngine engine, Sessions sessions) {
        CasePages pages = new CasePages(engine, sessions);
        app.get("/cases", pages::queue);
        app.get("/cases/{id}", pages::casePage);
        app.post("/cases/{id}/decide", pages::decide);
    }

    private void queue(Context ctx) {
        Optional<Sessions.Session> session = sessions.page(ctx, Roles.ALL);
        if (session.isEmpty()) {
            return;
        }
        CaseStatus status;
        try {
            status = CaseStatus.valueOf(ctx.queryParamAsClass("status", String.class).getOrDefault("OPEN"));
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).html(Html.page("Bad request", session.get(), "<p>status: unknown value</p>"));
            return;
        }
        ctx.html(Html.page("Cases", session.get(),
                Html.queue(status, engine.cases().countByStatus(), engine.cases().list(status, 200))));
    }

    private void casePage(Context ctx) {
        Optional<Sessions.Session> session = sessions.page(ctx, Roles.ALL);
        if (session.isEmpty()) {
            return;
        }
        Optional<ReviewCase> found = caseOf(ctx);
        if (found.isEmpty()) {
            notFound(ctx, session.get());
            return;
        }
        List<AuditEntry> trail = engine.auditTrail().ofCase(found.get().caseId());
        ctx.html(Html.page("Case " + found.get().caseId(), session.get(), Html.casePage(found.get(), trail,
                session.get().role().decidesCases(), session.get().csrf())));
    }

    private void decide(Context ctx) {
        Optional<Sessions.Session> session = sessions.action(ctx, Roles.REVIEWERS, "decide cases");
        if (session.isEmpty()) {
            return;
        }
        Optional<ReviewCase> found = caseOf(ctx);
        if (found.isEmpty()) {
            notFound(ctx, session.get());
            return;
        }
        try {
            CaseStatus status = CaseStatus.valueOf(String.valueOf(ctx.formParam("status")));
            engine.caseDecisions().decide(found.get().caseId(), status, ctx.formParam("note"), session.get().user(),
                    ctx.formParam("blacklistNumber") != null, ctx.formParam("blacklistDevice") != null);
        } catch (ReviewException | IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).html(Html.page("Not decided", session.get(), "<p>"
                    + Html.escape(e.getMessage()) + "</p><p><a href=\"/cases/" + found.get().caseId()
                    + "\">Back to the case</a></p>"));
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

    private static void notFound(Context ctx, Sessions.Session session) {
        ctx.status(HttpStatus.NOT_FOUND).html(Html.page("Not found", session, "<p>No such case.</p>"));
    }
}
