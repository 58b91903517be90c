package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.RiskEngine;
import io.tollgate.review.AuditQuery;
import io.tollgate.review.Role;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each role against each page and action of the rules, audit and user pages. An allowed POST is
 * aimed at a user or token that does not exist, so it is refused by the engine (400) and the
 * server's state stays the same for every row; an allowed GET is 200; a refused one is 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPagesAccessTest {
    private static final int OK = 200;
    private static final int REFUSED = 403;
    /** An ADMIN's allowed action on something that does not exist. */
    private static final int BAD_REQUEST = 400;

    private Path folder;
    private RiskEngine engine;
    private ConsoleServer server;
    private ConsoleClient client;
    private final Map<Role, ConsoleClient.Login> logins = new EnumMap<>(Role.class);

    @BeforeAll
    void start() throws Exception {
        folder = Files.createTempDirectory("tollgate-access");
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules")).build();
        engine.users().add("rita", Role.REVIEWER, ConsoleClient.PASSWORD.toCharArray());
        engine.users().add("anna", Role.ANALYST, ConsoleClient.PASSWORD.toCharArray());
        engine.users().add("ada", Role.ADMIN, ConsoleClient.PASSWORD.toCharArray());
        server = ConsoleServer.start(engine, "127.0.0.1", 0);
        client = new ConsoleClient(server);
        logins.put(Role.REVIEWER, client.login("rita"));
        logins.put(Role.ANALYST, client.login("anna"));
        logins.put(Role.ADMIN, client.login("ada"));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        engine.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    static Stream<Arguments> pages() {
        return Stream.of(
                Arguments.of("/rules", REFUSED, OK, OK),
                Arguments.of("/rules?sort=hits", REFUSED, OK, OK),
                Arguments.of("/audit", OK, OK, OK),
                Arguments.of("/audit?actor=ada&action=USER_ADD", OK, OK, OK),
                Arguments.of("/users", REFUSED, REFUSED, OK));
    }

    static Stream<Arguments> actions() {
        Map<String, String> newUser = Map.of("name", "Not A Valid Name", "role", "ADMIN", "password", "long enough pass");
        return Stream.of(
                Arguments.of("/users", newUser),
                Arguments.of("/users/nobody/role", Map.of("role", "ADMIN")),
                Arguments.of("/users/nobody/disable", Map.of()),
                Arguments.of("/users/nobody/enable", Map.of()),
                Arguments.of("/tokens", Map.of("name", "!")),
                Arguments.of("/tokens/nobody/revoke", Map.of()));
    }

    @ParameterizedTest(name = "GET {0}: REVIEWER {1}, ANALYST {2}, ADMIN {3}")
    @MethodSource("pages")
    void get_eachRole(String path, int reviewer, int analyst, int admin) throws Exception {
        assertThat(client.get(path, logins.get(Role.REVIEWER).cookie()).statusCode()).as("REVIEWER").isEqualTo(reviewer);
        assertThat(client.get(path, logins.get(Role.ANALYST).cookie()).statusCode()).as("ANALYST").isEqualTo(analyst);
        assertThat(client.get(path, logins.get(Role.ADMIN).cookie()).statusCode()).as("ADMIN").isEqualTo(admin);
        HttpResponse<String> anonymous = client.get(path, null);
        assertThat(anonymous.statusCode()).as("anonymous").isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).contains("/login");
    }

    @ParameterizedTest(name = "POST {0}: ADMIN only, with CSRF")
    @MethodSource("actions")
    void post_onlyAdminWithCsrf(String path, Map<String, String> form) throws Exception {
        long entries = engine.auditTrail().search(AuditQuery.newest(1)).total();

        HttpResponse<String> reviewer = client.post(path, logins.get(Role.REVIEWER), form);
        HttpResponse<String> analyst = client.post(path, logins.get(Role.ANALYST), form);
        HttpResponse<String> adminWithoutCsrf = client.post(path, logins.get(Role.ADMIN).cookie(), form);
        HttpResponse<String> anonymous = client.post(path, (String) null, form);
        HttpResponse<String> admin = client.post(path, logins.get(Role.ADMIN), form);

        assertThat(reviewer.statusCode()).as("REVIEWER").isEqualTo(REFUSED);
        assertThat(reviewer.body()).contains("role REVIEWER may not");
        assertThat(analyst.statusCode()).as("ANALYST").isEqualTo(REFUSED);
        assertThat(adminWithoutCsrf.statusCode()).as("ADMIN without CSRF").isEqualTo(REFUSED);
        assertThat(anonymous.statusCode()).as("anonymous").isEqualTo(401);
        assertThat(admin.statusCode()).as("ADMIN: %s", admin.body()).isEqualTo(BAD_REQUEST);
        assertThat(engine.auditTrail().search(AuditQuery.newest(1)).total()).isEqualTo(entries);
        assertThat(engine.users().list()).hasSize(3);
    }
}
