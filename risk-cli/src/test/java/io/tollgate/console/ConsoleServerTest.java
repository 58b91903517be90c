package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.review.CaseStatus;
import io.tollgate.review.Role;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleServerTest {
    private static final String NUMBER = "13800138000";
    private static final String PASSWORD = ConsoleClient.PASSWORD;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path folder;
    private RiskEngine engine;
    private ConsoleServer server;
    private long caseId;
    private ConsoleClient client;

    @BeforeEach
    void start() {
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules")).build();
        RiskVerdict verdict = engine.check(ChargeRequest.builder().requestId("R-1").msisdn(NUMBER)
                .merchantId("M1001").productId("P1001-01").amountFen(500).billingType(BillingType.PER_USE)
                .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).deviceId("farm-device-1")
                .otpLatencyMs(1_000L).build());
        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        caseId = engine.cases().byRequestId("R-1").orElseThrow().caseId();
        engine.users().add("rita", Role.REVIEWER, PASSWORD.toCharArray());
        engine.users().add("anna", Role.ANALYST, PASSWORD.toCharArray());
        server = ConsoleServer.start(engine, "127.0.0.1", 0);
        client = new ConsoleClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
        return client.post(path, cookie, form);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return client.get(path, cookie);
    }

    /** @return the session cookie ({@code name=value}) of a successful login */
    private String login(String name) throws Exception {
        HttpResponse<String> response = post("/login", null, Map.of("name", name, "password", PASSWORD));
        assertThat(response.statusCode()).isEqualTo(303);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private String csrfOf(String cookie) throws Exception {
        Matcher matcher = CSRF.matcher(get("/cases", cookie).body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    void login_rightPassword_setsHttpOnlyStrictCookie() throws Exception {
        HttpResponse<String> response = post("/login", null, Map.of("name", "rita", "password", PASSWORD));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith(Sessions.COOKIE + "=").contains("HttpOnly", "SameSite=Strict"));
    }

    @Test
    void login_wrongPassword_is401WithoutCookie() throws Exception {
        HttpResponse<String> response = post("/login", null, Map.of("name", "rita", "password", "wrong password!"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void cases_withoutLogin_redirectsToLogin() throws Exception {
        HttpResponse<String> response = get("/cases/" + caseId, null);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains("/login");
    }

    @Test
    void queueAndCasePage_showMaskedNumberOnly() throws Exception {
        String cookie = login("rita");

        HttpResponse<String> queue = get("/cases", cookie);
        HttpResponse<String> casePage = get("/cases/" + caseId, cookie);

        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains("138****8000", "FRAUD-OTP-FAST").doesNotContain(NUMBER);
        assertThat(casePage.statusCode()).isEqualTo(200);
        assertThat(casePage.body()).contains("138****8000", "FRAUD-OTP-FAST", "Decide").doesNotContain(NUMBER);
    }

    @Test
    void decide_reviewerWithCsrf_decidesAndAudits() throws Exception {
        String cookie = login("rita");

        HttpResponse<String> response = post("/cases/" + caseId + "/decide", cookie, Map.of("csrf", csrfOf(cookie),
                "status", "CONFIRMED_FRAUD", "note", "Malware pattern", "blacklistNumber", "on"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        assertThat(engine.cases().byId(caseId).orElseThrow().status()).isEqualTo(CaseStatus.CONFIRMED_FRAUD);
        assertThat(get("/cases/" + caseId, cookie).body()).contains("rita", "Malware pattern", "138****8000")
                .doesNotContain(NUMBER);
    }

    @Test
    void decide_withoutCsrf_is403AndChangesNothing() throws Exception {
        String cookie = login("rita");

        HttpResponse<String> response = post("/cases/" + caseId + "/decide", cookie,
                Map.of("status", "FALSE_POSITIVE", "note", "looks fine"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(engine.cases().byId(caseId).orElseThrow().status()).isEqualTo(CaseStatus.OPEN);
    }

    @Test
    void decide_analyst_is403AndChangesNothing() throws Exception {
        String cookie = login("anna");

        HttpResponse<String> response = post("/cases/" + caseId + "/decide", cookie, Map.of("csrf", csrfOf(cookie),
                "status", "FALSE_POSITIVE", "note", "looks fine"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(engine.cases().byId(caseId).orElseThrow().status()).isEqualTo(CaseStatus.OPEN);
        assertThat(get("/cases/" + caseId, cookie).body()).doesNotContain("<h2>Decide</h2>");
    }

    @Test
    void logout_endsSession() throws Exception {
        String cookie = login("rita");

        post("/logout", cookie, Map.of("csrf", csrfOf(cookie)));

        assertThat(get("/cases", cookie).statusCode()).isEqualTo(303);
    }

    @Test
    void logout_withoutCsrf_stillEndsTheServerSession() throws Exception {
        String cookie = login("rita");

        HttpResponse<String> response = post("/logout", cookie, Map.of());

        assertThat(response.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(get("/cases", cookie).statusCode()).as("the old cookie replayed").isEqualTo(303);
    }

    @Test
    void logout_withAWrongCsrf_stillEndsTheServerSession() throws Exception {
        String cookie = login("rita");

        post("/logout", cookie, Map.of("csrf", "not-the-token"));

        assertThat(get("/cases", cookie).statusCode()).isEqualTo(303);
    }

    @Test
    void login_formOverTheBodyLimit_is413AndLogsNoError() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            HttpResponse<String> response = post("/login", null,
                    Map.of("name", "rita", "password", PASSWORD, "padding", "x".repeat(ConsoleServer.MAX_BODY_BYTES)));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(log.text()).doesNotContain("ERROR");
        }
    }

    @Test
    void login_formOfUndeclaredLength_is411() throws Exception {
        byte[] form = ("name=rita&password=" + PASSWORD.replace(' ', '+')).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))).build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void health_withoutLogin_saysTheEngineRecords() throws Exception {
        HttpResponse<String> response = client.get(ConsoleServer.HEALTH, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(response.body()).matches("\\{\"status\":\"RECORDING\",\"reason\":null,\"backlog\":[0-9]+}");
    }
}
