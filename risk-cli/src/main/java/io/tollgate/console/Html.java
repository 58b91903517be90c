package io.tollgate.console;

import io.tollgate.review.Role;
import java.util.List;
import java.util.Set;

/**
 * The console's pages as HTML strings; every value from data is escaped, every number masked. No
 * inline script or style: the look is {@code console.css}, which the Content-Security-Policy allows
 * alone. Stateless.
 */
final class Html {
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
                + " - Tollgate</title><link rel=\"stylesheet\" href=\"" + ConsoleServer.STYLESHEET + "\"></head><body>"
                + nav(session) + "<h1>" + escape(title) + "</h1>" + body + "</body></html>";
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
}
