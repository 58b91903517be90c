package io.tollgate.console;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tollgate.Decision;
import io.tollgate.RiskEngine;
import io.tollgate.charge.ChinaTime;
import io.tollgate.dashboard.ComplaintBudget;
import io.tollgate.dashboard.Dashboard;
import io.tollgate.dashboard.DashboardFigures;
import io.tollgate.dashboard.DashboardFigures.AgeBucket;
import io.tollgate.dashboard.DashboardFigures.HourCounts;
import io.tollgate.dashboard.DashboardFigures.MerchantRate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The dashboard, for every logged-in role: decisions per hour by outcome, the top rules by hits,
 * merchants by complaint rate against their budget, and undecided cases by age, as of the engine's
 * clock. Charts are inline SVG ({@link Charts}); no phone number appears on it. Stateless apart from
 * the engine; thread-safe.
 */
final class DashboardPage {
    /** How many merchants the complaint-rate chart draws; the table lists every rated one. */
    static final int MERCHANT_BARS = 12;
    private static final int DEFAULT_HOURS = 24;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00", Locale.ROOT);
    private static final DateTimeFormatter DAY_HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00", Locale.ROOT);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final List<Charts.Series> OUTCOMES = List.of(
            new Charts.Series("ALLOW", "#7fb77e"),
            new Charts.Series("FLAG", "#f2c14e"),
            new Charts.Series("CHALLENGE", "#f08a4b"),
            new Charts.Series("BLOCK", "#c0392b"));
    private static final List<Charts.Series> CASE_STATUSES = List.of(
            new Charts.Series("OPEN", "#4a7fb5"),
            new Charts.Series("ESCALATED", "#9b59b6"));

    private final RiskEngine engine;
    private final Sessions sessions;

    private DashboardPage(RiskEngine engine, Sessions sessions) {
        this.engine = engine;
        this.sessions = sessions;
    }

    /** Adds the page's route to a server. */
    static void register(Javalin app, RiskEngine engine, Sessions sessions) {
        app.get("/dashboard", new DashboardPage(engine, sessions)::show);
    }

    private void show(Context ctx) {
        Optional<Sessions.Session> session = sessions.page(ctx, Roles.ALL);
        if (session.isEmpty()) {
            return;
        }
        int hours = hoursOf(ctx.queryParam("hours"));
        if (hours < 1 || hours > Dashboard.MAX_HOURS) {
            ctx.status(HttpStatus.BAD_REQUEST).html(Html.page("Bad request", session.get(),
                    "<p>hours: a whole number from 1 to " + Dashboard.MAX_HOURS + "</p>"));
            return;
        }
        ctx.html(Html.page("Dashboard", session.get(), body(engine.dashboard(hours), hours)));
    }

    /** @return the hours asked for, the default when none, or -1 when not a number */
    private static int hoursOf(String param) {
        if (param == null || param.isBlank()) {
            return DEFAULT_HOURS;
        }
        try {
            return Integer.parseInt(param.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String body(DashboardFigures figures, int hours) {
        StringBuilder html = new StringBuilder("<p>As of ")
                .append(figures.asOf().atOffset(ChinaTime.ZONE).format(MINUTE))
                .append(" China time (the engine's clock). Decisions and rules over the last ");
        List<String> windows = new ArrayList<>();
        if (hours != 24 && hours != 48) {
            windows.add("<strong>" + hours + " h</strong>");
        }
        for (int choice : new int[] {24, 48}) {
            windows.add(choice == hours ? "<strong>" + choice + " h</strong>"
                    : "<a href=\"/dashboard?hours=" + choice + "\">" + choice + " h</a>");
        }
        html.append(String.join(" | ", windows)).append(".</p><div class=\"charts\">");
        section(html, "Decisions per hour", decisions(figures, hours));
        section(html, "Top rules by hits", topRules(figures, hours));
        section(html, "Merchants by complaint rate", merchants(figures));
        section(html, "Open cases by age", caseAges(figures));
        return html.append("</div>").toString();
    }

    private static void section(StringBuilder html, String heading, String content) {
        // console.css lays the sections out Charts.WIDTH wide.
        html.append("<section><h2>").append(Html.escape(heading))
                .append("</h2>").append(content).append("</section>");
    }

    private static String decisions(DashboardFigures figures, int hours) {
        List<Charts.Column> columns = new ArrayList<>();
        for (HourCounts hour : figures.hours()) {
            long[] values = new long[Decision.values().length];
            for (Decision decision : Decision.values()) {
                values[decision.ordinal()] = hour.counts().get(decision);
            }
            var local = hour.start().atOffset(ChinaTime.ZONE);
            columns.add(new Charts.Column(local.format(HOUR), local.format(DAY_HOUR), values));
        }
        return Charts.stackedColumns("decisions", "Decisions per hour by outcome",
                "Charges decided in each clock hour (China time) of the last " + hours + " hours, stacked by outcome.",
                OUTCOMES, columns, Math.max(1, hours / 8));
    }

    private static String topRules(DashboardFigures figures, int hours) {
        List<Charts.Bar> bars = figures.topRules().stream()
                .map(rule -> new Charts.Bar(rule.code(), rule.hits(), Charts.count(rule.hits()), false))
                .toList();
        return Charts.bars("rules", "Top rules by hits", "The " + bars.size() + " rules that hit the most verdicts"
                + " in the last " + hours + " hours (enforced hits; shadow rules are on the rules page).",
                "verdicts hit", bars, null);
    }

    private static String merchants(DashboardFigures figures) {
        ComplaintBudget budget = figures.budget();
        List<MerchantRate> rated = figures.merchants().stream().filter(MerchantRate::rated).toList();
        long unrated = figures.merchants().size() - rated.size();
        List<Charts.Bar> bars = rated.stream().limit(MERCHANT_BARS)
                .map(merchant -> new Charts.Bar(merchant.merchantId(), merchant.ratePer10k(),
                        rate(merchant.ratePer10k()) + " (" + Charts.count(merchant.complaints30d()) + " / "
                                + Charts.count(merchant.approved30d()) + ")", merchant.overBudget()))
                .toList();
        long over = rated.stream().filter(MerchantRate::overBudget).count();
        String chart = Charts.bars("merchants", "Merchants by complaint rate",
                "Complaints in the last 30 days per 10,000 approved charges, highest first, against the budget of "
                        + rate(budget.ratePer10k()) + "; red bars are over it.",
                "complaints per 10k (complaints / approved)", bars,
                new Charts.Reference(budget.ratePer10k(), "budget " + rate(budget.ratePer10k())));
        return chart + "<p>Budget " + Html.escape(rate(budget.ratePer10k())) + " complaints per 10,000 approved charges, "
                + "rated from " + Charts.count(budget.minApproved()) + " approved charges in 30 days; from "
                + Html.escape(budget.source()) + ". <strong>" + over + "</strong> of " + rated.size()
                + " rated merchants over budget (their new subscriptions are flagged); " + unrated
                + " merchants with fewer approved charges are not rated"
                + (rated.size() > MERCHANT_BARS ? "; the chart shows the " + MERCHANT_BARS + " highest" : "")
                + ".</p>";
    }

    private static String caseAges(DashboardFigures figures) {
        List<Charts.Column> columns = new ArrayList<>();
        for (AgeBucket bucket : figures.caseAges()) {
            columns.add(new Charts.Column(bucket.label(), "opened " + bucket.label() + " ago",
                    new long[] {bucket.open(), bucket.escalated()}));
        }
        return Charts.stackedColumns("cases", "Open cases by age",
                "Cases still awaiting a decision (OPEN or ESCALATED) by the time since the charge opened them.",
                CASE_STATUSES, columns, 1) + "<p><a href=\"/cases\">The queue</a></p>";
    }

    private static String rate(double perTenThousand) {
        return String.format(Locale.ROOT, "%.1f", perTenThousand);
    }
}
