package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser stand-in for console tests: real HTTP to a running {@link ConsoleServer}, cookies by hand. */
final class ConsoleClient {
    /** The password every test user gets. */
    static final String PASSWORD = "correct horse battery";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ConsoleServer server;

    ConsoleClient(ConsoleServer server) {
        this.server = server;
    }

    /** A logged-in user: the session cookie ({@code name=value}) and the session's CSRF token. */
    record Login(String cookie, String csrf) {
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with the login's cookie and CSRF token added to the form. */
    HttpResponse<String> post(String path, Login login, Map<String, String> form) throws Exception {
        Map<String, String> withCsrf = new java.util.LinkedHashMap<>(form);
        withCsrf.put("csrf", login.csrf());
        return post(path, login.cookie(), withCsrf);
    }

    /** Logs in with {@link #PASSWORD}; fails the test unless it works. */
    Login login(String name) throws Exception {
        return login(name, PASSWORD);
    }

    Login login(String name, String password) throws Exception {
        HttpResponse<String> response = post("/login", (String) null, Map.of("name", name, "password", password));
        assertThat(response.statusCode()).as("login of " + name).isEqualTo(303);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        Matcher matcher = CSRF.matcher(get("/audit", cookie).body());
        assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
        return new Login(cookie, matcher.group(1));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
