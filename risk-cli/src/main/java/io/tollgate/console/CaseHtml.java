package io.tollgate.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.Decision;
import io.tollgate.RuleHit;
import io.tollgate.charge.Msisdn;
import io.tollgate.review.AuditEntry;
import io.tollgate.review.CaseFilter;
import io.tollgate.review.CaseStatus;
import io.tollgate.review.ReviewCase;
import io.tollgate.store.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The case pages' HTML: the queue with its filters, counts and pages, a case with its signals as
 * tables, and a revealed number. Every value from data is escaped and every phone number masked
 * (free text through {@link Msisdn#maskAll}). Stateless.
 */
final class CaseHtml {
    private CaseHtml() {
    }

    /** One page of the queue, as shown. */
    record QueuePage(CaseFilter filter, int page, int size, boolean hasNext, Map<CaseStatus, Long> counts,
            List<ReviewCase> cases) {
    }

    /** @return the query string of a filter with a page; {@code status=ALL} when any status is wanted */
    static String query(CaseFilter filter, Integer page, Integer size) {
        List<String> parts = new ArrayList<>();
        if (filter.status() == null) {
            parts.add("status=ALL");
        }
        for (String[] pair : filter.parameters()) {
            parts.add(pair[0] + "=" + URLEncoder.encode(pair[1], StandardCharsets.UTF_8));
        }
        if (size != null) {
            parts.add("size=" + size);
        }
        if (page != null) {
            parts.add("page=" + page);
        }
        return String.join("&", parts);
    }

    static String queue(QueuePage shown) {
        CaseFilter filter = shown.filter();
        StringBuilder html = new StringBuilder("<p class=\"tabs\">");
        long all = shown.counts().values().stream().mapToLong(Long::longValue).sum();
        tab(html, filter.withStatus(null), filter.status() == null, "ALL", all, shown.size());
        for (CaseStatus status : CaseStatus.values()) {
            tab(html, filter.withStatus(status), status == filter.status(), status.name(), shown.counts().get(status),
                    shown.size());
        }
        html.append("</p>");
        filterForm(html, filter, shown.size());
        html.append("<p><a href=\"/cases.csv?").append(Html.escape(query(filter, null, null)))
                .append("\">Export these cases as CSV</a> (every page; numbers masked)</p>");
        html.append("<table><tr><th>case</th><th>opened (China time)</th><th>status</th><th>decision</th>"
                + "<th>score</th><th>number</th><th>merchant</th><th>rules</th><th>contest</th></tr>");
        for (ReviewCase c : shown.cases()) {
            html.append("<tr><td><a href=\"/cases/").append(c.caseId()).append("\">").append(c.caseId())
                    .append("</a></td><td>").append(time(c.openedAt())).append("</td><td>").append(c.status())
                    .append("</td><td>").append(c.decision()).append("</td><td>").append(c.score())
                    .append("</td><td>").append(c.msisdn().masked()).append("</td><td>").append(text(c.merchantId()))
                    .append("</td><td>").append(text(String.join(" ", c.hits().stream().map(RuleHit::code).toList())))
                    .append("</td><td>").append(c.contested() ? "<strong>CONTESTED</strong>" : "").append("</td></tr>");
        }
        html.append("</table>");
        if (shown.cases().isEmpty()) {
            html.append("<p>No case matches.</p>");
        }
        html.append("<p class=\"pager\">Page ").append(shown.page()).append(" ");
        if (shown.page() > 1) {
            html.append("<a rel=\"prev\" href=\"/cases?").append(Html.escape(query(filter, shown.page() - 1, shown.size())))
                    .append("\">Previous</a> ");
        }
        if (shown.hasNext()) {
            html.append("<a rel=\"next\" href=\"/cases?").append(Html.escape(query(filter, shown.page() + 1, shown.size())))
                    .append("\">Next</a>");
        }
        return html.append("</p>").toString();
    }

    private static void tab(StringBuilder html, CaseFilter filter, boolean current, String label, long count, int size) {
        html.append(current ? "<strong>" : "").append("<a href=\"/cases?").append(Html.escape(query(filter, null, size)))
                .append("\">").append(label).append(" (").append(count).append(")</a>").append(current ? "</strong>" : "")
                .append(" ");
    }

    private static void filterForm(StringBuilder html, CaseFilter filter, int size) {
        html.append("<form method=\"get\" action=\"/cases\" class=\"filters\"><label>Status <select name=\"status\">");
        option(html, "ALL", filter.status() == null);
        for (CaseStatus status : CaseStatus.values()) {
            option(html, status.name(), status == filter.status());
        }
        html.append("</select></label> <label>Decision <select name=\"decision\">");
        option(html, "", filter.decision() == null);
        for (Decision decision : Decision.values()) {
            option(html, decision.name(), decision == filter.decision());
        }
        html.append("</select></label> <label>Rule <input name=\"rule\" size=\"18\" value=\"")
                .append(text(filter.ruleCode())).append("\"></label> <label>Merchant <input name=\"merchant\" size=\"10\" value=\"")
                .append(text(filter.merchantId())).append("\"></label> <label>Opened from <input type=\"date\" name=\"from\" value=\"")
                .append(filter.openedFrom() == null ? "" : filter.openedFrom()).append("\"></label> <label>to <input type=\"date\" name=\"to\" value=\"")
                .append(filter.openedTo() == null ? "" : filter.openedTo()).append("\"></label> (China time, both days included) ")
                .append("<label>Contested <select name=\"contested\">");
        option(html, "", filter.contested() == null);
        option(html, "yes", Boolean.TRUE.equals(filter.contested()));
        option(html, "no", Boolean.FALSE.equals(filter.contested()));
        html.append("</select></label> <label>Per page <input name=\"size\" size=\"4\" value=\"").append(size)
                .append("\"></label> <button>Filter</button></form>");
    }

    private static void option(StringBuilder html, String value, boolean selected) {
        html.append("<option").append(selected ? " selected" : "").append(" value=\"").append(value).append("\">")
                .append(value.isEmpty() ? "any" : value).append("</option>");
    }

    /** What the case page shows besides the case itself. */
    record CaseView(ReviewCase c, List<AuditEntry> trail, List<ReviewCase> sameNumber, List<ReviewCase> sameDevice,
            boolean mayDecide, boolean mayReveal, String csrf) {
    }

    static String casePage(CaseView view) {
        ReviewCase c = view.c();
        StringBuilder html = new StringBuilder("<p><a href=\"/cases\">Back to the queue</a></p><table>");
        row(html, "status", c.status().name() + (c.contested() ? " (contested by the subscriber)" : ""));
        row(html, "request", c.requestId());
        row(html, "opened", time(c.openedAt()));
        row(html, "decision", c.decision() + ", score " + c.score());
        row(html, "number", c.msisdn().masked());
        row(html, "device", c.deviceId() == null ? "-" : c.deviceId());
        row(html, "merchant", c.merchantId());
        row(html, "rule set", c.rulesetVersion());
        html.append("</table>");
        if (c.contested()) {
            html.append("<h2>Contest</h2><table>");
            row(html, "received", time(c.contest().at()));
            row(html, "passed on by", c.contest().by());
            row(html, "statement", c.contest().statement());
            html.append("</table><p>A decision of FALSE_POSITIVE overturns the block; tick \"take the number off the "
                    + "blacklist\" when the block came from a list hit, or its next charge is blocked again.</p>");
        }
        html.append("<h2>Rule hits</h2><table><tr><th>code</th><th>points or action</th><th>reason</th></tr>");
        for (RuleHit hit : c.hits()) {
            html.append("<tr><td>").append(text(hit.code())).append("</td><td>")
                    .append(hit.action() != null ? hit.action().name() : "+" + hit.points())
                    .append(hit.shadow() ? " (shadow)" : "").append("</td><td>").append(text(hit.reason()))
                    .append("</td></tr>");
        }
        html.append("</table><h2>Signals at decision time</h2>").append(signals(c.snapshotJson()));
        others(html, "Other cases of this number (" + c.msisdn().masked() + ")", view.sameNumber());
        if (c.deviceId() != null) {
            others(html, "Other cases of this device (" + c.deviceId() + ")", view.sameDevice());
        }
        html.append("<h2>Audit trail</h2><table><tr><th>at</th><th>who</th><th>what</th><th>before</th>"
                + "<th>after</th><th>note</th><th>detail</th></tr>");
        for (AuditEntry entry : view.trail()) {
            html.append("<tr><td>").append(time(entry.at())).append("</td><td>").append(text(entry.actor()))
                    .append("</td><td>").append(text(entry.action())).append("</td><td>")
                    .append(entry.statusBefore() == null ? "" : entry.statusBefore()).append("</td><td>")
                    .append(entry.statusAfter() == null ? "" : entry.statusAfter()).append("</td><td>")
                    .append(text(entry.note())).append("</td><td>").append(text(entry.detail())).append("</td></tr>");
        }
        html.append("</table>");
        if (view.mayReveal()) {
            html.append("<h2>Reveal the full number</h2><form method=\"post\" action=\"/cases/").append(c.caseId())
                    .append("/reveal\"><input type=\"hidden\" name=\"csrf\" value=\"").append(Html.escape(view.csrf()))
                    .append("\"><label>Why <input name=\"note\" required size=\"40\"></label> "
                            + "<button>Reveal</button> (written to the audit trail first)</form>");
        }
        if (view.mayDecide() && (c.status() == CaseStatus.OPEN || c.status() == CaseStatus.ESCALATED)) {
            html.append("<h2>Decide</h2><form method=\"post\" action=\"/cases/").append(c.caseId())
                    .append("/decide\"><input type=\"hidden\" name=\"csrf\" value=\"").append(Html.escape(view.csrf()))
                    .append("\"><select name=\"status\"><option>CONFIRMED_FRAUD</option><option>FALSE_POSITIVE</option>"
                            + "<option>ESCALATED</option></select> <label>Note <input name=\"note\" required></label> "
                            + "<label><input type=\"checkbox\" name=\"blacklistNumber\"> blacklist the number</label> "
                            + "<label><input type=\"checkbox\" name=\"blacklistDevice\"> blacklist the device</label> "
                            + "<label><input type=\"checkbox\" name=\"unlistNumber\"> take the number off the blacklist "
                            + "(with FALSE_POSITIVE)</label> <button>Decide</button></form>");
        }
        return html.toString();
    }

    private static void others(StringBuilder html, String title, List<ReviewCase> cases) {
        html.append("<h2>").append(text(title)).append("</h2>");
        if (cases.isEmpty()) {
            html.append("<p>None.</p>");
            return;
        }
        html.append("<table class=\"others\"><tr><th>case</th><th>opened</th><th>status</th><th>decision</th>"
                + "<th>score</th><th>number</th><th>merchant</th></tr>");
        for (ReviewCase other : cases) {
            html.append("<tr><td><a href=\"/cases/").append(other.caseId()).append("\">").append(other.caseId())
                    .append("</a></td><td>").append(time(other.openedAt())).append("</td><td>").append(other.status())
                    .append(other.contested() ? " (contested)" : "").append("</td><td>").append(other.decision())
                    .append("</td><td>").append(other.score()).append("</td><td>").append(other.msisdn().masked())
                    .append("</td><td>").append(text(other.merchantId())).append("</td></tr>");
        }
        html.append("</table>");
    }

    /** The facts the rules saw, one table per fact; a fact's nested windows (velocity) as one matrix. */
    static String signals(String snapshotJson) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(snapshotJson);
        } catch (JsonProcessingException e) {
            return "<pre>" + text(snapshotJson) + "</pre>";
        }
        StringBuilder html = new StringBuilder();
        if (root.has("notCaptured")) {
            html.append("<p><em>").append(text(root.get("notCaptured").asText())).append("</em></p>");
        }
        for (Map.Entry<String, JsonNode> section : root.properties()) {
            JsonNode fact = section.getValue();
            if (!fact.isObject()) {
                continue;
            }
            html.append("<h3>").append(text(label(section.getKey()))).append("</h3><table class=\"signals\">");
            List<Map.Entry<String, JsonNode>> nested = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : fact.properties()) {
                if (field.getValue().isObject()) {
                    nested.add(field);
                } else {
                    row(html, label(field.getKey()), value(field.getKey(), field.getValue()));
                }
            }
            html.append("</table>");
            if (!nested.isEmpty()) {
                matrix(html, nested);
            }
        }
        html.append("<details><summary>As JSON</summary><pre>").append(text(snapshotJson)).append("</pre></details>");
        return html.toString();
    }

    private static void matrix(StringBuilder html, List<Map.Entry<String, JsonNode>> rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> row.getValue().fieldNames().forEachRemaining(columns::add));
        html.append("<table class=\"signals\"><tr><th></th>");
        columns.forEach(column -> html.append("<th>").append(text(label(column))).append("</th>"));
        html.append("</tr>");
        for (Map.Entry<String, JsonNode> row : rows) {
            html.append("<tr><th>").append(text(label(row.getKey()))).append("</th>");
            for (String column : columns) {
                JsonNode cell = row.getValue().get(column);
                html.append("<td>").append(cell == null ? "" : text(value(column, cell))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
    }

    /** Names people use for a few fields; the others are spelled out from their names. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("msisdn", "number"), Map.entry("msisdnPrefix", "number segment"),
            Map.entry("msisdnMerchant", "number at this merchant"), Map.entry("ip", "IP"),
            Map.entry("otpLatencyMs", "OTP latency (ms)"), Map.entry("chinaHour", "hour (China time)"),
            Map.entry("deviceMsisdns24h", "numbers on this device in 24 h"),
            Map.entry("ipMsisdns24h", "numbers on this IP in 24 h"), Map.entry("ipMsisdns1h", "numbers on this IP in 1 h"),
            Map.entry("msisdnMerchants10m", "merchants charging this number in 10 min"),
            Map.entry("blockMsisdns24h", "numbers of this block of 100 in 24 h"),
            Map.entry("msisdn30d", "complaints 30 days"), Map.entry("msisdn90d", "complaints 90 days"),
            Map.entry("msisdn365d", "complaints 365 days"), Map.entry("merchantRatePer10k", "merchant complaints per 10k"));

    /** {@code tenureDays} → {@code tenure days}; {@code attempts10m} → {@code attempts 10m}; money keys without "fen". */
    private static String label(String key) {
        if (LABELS.containsKey(key)) {
            return LABELS.get(key);
        }
        if (isMoney(key)) {
            key = key.endsWith("Fen") ? key.substring(0, key.length() - 3) : key;
        }
        return key.replaceAll("([a-z])([A-Z0-9])", "$1 $2").replaceAll("([0-9])([A-Z])", "$1 $2").toLowerCase();
    }

    private static String value(String key, JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            return items.isEmpty() ? "none" : String.join("; ", items);
        }
        if (node.isNull()) {
            return "-";
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "yes" : "no";
        }
        if ("tenureDays".equals(key) && node.asLong() < 0) {
            return "unknown";
        }
        if ("daysSincePorted".equals(key) && node.asLong() < 0) {
            return "never ported";
        }
        if (isMoney(key) && node.isNumber()) {
            long fen = node.asLong();
            return String.format("%s%d.%02d CNY", fen < 0 ? "-" : "", Math.abs(fen) / 100, Math.abs(fen) % 100);
        }
        return node.asText();
    }

    /** Amounts in fen: {@code balanceFen}, velocity's {@code spend10m} and the like. */
    private static boolean isMoney(String key) {
        return key.endsWith("Fen") || key.startsWith("spend");
    }

    private static String text(String value) {
        return Display.masked(value);
    }

    /** Times are shown in China time, the time the filters' dates are in. */
    private static String time(Instant instant) {
        return Display.time(instant);
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(text(label)).append("</th><td>").append(text(value)).append("</td></tr>");
    }

    /** The page that shows a revealed number, once. */
    static String revealed(ReviewCase c, String number) {
        return "<p>The full number of case " + c.caseId() + " is <strong class=\"revealed\">" + Html.escape(number)
                + "</strong>.</p><p>This was written to the audit trail with your note. It is not shown again: "
                + "reveal again (and be recorded again) if you need it later.</p><p><a href=\"/cases/" + c.caseId()
                + "\">Back to the case</a></p>";
    }
}
