package io.tollgate.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tollgate.RiskEngine;
import io.tollgate.charge.Msisdn;
import io.tollgate.review.AuditEntry;
import io.tollgate.review.CaseFilter;
import io.tollgate.review.CaseStatus;
import io.tollgate.review.InvalidFilterException;
import io.tollgate.review.ReviewCase;
import io.tollgate.review.ReviewException;
import io.tollgate.review.Role;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The case queue (filters, counts per status, pages), its CSV export, a case, a reviewer's decision
 * on it, and revealing its full number. Stateless apart from the engine; thread-safe.
 *
 * <p>Queue filters (the query string of {@code /cases} and {@code /cases.csv}): {@code status}
 * (default OPEN; {@code ALL} for any), {@code decision}, {@code rule}, {@code merchant},
 * {@code from} and {@code to} (dates, China time, both included), {@code contested} (yes|no);
 * paging {@code page} (from 1) and {@code size} (1 to {@value #MAX_SIZE}, default
 * {@value #DEFAULT_SIZE}). A bad value is a 400 naming the field and the value.
 */
final class CasePages {
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    /** How many other cases of the same number, and of the same device, a case page lists. */
    private static final int OTHERS = 20;
    /** Who may see a full number: the engine's rule, so the console and the command line agree. */
    private static final Set<Role> REVEALERS = Arrays.stream(Role.values()).filter(Role::revealsNumbers)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));

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
        app.get("/cases.csv", pages::export);
        app.get("/cases/{id}", pages::casePage);
        app.post("/cases/{id}/decide", pages::decide);
        app.post("/cases/{id}/reveal", pages::reveal);
    }

    private void queue(Context ctx) {
        Optional<Sessions.Session> session = sessions.page(ctx, Roles.ALL);
        if (session.isEmpty()) {
            return;
        }
        CaseFilter filter;
        int page;
        int size;
        try {
            filter = filterOf(ctx);
            page = number(ctx, "page", 1, 1, Integer.MAX_VALUE);
            size = number(ctx, "size", DEFAULT_SIZE, 1, MAX_SIZE);
        } catch (InvalidFilterException e) {
            badRequest(ctx, session.get(), e.getMessage());
            return;
        }
        List<ReviewCase> cases = engine.cases().find(filter, (long) (page - 1) * size, size + 1);
        boolean hasNext = cases.size() > size;
        CaseHtml.QueuePage shown = new CaseHtml.QueuePage(filter, page, size, hasNext,
                engine.cases().countByStatus(filter), hasNext ? cases.subList(0, size) : cases);
        ctx.html(Html.page("Cases", session.get(), CaseHtml.queue(shown)));
    }

    /** Every case of the filter (not one page), streamed as CSV, numbers masked; written to the audit trail. */
    private void export(Context ctx) throws IOException {
        Optional<Sessions.Session> session = sessions.page(ctx, Roles.ALL);
        if (session.isEmpty()) {
            return;
        }
        CaseFilter filter;
        try {
            filter = filterOf(ctx);
        } catch (InvalidFilterException e) {
            badRequest(ctx, session.get(), e.getMessage());
            return;
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"tollgate-cases.csv\"");
        ctx.header("Cache-Control", "no-store");
        try (Writer writer = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            engine.cases().exportCsv(filter, session.get().user(), writer);
        }
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
        ReviewCase c = found.get();
        List<AuditEntry> trail = engine.auditTrail().ofCase(c.caseId());
        Role role = session.get().role();
        ctx.html(Html.page("Case " + c.caseId(), session.get(), CaseHtml.casePage(new CaseHtml.CaseView(c, trail,
                engine.cases().sameNumber(c, OTHERS), engine.cases().sameDevice(c, OTHERS),
                Roles.REVIEWERS.contains(role), REVEALERS.contains(role), session.get().csrf()))));
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
                    ctx.formParam("blacklistNumber") != null, ctx.formParam("blacklistDevice") != null,
                    ctx.formParam("unlistNumber") != null);
        } catch (ReviewException | IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).html(Html.page("Not decided", session.get(), "<p>"
                    + Html.escape(Msisdn.maskAll(e.getMessage())) + "</p><p><a href=\"/cases/" + found.get().caseId()
                    + "\">Back to the case</a></p>"));
            return;
        }
        ctx.redirect("/cases/" + found.get().caseId(), HttpStatus.SEE_OTHER);
    }

    /** Shows the full number once, to a REVIEWER or ADMIN with a note; the audit entry is written before. */
    private void reveal(Context ctx) {
        Optional<Sessions.Session> session = sessions.action(ctx, REVEALERS, "see full numbers");
        if (session.isEmpty()) {
            return;
        }
        Optional<ReviewCase> found = caseOf(ctx);
        if (found.isEmpty()) {
            notFound(ctx, session.get());
            return;
        }
        String note = ctx.formParam("note");
        if (note == null || note.isBlank()) {
            badRequest(ctx, session.get(), "note: required: say why the full number is needed");
            return;
        }
        String number;
        try {
            number = engine.caseDecisions().revealNumber(found.get().caseId(), note, session.get().user());
        } catch (ReviewException e) {
            badRequest(ctx, session.get(), e.getMessage());
            return;
        }
        ctx.header("Cache-Control", "no-store");
        ctx.html(Html.page("Full number of case " + found.get().caseId(), session.get(),
                CaseHtml.revealed(found.get(), number)));
    }

    private static CaseFilter filterOf(Context ctx) {
        String status = ctx.queryParam("status");
        return CaseFilter.parse(status == null ? CaseStatus.OPEN.name() : status, ctx.queryParam("decision"),
                ctx.queryParam("rule"), ctx.queryParam("merchant"), ctx.queryParam("from"), ctx.queryParam("to"),
                ctx.queryParam("contested"));
    }

    private static int number(Context ctx, String field, int fallback, int min, int max) {
        String value = ctx.queryParam(field);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFilterException(field, "'" + Msisdn.maskAll(value) + "' is not a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max));
    }

    private Optional<ReviewCase> caseOf(Context ctx) {
        try {
            return engine.cases().byId(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void badRequest(Context ctx, Sessions.Session session, String message) {
        ctx.status(HttpStatus.BAD_REQUEST).html(Html.page("Bad request", session,
                "<p role=\"alert\">" + Html.escape(Msisdn.maskAll(message)) + "</p><p><a href=\"/cases\">Back to the queue</a></p>"));
    }

    private static void notFound(Context ctx, Sessions.Session session) {
        ctx.status(HttpStatus.NOT_FOUND).html(Html.page("Not found", session, "<p>No such case.</p>"));
    }
}
