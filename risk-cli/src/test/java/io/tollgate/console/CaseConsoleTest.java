package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.Decision;
import io.tollgate.RiskEngine;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.replay.SettableClock;
import io.tollgate.review.AuditEntry;
import io.tollgate.review.CaseStatus;
import io.tollgate.review.Role;
import io.tollgate.signals.lists.ListEntry;
import io.tollgate.signals.lists.ListKind;
import io.tollgate.signals.lists.ListSource;
import io.tollgate.store.Database;
import io.tollgate.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The case side of the console over real HTTP: queue filters and pages, a case, reveal, export, contests. */
class CaseConsoleTest {
    private static final String FAST_TYPIST = "13800138000";
    private static final String BIG_SPENDER = "13900139000";
    private static final String LISTED = "13700137000";
    /** Any full mainland mobile number standing alone. */
    private static final Pattern FULL_NUMBER = Pattern.compile("(?<![0-9])1[0-9]{10}(?![0-9])");
    private static final String PASSWORD = ConsoleClient.PASSWORD;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    /** 2026-03-10 12:00 China time. */
    private static final Instant START = Instant.parse("2026-03-10T04:00:00Z");

    @TempDir
    Path folder;
    private final SettableClock clock = new SettableClock(START);
    private RiskEngine engine;
    private ConsoleServer server;
    private long fastFirst;
    private long bigSpend;
    private long fastAgain;
    private final HttpClient http = HttpClient.newHttpClient();
    private ConsoleClient client;

    /**
     * Three cases on three China days from 2026-03-10: a fast OTP (BLOCK) on device farm-1 at
     * M1001, a 50 CNY charge (FLAG) of another number on farm-1 at M2002, the first number's fast
     * OTP again on device farm-2; and on the third day a blacklisted number's BLOCK without a case.
     */
    @BeforeEach
    void start() {
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules")).clock(clock)
                .build();
        fastFirst = caseOf("R-1", charge("R-1", FAST_TYPIST, "farm-1", "M1001", 500, 1_000L), Decision.BLOCK);
        clock.set(START.plus(Duration.ofDays(1)));
        bigSpend = caseOf("R-2", charge("R-2", BIG_SPENDER, "farm-1", "M2002", 5_000, 6_000L), Decision.FLAG);
        clock.set(START.plus(Duration.ofDays(2)));
        fastAgain = caseOf("R-3", charge("R-3", FAST_TYPIST, "farm-2", "M1001", 500, 1_000L), Decision.BLOCK);
        engine.addListEntry(new ListEntry(ListKind.MSISDN, LISTED, ListSource.CARRIER, "carrier fraud list",
                START, null, null));
        assertThat(engine.check(charge("R-4", LISTED, "phone-4", "M1001", 500, 6_000L)).decision()).isEqualTo(Decision.BLOCK);
        assertThat(engine.cases().byRequestId("R-4")).isEmpty();
        engine.users().add("rita", Role.REVIEWER, PASSWORD.toCharArray());
        engine.users().add("anna", Role.ANALYST, PASSWORD.toCharArray());
        engine.users().add("ada", Role.ADMIN, PASSWORD.toCharArray());
        server = ConsoleServer.start(engine, "127.0.0.1", 0);
        client = new ConsoleClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private static ChargeRequest charge(String requestId, String msisdn, String device, String merchant, long amountFen,
            long otpMs) {
        return ChargeRequest.builder().requestId(requestId).msisdn(msisdn).merchantId(merchant).productId("P-01")
                .amountFen(amountFen).billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                .payMode(PayMode.SMS_OTP).deviceId(device).ip("10.0.0.1").otpLatencyMs(otpMs).build();
    }

    private long caseOf(String requestId, ChargeRequest charge, Decision expected) {
        assertThat(engine.check(charge).decision()).isEqualTo(expected);
        return engine.cases().byRequestId(requestId).orElseThrow().caseId();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return client.get(path, cookie);
    }

    private HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
        return client.post(path, cookie, form);
    }

