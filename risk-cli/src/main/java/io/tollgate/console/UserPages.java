package io.tollgate.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tollgate.RiskEngine;
import io.tollgate.review.ApiToken;
import io.tollgate.review.ReviewException;
import io.tollgate.review.Role;
import io.tollgate.review.User;
import io.tollgate.review.Users;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Users and API tokens, for ADMINs only: list users, add one, change a role, disable or enable, lift
 * a lockout after failed logins ({@link LoginThrottle}); list
 * tokens, issue one (its secret shown on that one response, never again) and revoke. Every change is
 * audited by the engine in the same transaction; a password is never shown or echoed. Stateless apart
 * from the engine; thread-safe.
 */
final class UserPages {
    private final RiskEngine engine;
    private final Sessions sessions;

    private UserPages(RiskEngine engine, Sessions sessions) {
        this.engine = engine;
        this.sessions = sessions;
    }

    /** Adds the pages' routes to a server. */
    static void register(Javalin app, RiskEngine engine, Sessions sessions) {
        UserPages pages = new UserPages(engine, sessions);
        app.get("/users", pages::list);
        app.post("/users", pages::add);
        app.post("/users/{name}/role", pages::changeRole);
        app.post("/users/{name}/disable", pages::disable);
        app.post("/users/{name}/enable", pages::enable);
        app.post("/users/{name}/unlock", pages::unlock);
        app.post("/tokens", pages::issueToken);
        app.post("/tokens/{name}/revoke", pages::revokeToken);
    }

    private void list(Context ctx) {
        Optional<Sessions.Session> session = sessions.page(ctx, Roles.ADMINS);
        if (session.isEmpty()) {
            return;
        }
        ctx.html(Html.page("Users", session.get(), body(session.get())));
    }

    private void add(Context ctx) {
        Optional<Sessions.Session> session = sessions.action(ctx, Roles.ADMINS, "add users");
        if (session.isEmpty()) {
            return;
        }
        String password = ctx.formParam("password");
        char[] typed = password == null ? new char[0] : password.toCharArray();
        try {
            engine.users().add(ctx.formParam("name"), role(ctx), typed, session.get().user());
        } catch (ReviewException | IllegalArgumentException e) {
            refused(ctx, session.get(), "User not added", e);
            return;
        } finally {
            Arrays.fill(typed, '\0');
        }
        ctx.redirect("/users", HttpStatus.SEE_OTHER);
    }

    private void changeRole(Context ctx) {
        Optional<Sessions.Session> session = sessions.action(ctx, Roles.ADMINS, "change roles");
        if (session.isEmpty()) {
            return;
        }
        try {
            engine.users().changeRole(ctx.pathParam("name"), role(ctx), session.get().user());
        } catch (ReviewException | IllegalArgumentException e) {
            refused(ctx, session.get(), "Role not changed", e);
            return;
        }
        ctx.redirect("/users", HttpStatus.SEE_OTHER);
    }

    private void disable(Context ctx) {
        Optional<Sessions.Session> session = sessions.action(ctx, Roles.ADMINS, "disable users");
        if (session.isEmpty()) {
            return;
        }
        try {
            engine.users().disable(ctx.pathParam("name"), session.get().user());
        } catch (ReviewException e) {
            refused(ctx, session.get(), "User not disabled", e);
            return;
        }
        ctx.redirect("/users", HttpStatus.SEE_OTHER);
    }

    private void enable(Context ctx) {
        Optional<Sessions.Session> session = sessions.action(ctx, Roles.ADMINS, "enable users");
        if (session.isEmpty()) {
            return;
        }
        try {
            engine.users().enable(ctx.pathParam("name"), session.get().user());
        } catch (ReviewException e) {
            refused(ctx, session.get(), "User not enabled", e);
            return;
        }
        ctx.redirect("/users", HttpStatus.SEE_OTHER);
    }

    /** Lifts a lockout after failed logins; audited before it is lifted. */
    private void unlock(Context ctx) {
        Optional<Sessions.Session> session = sessions.action(ctx, Roles.ADMINS, "unlock users");
        if (session.isEmpty()) {
            return;
        }
        String name = ctx.pathParam("name");
        if (sessions.lockouts().stream().noneMatch(lockout -> lockout.name().equals(name))) {
            refused(ctx, session.get(), "User not unlocked",
                    new IllegalArgumentException("user '" + name + "' is not locked out"));
            return;
        }
        try {
            engine.users().recordUnlock(name, session.get().user());
        } catch (ReviewException e) {
            refused(ctx, session.get(), "User not unlocked", e);
            return;
        }
        sessions.unlock(name);
        ctx.redirect("/users", HttpStatus.SEE_OTHER);
    }

    private void issueToken(Context ctx) {
        Optional<Sessions.Session> session = sessions.action(ctx, Roles.ADMINS, "issue API tokens");
        if (session.isEmpty()) {
            return;
        }
        String name = ctx.formParam("name");
        String token;
        try {
            token = engine.apiTokens().issue(name, session.get().user());
        } catch (ReviewException e) {
            refused(ctx, session.get(), "Token not issued", e);
            return;
        }
        // The one response that holds the secret: no cache may keep it.
        ctx.header("Cache-Control", "no-store");
        ctx.html(Html.page("Token issued", session.get(), "<p>The API token <strong>" + Html.escape(name)
                + "</strong> is below. Copy it now: it is shown this once and cannot be read back; only its "
                + "SHA-256 is stored.</p><pre id=\"token\">" + Html.escape(token) + "</pre><p>Callers send it as "
                + "<code>Authorization: Bearer &lt;token&gt;</code>.</p><p><a href=\"/users\">Back to users</a></p>"));
    }

