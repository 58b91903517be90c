package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.review.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every response of the console and the API carries the headers that keep its pages to themselves. */
class SecurityHeadersTest {
    /** Anything a Content-Security-Policy without 'unsafe-inline' would refuse to run or apply. */
    private static final Pattern INLINE = Pattern.compile("<script|<style|\\sstyle=|\\son[a-z]+=|javascript:",
            Pattern.CASE_INSENSITIVE);

    @TempDir
    Path folder;
    private RiskEngine engine;
    private ConsoleServer server;
    private ConsoleClient client;
    private long caseId;

    @BeforeEach
    void start() {
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules")).build();
        RiskVerdict verdict = engine.check(ChargeRequest.builder().requestId("R-1").msisdn("13800138000")
                .merchantId("M1001").productId("P1001-01").amountFen(500).billingType(BillingType.PER_USE)
                .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).deviceId("farm-device-1")
                .otpLatencyMs(1_000L).build());
        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        caseId = engine.cases().byRequestId("R-1").orElseThrow().caseId();
        engine.users().add("rita", Role.REVIEWER, ConsoleClient.PASSWORD.toCharArray());
        engine.users().add("ada", Role.ADMIN, ConsoleClient.PASSWORD.toCharArray());
        server = ConsoleServer.start(engine, "127.0.0.1", 0);
        client = new ConsoleClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private static void assertProtected(String what, HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "style-src 'self'", "form-action 'self'",
                        "frame-ancestors 'none'", "base-uri 'none'").doesNotContain("unsafe"));
        assertThat(response.headers().firstValue("X-Frame-Options")).as(what).contains("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).as(what).contains("no-referrer");
        assertThat(response.headers().firstValue("Cache-Control")).as(what).contains("no-store");
    }

    @Test
    void everyPage_hasTheSecurityHeadersAndNoInlineScriptOrStyle() throws Exception {
        ConsoleClient.Login rita = client.login("rita");
        ConsoleClient.Login ada = client.login("ada");
        Map<String, HttpResponse<String>> pages = new java.util.LinkedHashMap<>();
        pages.put("login page", client.get("/login", null));
        pages.put("redirect to the login", client.get("/cases", null));
        pages.put("queue", client.get("/cases", rita.cookie()));
        pages.put("case", client.get("/cases/" + caseId, rita.cookie()));
        pages.put("export", client.get("/cases.csv", rita.cookie()));
        pages.put("unknown case", client.get("/cases/999", rita.cookie()));
        pages.put("dashboard", client.get("/dashboard", rita.cookie()));
        pages.put("rules", client.get("/rules", ada.cookie()));
        pages.put("audit", client.get("/audit", rita.cookie()));
        pages.put("users", client.get("/users", ada.cookie()));
        pages.put("forbidden", client.get("/users", rita.cookie()));
        pages.put("reveal", client.post("/cases/" + caseId + "/reveal", rita, Map.of("note", "carrier asked")));
        pages.put("no such page", client.get("/nothing-here", rita.cookie()));

        List<String> inline = new ArrayList<>();
        pages.forEach((what, response) -> {
            assertProtected(what, response);
            if (INLINE.matcher(response.body()).find()) {
                inline.add(what);
            }
        });
        assertThat(inline).as("pages with inline script or style").isEmpty();
        assertThat(pages.get("reveal").statusCode()).isEqualTo(200);
        assertThat(pages.get("queue").body())
                .contains("<link rel=\"stylesheet\" href=\"" + ConsoleServer.STYLESHEET + "\">");
    }

    @Test
    void api_responsesHaveTheSecurityHeaders() throws Exception {
        String token = engine.apiTokens().issue("gateway", "ada");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest check = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/check"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"request_id": "R-1", "msisdn": "13800138000", "merchant_id": "M1001", "product_id": "P1001-01",
                         "amount_fen": 500, "billing_type": "PER_USE", "charge_kind": "INITIAL", "pay_mode": "SMS_OTP",
                         "device_id": "farm-device-1", "otp_latency_ms": 1000}""")).build();
        HttpRequest unauthorised = HttpRequest.newBuilder(check.uri()).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        HttpResponse<String> verdict = http.send(check, HttpResponse.BodyHandlers.ofString());

        assertThat(verdict.statusCode()).isEqualTo(200);
        assertProtected("a verdict", verdict);
        assertProtected("a 401", http.send(unauthorised, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void stylesheet_servedFromTheJarAsCss() throws Exception {
        HttpResponse<String> css = client.get(ConsoleServer.STYLESHEET, null);

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/css"));
        assertThat(css.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(css.body()).contains("border-collapse:collapse", "flex:0 1 " + Charts.WIDTH + "px");
    }
}
