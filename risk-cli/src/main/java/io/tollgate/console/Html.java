package io.tollgate.console;

import io.tollgate.RuleHit;
import io.tollgate.charge.Msisdn;
import io.tollgate.review.AuditEntry;
import io.tollgate.review.CaseStatus;
import io.tollgate.review.ReviewCase;
import io.tollgate.review.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The console's pages as HTML strings; every value from data is escaped, every number masked. Stateless. */
final class Html {
    private static final String STYLE = "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}pre{background:#f4f4f4;padding:8px}"
            + "nav{border-bottom:1px solid #ccc;padding-bottom:6px}nav a{margin-right:1em}nav form{margin:0}";

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** A link of the navigation bar and the roles that see it (the page itself checks again). */
    private record NavLink(String path, String label, Set<Role> roles) {
    }

    /** Every page of the console; a page checks its own roles on the server, this only hides links. */
    private static final List<NavLink> NAV = List.of(
            new NavLink("/cases", "Cases", Roles.ALL),
            new NavLink("/dashboard", "Dashboard", Roles.ALL),
            new NavLink("/rules", "Rules", Roles.ANALYSTS),
            new NavLink("/audit", "Audit log", Roles.ALL),
            new NavLink("/users", "Users", Roles.ADMINS));

    /**
     * A whole page: navigation for the session's role (none when logged out), a log-out button, the
     * title and the body.
     *
     * @param session the logged-in user, or null on the login page
     */
    static String page(String title, Sessions.Session session, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " - Tollgate</title><style>" + STYLE + "</style></head><body>" + nav(session) + "<h1>" + escape(title)
                + "</h1>" + body + "</body></html>";
    }

    private static String nav(Sessions.Session session) {
        if (session == null) {
            return "";
        }
        StringBuilder html = new StringBuilder("<nav><form method=\"post\" action=\"/logout\">");
        for (NavLink link : NAV) {
            if (link.roles().contains(session.role())) {
                html.append("<a href=\"").append(link.path()).append("\">").append(link.label()).append("</a> ");
            }
        }
        return html.append("| ").append(escape(session.user())).append(" (").append(session.role())
                .append(") <input type=\"hidden\" name=\"csrf\" value=\"").append(escape(session.csrf()))
                .append("\"><button>Log out</button></form></nav>").toString();
    }

    static String loginForm(String problem) {
        return (problem == null ? "" : "<p role=\"alert\">" + escape(problem) + "</p>")
                + "<form method=\"post\" action=\"/login\"><label>Name <input name=\"name\" autocomplete=\"username\">"
                + "</label> <label>Password <input type=\"password\" name=\"password\" "
                + "autocomplete=\"current-password\"></label> <button>Log in</button></form>";
    }

    static String queue(CaseStatus shown, Map<CaseStatus, Long> counts, List<ReviewCase> cases) {
        StringBuilder html = new StringBuilder("<p>");
        for (CaseStatus status : CaseStatus.values()) {
            html.append(status == shown ? "<strong>" : "").append("<a href=\"/cases?status=").append(status).append("\">")
                    .append(status).append(" (").append(counts.get(status)).append(")</a>")
                    .append(status == shown ? "</strong>" : "").append(" ");
        }
        html.append("</p><table><tr><th>case</th><th>opened</th><th>decision</th><th>score</th><th>number</th>"
                + "<th>merchant</th><th>rules</th></tr>");
        for (ReviewCase c : cases) {
            html.append("<tr><td><a href=\"/cases/").append(c.caseId()).append("\">").append(c.caseId())
                    .append("</a></td><td>").append(c.openedAt()).append("</td><td>").append(c.decision())
                    .append("</td><td>").append(c.score()).append("</td><td>").append(c.msisdn().masked())
                    .append("</td><td>").append(escape(c.merchantId())).append("</td><td>")
                    .append(escape(String.join(" ", c.hits().stream().map(RuleHit::code).toList())))
                    .append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    static String casePage(ReviewCase c, List<AuditEntry> trail, boolean mayDecide, String csrf) {
        StringBuilder html = new StringBuilder("<p><a href=\"/cases\">Back to the queue</a></p><table>");
        row(html, "status", c.status().name());
        row(html, "request", c.requestId());
        row(html, "opened", c.openedAt().toString());
        row(html, "decision", c.decision() + ", score " + c.score());
        row(html, "number", c.msisdn().masked());
        row(html, "device", c.deviceId() == null ? "-" : c.deviceId());
        row(html, "merchant", c.merchantId());
        row(html, "rule set", c.rulesetVersion());
        html.append("</table><h2>Rule hits</h2><table><tr><th>code</th><th>points or action</th><th>reason</th></tr>");
        for (RuleHit hit : c.hits()) {
            html.append("<tr><td>").append(escape(hit.code())).append("</td><td>")
                    .append(hit.action() != null ? hit.action().name() : "+" + hit.points())
                    .append(hit.shadow() ? " (shadow)" : "").append("</td><td>").append(escape(hit.reason()))
                    .append("</td></tr>");
        }
        html.append("</table><h2>Signals at decision time</h2><pre>").append(escape(Msisdn.maskAll(c.snapshotJson())))
                .append("</pre><h2>Audit trail</h2><table><tr><th>at</th><th>who</th><th>what</th><th>before</th>"
                        + "<th>after</th><th>note</th><th>detail</th></tr>");
        for (AuditEntry entry : trail) {
            html.append("<tr><td>").append(entry.at()).append("</td><td>").append(escape(entry.actor()))
                    .append("</td><td>").append(escape(entry.action())).append("</td><td>").append(entry.statusBefore())
                    .append("</td><td>").append(entry.statusAfter()).append("</td><td>").append(escape(entry.note()))
                    .append("</td><td>").append(escape(entry.detail())).append("</td></tr>");
        }
        html.append("</table>");
        if (mayDecide && (c.status() == CaseStatus.OPEN || c.status() == CaseStatus.ESCALATED)) {
            html.append("<h2>Decide</h2><form method=\"post\" action=\"/cases/").append(c.caseId())
                    .append("/decide\"><input type=\"hidden\" name=\"csrf\" value=\"").append(escape(csrf))
                    .append("\"><select name=\"status\"><option>CONFIRMED_FRAUD</option><option>FALSE_POSITIVE</option>"
                            + "<option>ESCALATED</option></select> <label>Note <input name=\"note\" required></label> "
                            + "<label><input type=\"checkbox\" name=\"blacklistNumber\"> blacklist the number</label> "
                            + "<label><input type=\"checkbox\" name=\"blacklistDevice\"> blacklist the device</label> "
                            + "<button>Decide</button></form>");
        }
        return html.toString();
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(escape(label)).append("</th><td>").append(escape(value)).append("</td></tr>");
    }
}
