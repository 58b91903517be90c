package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.RiskEngine;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.review.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every test only reads: one engine and server serve them all (users' slow password hashes made once). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPageTest {
    private static final String NUMBER = "13800138000";
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path folder;
    private RiskEngine engine;
    private ConsoleServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> cookies = new HashMap<>();

    @BeforeAll
    void start() {
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules")).build();
        engine.check(ChargeRequest.builder().requestId("R-1").msisdn(NUMBER).merchantId("M1001")
                .productId("P1001-01").amountFen(500).billingType(BillingType.PER_USE).chargeKind(ChargeKind.INITIAL)
                .payMode(PayMode.SMS_OTP).deviceId("farm-device-1").otpLatencyMs(1_000L).build());
        engine.users().add("rita", Role.REVIEWER, PASSWORD.toCharArray());
        engine.users().add("anna", Role.ANALYST, PASSWORD.toCharArray());
        engine.users().add("adam", Role.ADMIN, PASSWORD.toCharArray());
        server = ConsoleServer.start(engine, "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        server.close();
        engine.close();
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the user's session cookie; one login per user for the whole class */
    private String login(String name) throws Exception {
        String cookie = cookies.get(name);
        if (cookie == null) {
            cookie = newLogin(name);
            cookies.put(name, cookie);
        }
        return cookie;
    }

    private String newLogin(String name) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + name + "&password="
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void dashboard_everyRole_seesFourChartsWithoutNumbers() throws Exception {
        for (String user : new String[] {"rita", "anna", "adam"}) {
            HttpResponse<String> page = get("/dashboard", login(user));

            assertThat(page.statusCode()).as(user).isEqualTo(200);
            assertThat(page.body()).as(user).contains("Decisions per hour by outcome", "Top rules by hits",
                            "Merchants by complaint rate", "Open cases by age", "FRAUD-OTP-FAST",
                            "CMP-MERCHANT-RATE in complaints.drl")
                    .doesNotContain(NUMBER, "138****8000");
            assertThat(page.body().split("<svg ", -1)).as(user).hasSize(5);
        }
    }

    @Test
    void dashboard_countsTheBlockOfThisHour() throws Exception {
        String body = get("/dashboard", login("anna")).body();

        assertThat(body).contains("fill=\"#c0392b\" data-value=\"1\"");   // one BLOCK this hour
        assertThat(body).contains("<th>opened &lt;1h ago</th><td>1</td><td>0</td>"); // its case, open, under an hour old
    }

    @Test
    void dashboard_withoutLogin_redirectsToLogin() throws Exception {
        HttpResponse<String> response = get("/dashboard", null);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).contains("/login");
    }

    @Test
    void dashboard_badHours_is400NamingTheField() throws Exception {
        HttpResponse<String> response = get("/dashboard?hours=a-week", login("anna"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("hours: a whole number from 1 to 168");
    }

    @Test
    void root_reviewerGoesToQueue_othersToDashboard() throws Exception {
        assertThat(get("/", login("rita")).headers().firstValue("Location")).contains("/cases");
        assertThat(get("/", login("anna")).headers().firstValue("Location")).contains("/dashboard");
        assertThat(get("/", null).headers().firstValue("Location")).contains("/cases");
    }
}
