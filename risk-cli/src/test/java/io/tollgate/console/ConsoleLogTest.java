package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.RiskEngine;
import io.tollgate.review.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the console writes to its log about values a caller chose: numbers masked, one line each. */
class ConsoleLogTest {
    private static final String NUMBER = "13912345678";

    @TempDir
    Path folder;
    private RiskEngine engine;
    private ConsoleServer server;
    private ConsoleClient client;

    @BeforeEach
    void start() {
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules")).build();
        engine.users().add("rita", Role.REVIEWER, ConsoleClient.PASSWORD.toCharArray());
        server = ConsoleServer.start(engine, "127.0.0.1", 0);
        client = new ConsoleClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    @Test
    void login_nameIsANumber_loggedMasked() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            HttpResponse<String> response = client.post("/login", (String) null,
                    Map.of("name", NUMBER, "password", "wrong password!"));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(log.text()).contains("failed login", "139****5678").doesNotContain(NUMBER);
        }
    }

    @Test
    void login_nameWithNewlines_cannotForgeALogLine() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            client.post("/login", (String) null, Map.of("name",
                    "rita\r\nWARN io.tollgate.console.Sessions - login of user 'ada'\u2028from 10.0.0.1",
                    "password", "wrong password!"));

            List<String> lines = log.lines();
            assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("WARN io.tollgate.console.Sessions - failed login for user 'rita\\r\\nWARN ")
                    .contains("\\u2028from"));
        }
    }

    @Test
    void refusal_pathWithANumber_loggedMasked() throws Exception {
        ConsoleClient.Login login = client.login("rita");
        try (CapturedLog log = new CapturedLog()) {
            HttpResponse<String> response = client.post("/cases/" + NUMBER + "/decide", login.cookie(),
                    Map.of("status", "FALSE_POSITIVE", "note", "no token"));

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(log.text()).contains("refused POST /cases/139****5678/decide").doesNotContain(NUMBER);
        }
    }
}
