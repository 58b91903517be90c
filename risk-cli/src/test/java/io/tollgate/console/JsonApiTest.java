package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.RiskEngine;
import io.tollgate.review.Role;
import io.tollgate.store.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonApiTest {
    private static final String NUMBER = "13800138000";
    private static final String PASSWORD = "correct horse battery";
    /** 10:00 in China: no night rules. */
    private static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");

    @TempDir
    Path folder;
    private RiskEngine engine;
    private ConsoleServer server;
    private String token;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        engine.users().add("ada", Role.ADMIN, PASSWORD.toCharArray());
        token = engine.apiTokens().issue("gateway", "ada");
        server = ConsoleServer.start(engine, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private HttpResponse<String> post(String path, String bearer, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String charge(String requestId, String msisdn, long amountFen) {
        return """
                {"request_id": "%s", "msisdn": "%s", "merchant_id": "M1001", "product_id": "P1001-01",
                 "amount_fen": %d, "billing_type": "PER_USE", "charge_kind": "INITIAL", "pay_mode": "SMS_OTP",
                 "device_id": "dev-%s", "otp_latency_ms": 6200}""".formatted(requestId, msisdn, amountFen, requestId);
    }

    private JsonNode check(String body) throws Exception {
        HttpResponse<String> response = post("/api/v1/check", token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static List<String> codes(JsonNode verdict) {
        List<String> codes = new ArrayList<>();
        verdict.get("hits").forEach(hit -> codes.add(hit.get("code").asText()));
        return codes;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return Json.mapper().readTree(response.body());
    }

    @Test
    void check_withoutToken_is401Json() throws Exception {
        HttpResponse<String> response = post("/api/v1/check", null, charge("R-1", NUMBER, 500));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).contains("bearer token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(engine.cases().byRequestId("R-1")).isEmpty();
    }

    @Test
    void check_withUnknownOrRevokedToken_is401() throws Exception {
        assertThat(post("/api/v1/check", "tg_not-a-token", charge("R-1", NUMBER, 500)).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/check", token, charge("R-1", NUMBER, 500)).statusCode()).isEqualTo(200);

        engine.apiTokens().revoke("gateway", "ada");

        HttpResponse<String> response = post("/api/v1/check", token, charge("R-2", NUMBER, 500));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isEqualTo("unknown or revoked API token");
        assertThat(post("/api/v1/outcomes", token, "{\"kind\":\"CARRIER_RESULT\",\"request_id\":\"R-1\",\"success\":false}")
                .statusCode()).isEqualTo(401);
    }

    @Test
    void check_withSessionCookieButNoToken_is401() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=ada&password="
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        HttpResponse<String> response = post("/api/v1/check", null, charge("R-1", NUMBER, 500), "Cookie", cookie);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void check_returnsVerdictJson_andRetryReturnsIdenticalJson() throws Exception {
        HttpResponse<String> first = post("/api/v1/check", token, charge("R-1", NUMBER, 500));
        HttpResponse<String> retry = post("/api/v1/check", token, charge("R-1", NUMBER, 500));

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode verdict = json(first);
        assertThat(verdict.get("request_id").asText()).isEqualTo("R-1");
        assertThat(verdict.get("decision").asText()).isEqualTo("ALLOW");
        assertThat(verdict.get("ruleset_version").asText()).isEqualTo(engine.rulesetVersion());
        assertThat(verdict.fieldNames()).toIterable().containsExactly(
                "request_id", "decision", "score", "hits", "ruleset_version", "decided_at", "case_opened");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        // the same shape as the library's verdict through VerdictJson (which `tollgate check` prints)
        assertThat(verdict).isEqualTo(Json.mapper().valueToTree(VerdictJson.of(
                engine.check(io.tollgate.charge.ChargeRequest.fromColumns(java.util.Map.of(
                        "request_id", "R-1", "msisdn", NUMBER, "merchant_id", "M1001", "product_id", "P1001-01",
                        "amount_fen", "500", "billing_type", "PER_USE", "charge_kind", "INITIAL", "pay_mode", "SMS_OTP",
                        "device_id", "dev-R-1", "otp_latency_ms", "6200"))))));
    }

    @Test
    void check_blockedCharge_hitsCarryTheirMetadata() throws Exception {
        JsonNode verdict = check(charge("R-1", NUMBER, 500).replace("6200", "1000"));

        assertThat(verdict.get("decision").asText()).isEqualTo("BLOCK");
        JsonNode hit = verdict.get("hits").get(0);
        assertThat(hit.fieldNames()).toIterable().containsExactly("code", "points", "action", "reason", "shadow", "review");
        assertThat(codes(verdict)).contains("FRAUD-OTP-FAST");
    }

    @Test
    void check_badMsisdn_is400NamingTheFieldWithTheNumberMasked() throws Exception {
        HttpResponse<String> response = post("/api/v1/check", token, charge("R-1", "23800138000", 500));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.get("field").asText()).isEqualTo("msisdn");
        assertThat(error.get("error").asText()).startsWith("msisdn: ").contains("****");
        assertThat(response.body()).doesNotContain("23800138000");
    }

    @Test
    void check_badJsonOrWrongShape_is400WithNullField() throws Exception {
        HttpResponse<String> broken = post("/api/v1/check", token, "{\"request_id\": \"R-1\",");
        HttpResponse<String> array = post("/api/v1/check", token, "[1, 2]");
        HttpResponse<String> nested = post("/api/v1/check", token, charge("R-1", NUMBER, 500)
                .replace("\"amount_fen\": 500", "\"amount_fen\": {\"cny\": 5}"));
        HttpResponse<String> missing = post("/api/v1/check", token, "{\"request_id\": \"R-1\"}");

        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken).get("error").asText()).startsWith("not valid JSON");
        assertThat(json(broken).get("field").isNull()).isTrue();
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(json(array).get("field").isNull()).isTrue();
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(json(nested).get("field").asText()).isEqualTo("amount_fen");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("field").asText()).isEqualTo("msisdn");
    }

    @Test
    void check_numberGluedToOtherDigitsInWhatThe400Echoes_isMasked() throws Exception {
        HttpResponse<String> token400 = post("/api/v1/check", token, "{\"request_id\": tru913912345678}");
        HttpResponse<String> key400 = post("/api/v1/check", token, "{\"913912345678\": [1]}");
        HttpResponse<String> value400 = post("/api/v1/check", token, charge("R-1", NUMBER, 500)
                .replace("SMS_OTP", "8613912345678"));

        for (HttpResponse<String> response : List.of(token400, key400, value400)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).as(response.body()).doesNotContainPattern("1[3-9][0-9]{9}");
        }
        assertThat(json(key400).get("error").asText()).startsWith("913*****5678: expected a string or a number");
        assertThat(json(value400).get("field").asText()).isEqualTo("pay_mode");
    }

    @Test
    void check_hugeOrControlCharacterKey_isShownShortAndEscaped() throws Exception {
        HttpResponse<String> response = post("/api/v1/check", token,
                "{\"" + "k".repeat(5_000) + "\\u202E\": [1]}");
        HttpResponse<String> bidi = post("/api/v1/check", token, "{\"a\\u202Eb\": [1]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).hasSizeLessThan(200).startsWith("kkkk").contains("…: expected");
        assertThat(bidi.statusCode()).isEqualTo(400);
        assertThat(json(bidi).get("error").asText()).startsWith("a\\u202Eb: expected");
        assertThat(json(bidi).get("field").asText()).isEqualTo("a\\u202Eb");
    }

    @Test
    void check_controlCharacterInAnId_is400NamingTheField() throws Exception {
        HttpResponse<String> response = post("/api/v1/check", token, charge("R-1\\u202E", NUMBER, 500));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("field").asText()).isEqualTo("request_id");
        assertThat(json(response).get("error").asText())
                .isEqualTo("request_id: contains a bidirectional control character U+202E at index 3");
    }

    @Test
    void check_amountOverTheCeiling_is400NamingTheAmount() throws Exception {
        HttpResponse<String> response = post("/api/v1/check", token, charge("R-1", NUMBER, Long.MAX_VALUE));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("field").asText()).isEqualTo("amount_fen");
        assertThat(engine.cases().byRequestId("R-1")).isEmpty();
    }

    @Test
    void check_sameRequestIdWithOtherFields_is409() throws Exception {
        check(charge("R-1", NUMBER, 500));

        HttpResponse<String> response = post("/api/v1/check", token, charge("R-1", NUMBER, 600));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("field").asText()).isEqualTo("request_id");
    }

    @Test
    void outcome_carrierFailure_freesDailySpendForTheNextCheck() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(check(charge("R-" + i, NUMBER, 3000)).get("decision").asText()).isEqualTo("ALLOW");
        }
        JsonNode overCap = check(charge("R-4", NUMBER, 3000));
        assertThat(codes(overCap)).contains("VEL-MSISDN-DAY-CAP");

        HttpResponse<String> reported = post("/api/v1/outcomes", token,
                "{\"kind\": \"CARRIER_RESULT\", \"request_id\": \"R-1\", \"success\": false}");

        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
        assertThat(json(reported).get("recorded").asBoolean()).isTrue();
        JsonNode next = check(charge("R-5", NUMBER, 3000));
        assertThat(codes(next)).doesNotContain("VEL-MSISDN-DAY-CAP");
        assertThat(next.get("decision").asText()).isEqualTo("ALLOW");
    }

    @Test
    void outcome_complaint_blocksTheNextCheckAgainstThatMerchant() throws Exception {
        assertThat(check(charge("R-1", NUMBER, 500)).get("decision").asText()).isEqualTo("ALLOW");

        HttpResponse<String> reported = post("/api/v1/outcomes", token, """
                {"kind": "COMPLAINT", "complaint_id": "C-1", "msisdn": "+86 138 0013 8000", "merchant_id": "M1001",
                 "complaint_kind": "UNAUTHORIZED", "source": "CARRIER"}""");

        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
        JsonNode next = check(charge("R-2", NUMBER, 500));
        assertThat(next.get("decision").asText()).isEqualTo("BLOCK");
        assertThat(codes(next)).contains("CMP-SAME-MERCHANT");
    }

    @Test
    void outcome_badInput_isNamed() throws Exception {
        HttpResponse<String> unknownKind = post("/api/v1/outcomes", token, "{\"kind\": \"PARTY\"}");
        HttpResponse<String> unknownRequest = post("/api/v1/outcomes", token,
                "{\"kind\": \"REFUND\", \"request_id\": \"R-404\", \"amount_fen\": 500}");
        HttpResponse<String> badSuccess = post("/api/v1/outcomes", token,
                "{\"kind\": \"CARRIER_RESULT\", \"request_id\": \"R-1\", \"success\": \"maybe\"}");
        HttpResponse<String> badComplaint = post("/api/v1/outcomes", token,
                "{\"kind\": \"COMPLAINT\", \"complaint_id\": \"C-1\", \"msisdn\": \"" + NUMBER
                        + "\", \"merchant_id\": \"M1001\", \"complaint_kind\": \"ANGRY\", \"source\": \"CARRIER\"}");
        HttpResponse<String> unknownSubscriber = post("/api/v1/outcomes", token,
                "{\"kind\": \"STATUS_CHANGE\", \"msisdn\": \"" + NUMBER + "\", \"status\": \"CLOSED\"}");

        assertThat(unknownKind.statusCode()).isEqualTo(400);
        assertThat(json(unknownKind).get("field").asText()).isEqualTo("kind");
        assertThat(unknownRequest.statusCode()).isEqualTo(404);
        assertThat(json(unknownRequest).get("field").asText()).isEqualTo("request_id");
        assertThat(badSuccess.statusCode()).isEqualTo(400);
        assertThat(json(badSuccess).get("field").asText()).isEqualTo("success");
        assertThat(badComplaint.statusCode()).isEqualTo(400);
        assertThat(json(badComplaint).get("field").asText()).isEqualTo("complaint_kind");
        assertThat(unknownSubscriber.statusCode()).isEqualTo(404);
        assertThat(unknownSubscriber.body()).doesNotContain(NUMBER).contains("138****8000");
    }

    /** A charge padded with spaces to {@code bytes} bytes: valid JSON, just long. */
    private static String paddedCharge(String requestId, int bytes) {
        String charge = charge(requestId, NUMBER, 500);
        return charge + " ".repeat(bytes - charge.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void check_tenMegabyteBody_is413NamingTheLimitAndLogsNoError() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            HttpResponse<String> response = post("/api/v1/check", token, paddedCharge("R-BIG", 10 * 1024 * 1024));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(json(response).get("error").asText()).contains("65536 bytes");
            assertThat(log.text()).doesNotContain("ERROR");
        }
        assertThat(engine.reportCarrierResult("R-BIG", true)).as("never checked").isFalse();
    }

    @Test
    void check_chunkedBodyOverTheLimit_is413() throws Exception {
        byte[] body = paddedCharge("R-BIG", ConsoleServer.MAX_BODY_BYTES + 1).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/check"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).contains("65536 bytes");
    }

    @Test
    void check_bodyAtTheLimit_isDecided() throws Exception {
        HttpResponse<String> response = post("/api/v1/check", token,
                paddedCharge("R-LIMIT", ConsoleServer.MAX_BODY_BYTES));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
