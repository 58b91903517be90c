package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.RiskEngine;
import io.tollgate.review.AuditEntry;
import io.tollgate.review.AuditQuery;
import io.tollgate.review.Role;
import io.tollgate.review.User;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserPagesTest {
    private static final String NEW_PASSWORD = "a new user's passphrase";
    private static final Pattern TOKEN = Pattern.compile("tg_[A-Za-z0-9_-]{43}");

    @TempDir
    Path folder;
    private RiskEngine engine;
    private ConsoleServer server;
    private ConsoleClient client;
    private ConsoleClient.Login ada;

    @BeforeEach
    void start() throws Exception {
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules")).build();
        engine.users().add("ada", Role.ADMIN, ConsoleClient.PASSWORD.toCharArray());
        engine.users().add("rita", Role.REVIEWER, ConsoleClient.PASSWORD.toCharArray());
        engine.users().add("anna", Role.ANALYST, ConsoleClient.PASSWORD.toCharArray());
        server = ConsoleServer.start(engine, "127.0.0.1", 0);
        client = new ConsoleClient(server);
        ada = client.login("ada");
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private List<AuditEntry> trail() {
        return engine.auditTrail().search(AuditQuery.newest(50)).entries();
    }

    private User user(String name) {
        return engine.users().list().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void users_admin_listsUsersWithRoleDatesAndStatus_andTokensWithoutSecrets() throws Exception {
        String secret = engine.apiTokens().issue("gateway", "ada");

        HttpResponse<String> page = client.get("/users", ada.cookie());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<td>ada</td><td>ADMIN</td>", "<td>rita</td><td>REVIEWER</td>",
                "<td>anna</td><td>ANALYST</td>", "+08:00", "active", "(you)", "action=\"/users/rita/disable\"",
                "<td>gateway</td><td>ada</td>", "action=\"/tokens/gateway/revoke\"")
                .doesNotContain(secret, "pbkdf2", "action=\"/users/ada/disable\"");
    }

    @Test
    void addUser_admin_addsWhoCanLogIn_audited_passwordNeverEchoed() throws Exception {
        HttpResponse<String> added = client.post("/users", ada,
                Map.of("name", "carl", "role", "ANALYST", "password", NEW_PASSWORD));

        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        assertThat(added.body()).doesNotContain(NEW_PASSWORD);
        assertThat(client.get("/users", ada.cookie()).body()).contains("<td>carl</td><td>ANALYST</td>")
                .doesNotContain(NEW_PASSWORD);
        assertThat(client.get("/rules", client.login("carl", NEW_PASSWORD).cookie()).statusCode()).isEqualTo(200);
        assertThat(trail()).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("ada");
            assertThat(entry.action()).isEqualTo("USER_ADD");
            assertThat(entry.detail()).isEqualTo("user 'carl' added as ANALYST");
        });
    }

    @Test
    void addUser_shortPasswordOrTakenName_is400_passwordNotEchoed_nothingAdded() throws Exception {
        HttpResponse<String> shortPassword = client.post("/users", ada,
                Map.of("name", "carl", "role", "ANALYST", "password", "elevenchars"));
        HttpResponse<String> taken = client.post("/users", ada,
                Map.of("name", "rita", "role", "ADMIN", "password", NEW_PASSWORD));
        HttpResponse<String> badRole = client.post("/users", ada,
                Map.of("name", "carl", "role", "ROOT", "password", NEW_PASSWORD));

        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("at least 12 characters").doesNotContain("elevenchars");
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.body()).contains("exists already").doesNotContain(NEW_PASSWORD);
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.body()).contains("role must be one of").doesNotContain(NEW_PASSWORD);
        assertThat(engine.users().list()).extracting(User::name).containsExactly("ada", "anna", "rita");
        assertThat(user("rita").role()).isEqualTo(Role.REVIEWER);
        assertThat(trail()).isEmpty();
    }

    @Test
    void disable_endsOpenSessionAndLogin_enableRestoresLogin_bothAudited() throws Exception {
        ConsoleClient.Login rita = client.login("rita");
        assertThat(client.get("/cases", rita.cookie()).statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = client.post("/users/rita/disable", ada, Map.of());

        assertThat(disabled.statusCode()).isEqualTo(303);
        HttpResponse<String> openSession = client.get("/cases", rita.cookie());
        assertThat(openSession.statusCode()).isEqualTo(303);
        assertThat(openSession.headers().firstValue("Location")).contains("/login");
        assertThat(client.post("/cases/1/decide", rita, Map.of("status", "FALSE_POSITIVE", "note", "n")).statusCode())
                .isEqualTo(401);
        assertThat(client.post("/login", (String) null, Map.of("name", "rita", "password", ConsoleClient.PASSWORD))
                .statusCode()).isEqualTo(401);
        assertThat(client.get("/users", ada.cookie()).body()).contains("disabled since", "action=\"/users/rita/enable\"");

        assertThat(client.post("/users/rita/enable", ada, Map.of()).statusCode()).isEqualTo(303);

        assertThat(client.get("/cases", client.login("rita").cookie()).statusCode()).isEqualTo(200);
        assertThat(trail()).extracting(AuditEntry::action).containsExactly("USER_ENABLE", "USER_DISABLE");
        assertThat(trail()).allSatisfy(entry -> assertThat(entry.actor()).isEqualTo("ada"));
    }

    @Test
    void changeRole_appliesToTheOpenSessionAtOnce_audited() throws Exception {
        ConsoleClient.Login anna = client.login("anna");
        assertThat(client.get("/rules", anna.cookie()).statusCode()).isEqualTo(200);

        assertThat(client.post("/users/anna/role", ada, Map.of("role", "REVIEWER")).statusCode()).isEqualTo(303);

        assertThat(client.get("/rules", anna.cookie()).statusCode()).isEqualTo(403);
        assertThat(user("anna").role()).isEqualTo(Role.REVIEWER);
        assertThat(trail()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("USER_ROLE");
            assertThat(entry.detail()).isEqualTo("user 'anna' role ANALYST -> REVIEWER");
        });
    }

    @Test
    void admin_cannotDisableOrDemoteThemselves_orTheLastAdmin() throws Exception {
        HttpResponse<String> disableSelf = client.post("/users/ada/disable", ada, Map.of());
        HttpResponse<String> demoteSelf = client.post("/users/ada/role", ada, Map.of("role", "ANALYST"));

        assertThat(disableSelf.statusCode()).isEqualTo(400);
        assertThat(disableSelf.body()).contains("cannot disable themselves");
        assertThat(demoteSelf.statusCode()).isEqualTo(400);
        assertThat(demoteSelf.body()).contains("cannot change their own role");
        assertThat(user("ada").active()).isTrue();
        assertThat(user("ada").role()).isEqualTo(Role.ADMIN);
        assertThat(trail()).isEmpty();
    }

    @Test
    void issueToken_showsTheSecretOnceUncached_revokeStopsIt_bothAudited() throws Exception {
        HttpResponse<String> issued = client.post("/tokens", ada, Map.of("name", "gateway-1"));

        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Cache-Control")).contains("no-store");
        Matcher secret = TOKEN.matcher(issued.body());
        assertThat(secret.find()).isTrue();
        assertThat(engine.apiTokens().verify(secret.group())).contains("gateway-1");
        assertThat(client.get("/users", ada.cookie()).body()).contains("<td>gateway-1</td>")
                .doesNotContain(secret.group());

        assertThat(client.post("/tokens/gateway-1/revoke", ada, Map.of()).statusCode()).isEqualTo(303);

        assertThat(engine.apiTokens().verify(secret.group())).isEmpty();
        assertThat(client.get("/users", ada.cookie()).body()).contains("revoked ");
        assertThat(trail()).extracting(AuditEntry::action).containsExactly("TOKEN_REVOKE", "TOKEN_ISSUE");
        assertThat(trail()).allSatisfy(entry -> assertThat(entry.actor()).isEqualTo("ada"));
    }

    @Test
    void adminActions_withoutOrWithWrongCsrf_are403AndChangeNothing() throws Exception {
        HttpResponse<String> add = client.post("/users", ada.cookie(),
                Map.of("name", "carl", "role", "ADMIN", "password", NEW_PASSWORD));
        HttpResponse<String> disable = client.post("/users/rita/disable", ada.cookie(), Map.of("csrf", "forged"));
        HttpResponse<String> role = client.post("/users/rita/role", ada.cookie(), Map.of("role", "ADMIN"));
        HttpResponse<String> token = client.post("/tokens", ada.cookie(), Map.of("name", "gateway"));

        assertThat(List.of(add, disable, role, token)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("CSRF").doesNotContain(NEW_PASSWORD);
        });
        assertThat(engine.users().list()).extracting(User::name).containsExactly("ada", "anna", "rita");
        assertThat(user("rita").active()).isTrue();
        assertThat(user("rita").role()).isEqualTo(Role.REVIEWER);
        assertThat(engine.apiTokens().list()).isEmpty();
        assertThat(trail()).isEmpty();
    }
}