    private void revokeToken(Context ctx) {
        Optional<Sessions.Session> session = sessions.action(ctx, Roles.ADMINS, "revoke API tokens");
        if (session.isEmpty()) {
            return;
        }
        try {
            engine.apiTokens().revoke(ctx.pathParam("name"), session.get().user());
        } catch (ReviewException e) {
            refused(ctx, session.get(), "Token not revoked", e);
            return;
        }
        ctx.redirect("/users", HttpStatus.SEE_OTHER);
    }

    private static Role role(Context ctx) {
        String role = ctx.formParam("role");
        try {
            return Role.valueOf(String.valueOf(role));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be one of REVIEWER, ANALYST, ADMIN");
        }
    }

    private static void refused(Context ctx, Sessions.Session session, String title, RuntimeException e) {
        ctx.status(HttpStatus.BAD_REQUEST).html(Html.page(title, session, "<p role=\"alert\">"
                + Display.masked(e.getMessage()) + "</p><p><a href=\"/users\">Back to users</a></p>"));
    }

    private String body(Sessions.Session session) {
        String csrf = "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(session.csrf()) + "\">";
        StringBuilder html = new StringBuilder("<table><tr><th>name</th><th>role</th><th>added</th><th>status</th>"
                + "<th>change</th></tr>");
        Map<String, Instant> locked = new HashMap<>();
        sessions.lockouts().forEach(lockout -> locked.put(lockout.name(), lockout.until()));
        for (User user : engine.users().list()) {
            String path = "/users/" + Html.escape(user.name());
            html.append("<tr><td>").append(Html.escape(user.name())).append("</td><td>").append(user.role())
                    .append("</td><td>").append(Display.time(user.createdAt())).append("</td><td>")
                    .append(user.active() ? "active" : "disabled since " + Display.time(user.disabledAt()));
            if (locked.containsKey(user.name())) {
                html.append(", <strong>locked out until ").append(Display.time(locked.get(user.name())))
                        .append("</strong> after ").append(LoginThrottle.LOCKOUT_FAILURES).append(" failed logins ")
                        .append("<form method=\"post\" action=\"").append(path).append("/unlock\">").append(csrf)
                        .append("<button>Unlock</button></form>");
            }
            html.append("</td><td>");
            if (user.name().equals(session.user())) {
                html.append("(you)");
            } else {
                html.append("<form method=\"post\" action=\"").append(path).append("/role\">").append(csrf)
                        .append(roleSelect(user.role())).append(" <button>Change role</button></form> ")
                        .append("<form method=\"post\" action=\"").append(path)
                        .append(user.active() ? "/disable\">" : "/enable\">").append(csrf)
                        .append(user.active() ? "<button>Disable</button>" : "<button>Enable</button>")
                        .append("</form>");
            }
            html.append("</td></tr>");
        }
        html.append("</table><h2>Add a user</h2><form method=\"post\" action=\"/users\">").append(csrf)
                .append("<label>Name <input name=\"name\" required pattern=\"[a-z][a-z0-9._-]{1,63}\" "
                        + "autocomplete=\"off\"></label> <label>Role ").append(roleSelect(Role.REVIEWER))
                .append("</label> <label>Initial password <input type=\"password\" name=\"password\" required minlength=\"")
                .append(Users.MIN_PASSWORD_LENGTH).append("\" autocomplete=\"new-password\"></label> <button>Add</button>")
                .append("</form><p>At least ").append(Users.MIN_PASSWORD_LENGTH)
                .append(" characters; only a salted PBKDF2 hash is stored. A disabled user cannot log in and is "
                        + "logged out at once; users are never deleted, so the audit trail keeps its names. ")
                .append(LoginThrottle.LOCKOUT_FAILURES).append(" failed logins of a name lock it out for ")
                .append(LoginThrottle.LOCKOUT.toMinutes()).append(" minutes, unless an ADMIN unlocks it sooner.</p>");

        html.append("<h2>API tokens</h2><table><tr><th>name</th><th>issued by</th><th>issued</th><th>status</th>"
                + "<th>change</th></tr>");
        for (ApiToken token : engine.apiTokens().list()) {
            html.append("<tr><td>").append(Html.escape(token.name())).append("</td><td>")
                    .append(Html.escape(token.createdBy())).append("</td><td>").append(Display.time(token.createdAt()))
                    .append("</td><td>").append(token.active() ? "active" : "revoked " + Display.time(token.revokedAt()))
                    .append("</td><td>");
            if (token.active()) {
                html.append("<form method=\"post\" action=\"/tokens/").append(Html.escape(token.name()))
                        .append("/revoke\">").append(csrf).append("<button>Revoke</button></form>");
            }
            html.append("</td></tr>");
        }
        return html.append("</table><form method=\"post\" action=\"/tokens\">").append(csrf)
                .append("<label>New token for <input name=\"name\" required placeholder=\"gateway-name\"></label> "
                        + "<button>Issue</button></form><p>The secret is shown once, on the next page.</p>")
                .toString();
    }

    private static String roleSelect(Role selected) {
        StringBuilder html = new StringBuilder("<select name=\"role\">");
        for (Role role : Role.values()) {
            html.append("<option").append(role == selected ? " selected" : "").append('>').append(role).append("</option>");
        }
        return html.append("</select>").toString();
    }
}