    private HttpResponse<String> api(String path, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String login(String name) throws Exception {
        return client.login(name).cookie();
    }

    private String csrfOf(String cookie) throws Exception {
        Matcher matcher = CSRF.matcher(get("/cases", cookie).body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    /** @return the case ids the queue table links to, in order */
    private static List<Long> queueIds(String html) {
        String table = html.substring(html.indexOf("<th>case</th>"));
        List<Long> ids = new ArrayList<>();
        Matcher matcher = Pattern.compile("<tr><td><a href=\"/cases/([0-9]+)\">").matcher(table);
        while (matcher.find()) {
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }

    private List<Long> queue(String cookie, String query) throws Exception {
        HttpResponse<String> response = get("/cases?" + query, cookie);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContainPattern(FULL_NUMBER);
        return queueIds(response.body());
    }

    /** The audit entries not about one case (exports), read straight from the database. */
    private List<String> auditEntriesWithoutCase() throws Exception {
        try (Connection connection = DriverManager.getConnection(Database.h2FileUrl(folder.resolve("tollgate")),
                "tollgate", "");
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT actor, action, detail FROM audit_entry WHERE case_id IS NULL ORDER BY id")) {
            List<String> entries = new ArrayList<>();
            while (rows.next()) {
                entries.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
            return entries;
        }
    }

    @Test
    void queue_defaultIsOpenCasesByScoreThenOldest() throws Exception {
        assertThat(queue(login("rita"), "")).containsExactlyElementsOf(
                engine.cases().list(CaseStatus.OPEN, 10).stream().map(c -> c.caseId()).toList()).hasSize(3);
    }

    @Test
    void queue_eachFilter_narrowsTheCases() throws Exception {
        String cookie = login("rita");

        assertThat(queue(cookie, "decision=FLAG")).containsExactly(bigSpend);
        assertThat(queue(cookie, "status=ALL&rule=FRAUD-OTP-FAST")).containsExactlyInAnyOrder(fastFirst, fastAgain);
        assertThat(queue(cookie, "merchant=M2002")).containsExactly(bigSpend);
        assertThat(queue(cookie, "from=2026-03-11&to=2026-03-11")).containsExactly(bigSpend);
        assertThat(queue(cookie, "from=2026-03-11")).containsExactlyInAnyOrder(bigSpend, fastAgain);
        assertThat(queue(cookie, "status=ESCALATED")).isEmpty();
        assertThat(queue(cookie, "contested=yes")).isEmpty();
        assertThat(queue(cookie, "contested=no")).hasSize(3);
    }

    @Test
    void queue_countsPerStatus_respectTheOtherFilters() throws Exception {
        String cookie = login("rita");
        post("/cases/" + fastFirst + "/decide", cookie, Map.of("csrf", csrfOf(cookie), "status", "ESCALATED",
                "note", "ask a colleague"));

        String html = get("/cases?decision=BLOCK", cookie).body();

        assertThat(html).contains(">ALL (2)<", ">OPEN (1)<", ">ESCALATED (1)<", ">CONFIRMED_FRAUD (0)<");
    }

    @Test
    void queue_pages_keepTheFilters() throws Exception {
        String cookie = login("rita");

        HttpResponse<String> first = get("/cases?status=ALL&decision=BLOCK&size=1", cookie);
        HttpResponse<String> second = get("/cases?status=ALL&decision=BLOCK&size=1&page=2", cookie);
        HttpResponse<String> third = get("/cases?status=ALL&decision=BLOCK&size=1&page=3", cookie);

        assertThat(queueIds(first.body())).hasSize(1);
        assertThat(first.body()).contains("rel=\"next\" href=\"/cases?status=ALL&amp;decision=BLOCK&amp;size=1&amp;page=2\"")
                .doesNotContain("rel=\"prev\"");
        assertThat(second.body()).contains("rel=\"prev\" href=\"/cases?status=ALL&amp;decision=BLOCK&amp;size=1&amp;page=1\"")
                .doesNotContain("rel=\"next\"");
        assertThat(List.of(queueIds(first.body()).get(0), queueIds(second.body()).get(0)))
                .containsExactlyInAnyOrder(fastFirst, fastAgain);
        assertThat(queueIds(third.body())).isEmpty();
    }

    @Test
    void queue_badFilterValue_is400NamingFieldAndValue() throws Exception {
        String cookie = login("rita");

        for (String[] bad : new String[][] {{"status=SHUT", "status:", "SHUT"}, {"decision=MAYBE", "decision:", "MAYBE"},
            {"from=yesterday", "from:", "yesterday"}, {"to=2026-13-01", "to:", "2026-13-01"},
            {"rule=no%20such", "rule:", "NO SUCH"}, {"contested=perhaps", "contested:", "perhaps"},
            {"page=0", "page:", "0"}, {"size=100000", "size:", "100000"}, {"merchant=x&from=" + FAST_TYPIST, "from:", "138****8000"}}) {
            HttpResponse<String> response = get("/cases?" + bad[0], cookie);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(response.body()).as(bad[0]).contains(bad[1], bad[2]).doesNotContainPattern(FULL_NUMBER);
        }
        assertThat(get("/cases.csv?from=yesterday", cookie).statusCode()).isEqualTo(400);
    }

    @Test
    void casePage_showsSignalsAsTablesAndLinksOtherCasesOfNumberAndDevice() throws Exception {
        String cookie = login("anna");

        HttpResponse<String> response = get("/cases/" + fastFirst, cookie);

        assertThat(response.statusCode()).isEqualTo(200);
        String html = response.body();
        assertThat(html).doesNotContainPattern(FULL_NUMBER).contains("138****8000", "FRAUD-OTP-FAST");
        assertThat(html).contains("<h3>subscriber</h3>", "tenure days", "<th>balance</th>", "arrears days",
                "<h3>complaints</h3>", "complaints 30 days", "<h3>velocity</h3>", "attempts 10m", "<th>spend 10m</th>",
                "<td>5.00 CNY</td>", "numbers on this device in 24 h", "<h3>lists</h3>", "<h3>charge</h3>",
                "OTP latency (ms)");
        String number = html.substring(html.indexOf("Other cases of this number"), html.indexOf("Other cases of this device"));
        String device = html.substring(html.indexOf("Other cases of this device"), html.indexOf("Audit trail"));
        assertThat(number).contains("href=\"/cases/" + fastAgain + "\"").doesNotContain("href=\"/cases/" + bigSpend + "\"");
        assertThat(device).contains("href=\"/cases/" + bigSpend + "\"", "139****9000")
                .doesNotContain("href=\"/cases/" + fastAgain + "\"");
        assertThat(html).as("an analyst may not reveal").doesNotContain("/reveal\"");
    }

    @Test
    void reveal_reviewerWithNote_showsNumberOnceAndAuditsFirst() throws Exception {
        String cookie = login("rita");
        assertThat(get("/cases/" + fastFirst, cookie).body()).contains("action=\"/cases/" + fastFirst + "/reveal\"");

        HttpResponse<String> response = post("/cases/" + fastFirst + "/reveal", cookie,
                Map.of("csrf", csrfOf(cookie), "note", "call the subscriber back"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(FAST_TYPIST);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(engine.auditTrail().ofCase(fastFirst)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("REVEAL_NUMBER");
            assertThat(entry.actor()).isEqualTo("rita");
            assertThat(entry.note()).isEqualTo("call the subscriber back");
        });
        assertThat(get("/cases/" + fastFirst, cookie).body()).doesNotContainPattern(FULL_NUMBER);
    }

    @Test
    void reveal_admin_isAllowed() throws Exception {
        String cookie = login("ada");

        HttpResponse<String> response = post("/cases/" + fastFirst + "/reveal", cookie,
                Map.of("csrf", csrfOf(cookie), "note", "regulator request 2026-17"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(FAST_TYPIST);
        assertThat(engine.auditTrail().ofCase(fastFirst)).extracting(AuditEntry::actor).containsExactly("ada");
    }

    @Test
    void reveal_analyst_is403AndNothingShownOrWritten() throws Exception {
        String cookie = login("anna");

        HttpResponse<String> response = post("/cases/" + fastFirst + "/reveal", cookie,
                Map.of("csrf", csrfOf(cookie), "note", "curious"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContainPattern(FULL_NUMBER);
        assertThat(engine.auditTrail().ofCase(fastFirst)).isEmpty();
    }

    @Test
    void reveal_withoutCsrf_is403() throws Exception {
        String cookie = login("rita");

        HttpResponse<String> response = post("/cases/" + fastFirst + "/reveal", cookie, Map.of("note", "why not"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContainPattern(FULL_NUMBER);
        assertThat(engine.auditTrail().ofCase(fastFirst)).isEmpty();
    }

    @Test
    void reveal_withoutNote_is400() throws Exception {
        String cookie = login("rita");

        HttpResponse<String> response = post("/cases/" + fastFirst + "/reveal", cookie,
                Map.of("csrf", csrfOf(cookie), "note", "  "));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("note").doesNotContainPattern(FULL_NUMBER);
        assertThat(engine.auditTrail().ofCase(fastFirst)).isEmpty();
    }

    @Test
    void exportCsv_everyFilteredCaseNotOnePage_masked_audited() throws Exception {
        String cookie = login("anna");

        HttpResponse<String> all = get("/cases.csv?status=ALL&size=1&page=2", cookie);
        HttpResponse<String> flagged = get("/cases.csv?decision=FLAG", cookie);

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(all.body()).doesNotContainPattern(FULL_NUMBER).contains("138****8000", "139****9000");
        assertThat(all.body().lines()).hasSize(4).first().asString()
                .isEqualTo("case_id,opened_at,status,contested,decision,score,msisdn,device_id,merchant_id,rule_codes,"
                        + "ruleset_version,request_id");
        assertThat(flagged.body().lines()).hasSize(2);
        assertThat(flagged.body().lines().skip(1).findFirst().orElseThrow())
                .startsWith(bigSpend + ",2026-03-11T12:00+08:00,OPEN,no,FLAG,");
        assertThat(auditEntriesWithoutCase()).containsExactly("anna EXPORT_CASES CSV of all cases",
                "anna EXPORT_CASES CSV of status=OPEN decision=FLAG");
    }

    @Test
    void exportCsv_withoutLogin_redirects() throws Exception {
        assertThat(get("/cases.csv", null).statusCode()).isEqualTo(303);
    }

    @Test
    void contest_endToEnd_opensCaseAReviewerOverturnsAndTheNumberIsUnlisted() throws Exception {
        String token = engine.apiTokens().issue("customer-service", "ada");

        HttpResponse<String> first = api("/api/v1/contests", token,
                "{\"request_id\": \"R-4\", \"statement\": \"Not my purchase. Call me on " + LISTED + ".\"}");
        HttpResponse<String> again = api("/api/v1/contests", token, "{\"request_id\": \"R-4\", \"statement\": \"again\"}");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(first.body());
        long caseId = body.get("case_id").asLong();
        assertThat(body.get("status").asText()).isEqualTo("OPEN");
        assertThat(body.get("recorded").asBoolean()).isTrue();
        assertThat(body.get("case_opened").asBoolean()).isTrue();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(again.body()).get("recorded").asBoolean()).isFalse();
        assertThat(Json.mapper().readTree(again.body()).get("case_id").asLong()).isEqualTo(caseId);

        String cookie = login("rita");
        assertThat(queue(cookie, "contested=yes")).containsExactly(caseId);
        assertThat(get("/cases?contested=yes", cookie).body()).contains("CONTESTED");
        String casePage = get("/cases/" + caseId, cookie).body();
        assertThat(casePage).doesNotContainPattern(FULL_NUMBER).contains("Contest", "customer-service",
                "Not my purchase. Call me on 137****7000.", "LIST-MSISDN", "signals the rules saw were not kept");

        HttpResponse<String> decided = post("/cases/" + caseId + "/decide", cookie, Map.of("csrf", csrfOf(cookie),
                "status", "FALSE_POSITIVE", "note", "Subscriber verified by phone", "unlistNumber", "on"));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(303);
        assertThat(engine.cases().byId(caseId).orElseThrow().status()).isEqualTo(CaseStatus.FALSE_POSITIVE);
        assertThat(engine.auditTrail().ofCase(caseId)).extracting(AuditEntry::action).containsExactly("CONTEST", "DECIDE");
        clock.set(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(engine.check(charge("R-5", LISTED, "phone-4", "M1001", 500, 6_000L)).decision())
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void contest_unknownRequest404_notBlocked409_noStatement400_noToken401() throws Exception {
        String token = engine.apiTokens().issue("customer-service", "ada");

        HttpResponse<String> unknown = api("/api/v1/contests", token, "{\"request_id\": \"R-404\", \"statement\": \"x\"}");
        HttpResponse<String> flagged = api("/api/v1/contests", token, "{\"request_id\": \"R-2\", \"statement\": \"x\"}");
        HttpResponse<String> silent = api("/api/v1/contests", token, "{\"request_id\": \"R-4\"}");
        HttpResponse<String> anonymous = api("/api/v1/contests", "tg_wrong", "{\"request_id\": \"R-4\", \"statement\": \"x\"}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(unknown.body()).get("field").asText()).isEqualTo("request_id");
        assertThat(flagged.statusCode()).isEqualTo(409);
        assertThat(flagged.body()).contains("FLAG");
        assertThat(silent.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(silent.body()).get("field").asText()).isEqualTo("statement");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(engine.cases().byRequestId("R-4")).isEmpty();
    }
}
