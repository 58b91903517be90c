package io.tollgate.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tollgate.RiskEngine;
import io.tollgate.charge.ChinaTime;
import io.tollgate.review.AuditEntry;
import io.tollgate.review.AuditQuery;
import io.tollgate.review.AuditResults;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The searchable audit log: every entry of the append-only trail, newest first, 50 a page, filtered
 * by actor, action, case, a range of China calendar dates and free text in the note or detail. Every
 * logged-in role may read it (the record is what a compliance auditor checks, whoever they are);
 * every number in it is masked. Reads only; stateless apart from the engine; thread-safe.
 */
final class AuditPage {
    /** Entries per page. */
    static final int PAGE_SIZE = 50;

    private final RiskEngine engine;
    private final Sessions sessions;

    private AuditPage(RiskEngine engine, Sessions sessions) {
        this.engine = engine;
        this.sessions = sessions;
    }

    /** Adds the page's route to a server. */
    static void register(Javalin app, RiskEngine engine, Sessions sessions) {
        AuditPage page = new AuditPage(engine, sessions);
        app.get("/audit", page::audit);
    }

    private void audit(Context ctx) {
        Optional<Sessions.Session> session = sessions.page(ctx, Roles.ALL);
        if (session.isEmpty()) {
            return;
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : List.of("actor", "action", "case", "from", "to", "q")) {
            String value = ctx.queryParam(name);
            filters.put(name, value == null ? "" : value.strip());
        }
        AuditQuery query;
        int page;
        try {
            page = positive("page", ctx.queryParam("page"));
            query = new AuditQuery(filters.get("actor"), filters.get("action"), caseId(filters.get("case")),
                    dayStart("from", filters.get("from"), 0), dayStart("to", filters.get("to"), 1), filters.get("q"),
                    (page - 1) * PAGE_SIZE, PAGE_SIZE);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).html(Html.page("Audit log", session.get(),
                    form(filters, engine.auditTrail().actions()) + "<p role=\"alert\">" + Display.masked(e.getMessage())
                            + "</p>"));
            return;
        }
        AuditResults results = engine.auditTrail().search(query);
        ctx.html(Html.page("Audit log", session.get(),
                form(filters, engine.auditTrail().actions()) + table(results, query, page, filters)));
    }

    private static String form(Map<String, String> filters, List<String> actions) {
        StringBuilder html = new StringBuilder("<form method=\"get\" action=\"/audit\"><p>")
                .append(input("Who", "actor", filters.get("actor"), "text"))
                .append(" <label>What <select name=\"action\"><option value=\"\">any</option>");
        for (String action : actions) {
            html.append("<option").append(action.equals(filters.get("action")) ? " selected" : "").append('>')
                    .append(Html.escape(action)).append("</option>");
        }
        return html.append("</select></label> ")
                .append(input("Case", "case", filters.get("case"), "text")).append(' ')
                .append(input("From (China date)", "from", filters.get("from"), "date")).append(' ')
                .append(input("To", "to", filters.get("to"), "date")).append(' ')
                .append(input("Note or detail contains", "q", filters.get("q"), "search"))
                .append(" <button>Search</button> <a href=\"/audit\">Clear</a></p></form>").toString();
    }

    private static String input(String label, String name, String value, String type) {
        return "<label>" + label + " <input type=\"" + type + "\" name=\"" + name + "\" value=\"" + Display.masked(value)
                + "\"></label>";
    }

    private static String table(AuditResults results, AuditQuery query, int page, Map<String, String> filters) {
        StringBuilder html = new StringBuilder("<p>");
        if (results.total() == 0) {
            html.append("No entries match.");
        } else {
            html.append("Entries ").append(query.offset() + 1).append(" to ")
                    .append(query.offset() + results.entries().size()).append(" of ").append(results.total())
                    .append(", newest first.");
        }
        html.append("</p><table><tr><th>at</th><th>who</th><th>what</th><th>case</th><th>before</th><th>after</th>"
                + "<th>note</th><th>detail</th></tr>");
        for (AuditEntry entry : results.entries()) {
            html.append("<tr><td>").append(Display.time(entry.at())).append("</td><td>")
                    .append(Display.masked(entry.actor())).append("</td><td>").append(Display.masked(entry.action()))
                    .append("</td><td>");
            if (entry.caseId() != null) {
                html.append("<a href=\"/cases/").append(entry.caseId()).append("\">").append(entry.caseId()).append("</a>");
            }
            html.append("</td><td>").append(entry.statusBefore() == null ? "" : entry.statusBefore())
                    .append("</td><td>").append(entry.statusAfter() == null ? "" : entry.statusAfter())
                    .append("</td><td>").append(Display.masked(entry.note())).append("</td><td>")
                    .append(Display.masked(entry.detail())).append("</td></tr>");
        }
        html.append("</table><p>");
        if (page > 1) {
            html.append("<a rel=\"prev\" href=\"").append(link(filters, page - 1)).append("\">Newer</a> ");
        }
        if (query.offset() + results.entries().size() < results.total()) {
            html.append("<a rel=\"next\" href=\"").append(link(filters, page + 1)).append("\">Older</a>");
        }
        return html.append("</p>").toString();
    }

    private static String link(Map<String, String> filters, int page) {
        String query = filters.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return Html.escape("/audit?" + (query.isEmpty() ? "" : query + "&") + "page=" + page);
    }

    private static int positive(String name, String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= 1_000_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new IllegalArgumentException(name + ": must be a page number from 1, got '" + value + "'");
    }

    private static Long caseId(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("case: must be a case id (a number), got '" + value + "'");
        }
    }

    /** @return the start of the China date {@code value} plus {@code days}, or {@code null} when empty */
    private static Instant dayStart(String name, String value, int days) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return ChinaTime.startOf(LocalDate.parse(value).plusDays(days));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }
}
