package io.tollgate.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tollgate.RiskEngine;
import io.tollgate.RuleStatistics;
import io.tollgate.rules.RuleMeta;
import io.tollgate.rules.RuleRuntime;
import io.tollgate.rules.RuleSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The live rule set for ANALYSTs and ADMINs: its version and when it was loaded, a refused reload if
 * there was one since, and every rule with its metadata and hits since the engine started. Reads
 * only; stateless apart from the engine; thread-safe.
 */
final class RulesPage {
    private static final RuleStatistics.Count NO_HITS = new RuleStatistics.Count(0, 0);

    private final RiskEngine engine;
    private final Sessions sessions;

    private RulesPage(RiskEngine engine, Sessions sessions) {
        this.engine = engine;
        this.sessions = sessions;
    }

    /** Adds the page's route to a server. */
    static void register(Javalin app, RiskEngine engine, Sessions sessions) {
        RulesPage page = new RulesPage(engine, sessions);
        app.get("/rules", page::rules);
    }

    private void rules(Context ctx) {
        Optional<Sessions.Session> session = sessions.page(ctx, Roles.ANALYSTS);
        if (session.isEmpty()) {
            return;
        }
        boolean byHits = "hits".equals(ctx.queryParam("sort"));
        ctx.html(Html.page("Rules", session.get(), body(engine.ruleSet(), engine.ruleStatistics(), byHits)));
    }

    private String body(RuleSet ruleSet, RuleStatistics statistics, boolean byHits) {
        Map<String, RuleStatistics.Count> counts = new TreeMap<>(statistics.byRule());
        StringBuilder html = new StringBuilder("<table>");
        row(html, "version", Html.escape(ruleSet.version()));
        row(html, "loaded", Display.time(engine.rulesLoadedAt()));
        row(html, "rules", ruleSet.rules().size() + " in " + ruleSet.files().size() + " files");
        row(html, "decisions since start", Long.toString(statistics.decisions()));
        row(html, "decisions shadow rules would change", Long.toString(statistics.shadowChangedDecisions()));
        html.append("</table>");
        engine.lastRefusedReload().ifPresent(refusal -> refusal(html, refusal));

        Comparator<RuleMeta> order = Comparator.comparing(RuleMeta::file).thenComparing(RuleMeta::code);
        if (byHits) {
            order = Comparator.<RuleMeta>comparingLong(rule -> total(counts.getOrDefault(rule.code(), NO_HITS)))
                    .reversed().thenComparing(RuleMeta::code);
        }
        List<RuleMeta> rules = ruleSet.rules().stream().sorted(order).toList();
        html.append("<h2>Rules</h2><p>Sorted by ").append(byHits ? "hits since start" : "file, then code")
                .append(" &middot; sort by <a href=\"/rules\">file</a> or <a href=\"/rules?sort=hits\">hits</a></p>")
                .append("<table><tr><th>file</th><th>code</th><th>mode</th><th>score or action</th>"
                        + "<th>reason</th><th>enforced hits</th><th>shadow hits</th></tr>");
        for (RuleMeta rule : rules) {
            RuleStatistics.Count count = counts.getOrDefault(rule.code(), NO_HITS);
            html.append("<tr><td>").append(Html.escape(rule.file())).append(':').append(rule.line())
                    .append("</td><td>").append(Html.escape(rule.code())).append("</td><td>")
                    .append(rule.shadow() ? "shadow" : "enforced").append("</td><td>")
                    .append(rule.action() != null ? rule.action().name() : "+" + rule.points())
                    .append(rule.review() ? " (opens a case)" : "").append("</td><td>")
                    .append(Display.masked(rule.reason())).append("</td><td>").append(count.enforced())
                    .append("</td><td>").append(count.shadow()).append("</td></tr>");
        }
        html.append("</table>");
        // Hits of rules a reload removed are still counted since start; say so rather than drop them.
        ruleSet.rules().forEach(rule -> counts.remove(rule.code()));
        if (!counts.isEmpty()) {
            html.append("<h2>Hits of rules no longer in the set</h2><table><tr><th>code</th><th>enforced hits</th>"
                    + "<th>shadow hits</th></tr>");
            counts.forEach((code, count) -> html.append("<tr><td>").append(Html.escape(code)).append("</td><td>")
                    .append(count.enforced()).append("</td><td>").append(count.shadow()).append("</td></tr>"));
            html.append("</table>");
        }
        return html.toString();
    }

    private static void refusal(StringBuilder html, RuleRuntime.Refusal refusal) {
        html.append("<h2>Refused reload</h2><p role=\"alert\">A reload at ").append(Display.time(refusal.at()))
                .append(" was refused; the version above keeps deciding.</p><pre>");
        refusal.problems().forEach(problem -> html.append(Display.masked(problem)).append('\n'));
        html.append("</pre>");
    }

    private static long total(RuleStatistics.Count count) {
        return count.enforced() + count.shadow();
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(label).append("</th><td>").append(value).append("</td></tr>");
    }
}
