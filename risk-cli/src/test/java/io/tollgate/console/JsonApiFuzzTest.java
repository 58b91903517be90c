package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.RiskEngine;
import io.tollgate.charge.Fields;
import io.tollgate.charge.Msisdn;
import io.tollgate.cli.FuzzedJson;
import io.tollgate.review.Role;
import io.tollgate.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@code POST /api/v1/check} with generated bodies ({@link FuzzedJson}): a body the validator
 * refuses gets a 400 with a JSON error naming the field and never a verdict, one it accepts gets a
 * verdict (or a 409 for a reused request id), a body over the limit gets a 413, nothing else comes
 * back (no 500), no error holds a
 * full phone number or a control character, and every call answers within a bound. A fixed seed
 * and a small count keep the suite fast; more with {@code -Dtollgate.fuzz.api.count=N}.
 */
class JsonApiFuzzTest {
    private static final int COUNT = Integer.getInteger("tollgate.fuzz.api.count", 300);
    private static final long SEED = Long.getLong("tollgate.fuzz.seed", 20_261_127L);
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Pattern CONTROL = Pattern.compile(
            "[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF]");

    @TempDir
    Path folder;

    @Test
    void check_generatedBodies_refusedOnesGet400AndNothingElseBreaks() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant now = Instant.parse("2026-03-10T02:00:00Z"); // 10:00 in China: no night rules
        FuzzedJson bodies = new FuzzedJson(SEED, 60, now);
        Map<String, Integer> answers = new TreeMap<>();
        Set<String> requestIds = new HashSet<>();
        List<String> failures = new ArrayList<>();
        try (RiskEngine engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules"))
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build()) {
            engine.users().add("ada", Role.ADMIN, "correct horse battery".toCharArray());
            String token = engine.apiTokens().issue("gateway", "ada");
            ConsoleServer server = ConsoleServer.start(engine, "127.0.0.1", 0);
            try {
                for (int i = 0; i < COUNT && failures.size() < 20; i++) {
                    String body = bodies.next();
                    FuzzedJson.Expected expected = bodies.expect(body, FuzzedJson.Door.API);
                    boolean reused = !requestIds.add(requestIdOf(body));
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + server.port() + "/api/v1/check"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                            .timeout(BOUND).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode answer = Json.mapper().readTree(response.body());
                    String outcome = response.statusCode() == 200 ? answer.get("decision").asText()
                            : response.statusCode() + " " + (answer.get("field") == null ? "?" : answer.get("field").asText());
                    answers.merge(outcome, 1, Integer::sum);
                    boolean tooLarge = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                            > ConsoleServer.MAX_BODY_BYTES;
                    String problem = tooLarge
                            ? response.statusCode() == 413 ? null : "status " + response.statusCode() + " for a body over the limit"
                            : problem(response.statusCode(), answer, expected, reused);
                    if (problem != null) {
                        failures.add(i + ": " + problem + " for " + shown(body) + " -> " + shown(response.body()));
                    }
                }
            } finally {
                server.close();
            }
        }
        System.out.printf("JsonApiFuzzTest: %d bodies (seed %d): %s; failures %d%n", COUNT, SEED, answers,
                failures.size());
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures (the first 20 at most):\n" + String.join("\n", failures));
        }
        assertThat(answers.keySet()).as("answers").anyMatch(a -> a.startsWith("400"))
                .anyMatch(a -> !a.startsWith("4"));
    }

    /** @return what is wrong with an answer, or null when it is what the body must get */
    private static String problem(int status, JsonNode answer, FuzzedJson.Expected expected, boolean reused) {
        if (status == 200) {
            return expected.decided() ? null : "a verdict for a body refused for " + expected.field();
        }
        if (status == 409) {
            return reused ? null : "409 for a new request id";
        }
        if (status != 400) {
            return "status " + status;
        }
        String error = answer.path("error").asText("");
        if (FuzzedJson.FULL_NUMBER.matcher(error + answer.path("field").asText("")).find()) {
            return "a full number in the error";
        }
        if (CONTROL.matcher(error + answer.path("field").asText("")).find()) {
            return "a control character in the error";
        }
        if (expected.decided()) {
            return "400 for a body the validator accepts";
        }
        JsonNode field = answer.get("field");
        if (expected.field() == null) {
            return field != null && field.isNull() ? null : "field " + field + " for a body that is not an object";
        }
        String named = Msisdn.maskEchoed(Fields.shown(expected.field()));
        if (field == null || !named.equals(field.asText())) {
            return "field " + field + " instead of " + named;
        }
        return error.startsWith(named + ": ") ? null : "error does not start with its field";
    }

    private static String requestIdOf(String body) {
        try {
            JsonNode id = Json.mapper().readTree(body).path("request_id");
            return id.isMissingNode() || id.isNull() ? "" : id.asText().strip();
        } catch (Exception e) {
            return "";
        }
    }

    private static String shown(String text) {
        String cut = text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + ")" : text;
        return cut.replaceAll("\\p{C}", "?");
    }
}
