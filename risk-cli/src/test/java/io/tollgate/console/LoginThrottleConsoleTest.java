package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.RiskEngine;
import io.tollgate.replay.SettableClock;
import io.tollgate.review.AuditEntry;
import io.tollgate.review.AuditQuery;
import io.tollgate.review.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guessing passwords at the login form: backoff per name and per address, a lockout an ADMIN lifts. */
class LoginThrottleConsoleTest {
    private static final String WRONG = "wrong password!";

    @TempDir
    Path folder;
    /** The console's clock, held still unless a test moves it: no test waits for a backoff. */
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-10T02:00:00Z"));
    private RiskEngine engine;
    private ConsoleServer server;
    private ConsoleClient client;

    @BeforeEach
    void start() {
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules"))
                .clock(clock).build();
        engine.users().add("rita", Role.REVIEWER, ConsoleClient.PASSWORD.toCharArray());
        engine.users().add("ada", Role.ADMIN, ConsoleClient.PASSWORD.toCharArray());
        server = ConsoleServer.start(engine, "127.0.0.1", 0, clock);
        client = new ConsoleClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private HttpResponse<String> login(String name, String password) throws Exception {
        return client.post("/login", (String) null, Map.of("name", name, "password", password));
    }

    private List<AuditEntry> trail(String action) {
        return engine.auditTrail().search(new AuditQuery(null, action, null, null, null, null, 0, 50)).entries();
    }

    /** Fails logins of a name until it is locked out, waiting out each backoff on the clock. */
    private void lockOut(String name) throws Exception {
        for (int failures = 0; failures < LoginThrottle.LOCKOUT_FAILURES; failures++) {
            clock.set(clock.instant().plus(LoginThrottle.MAX_DELAY));
            assertThat(login(name, WRONG).statusCode()).as("failure %d", failures + 1).isEqualTo(401);
        }
    }

    @Test
    void login_25WrongPasswordsThenTheRightOne_isRefused() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            statuses.add(login("rita", WRONG).statusCode());
        }

        HttpResponse<String> right = login("rita", ConsoleClient.PASSWORD);

        assertThat(statuses.subList(0, LoginThrottle.NAME_FREE_FAILURES + 1)).containsOnly(401);
        assertThat(statuses.subList(LoginThrottle.NAME_FREE_FAILURES + 1, 25)).containsOnly(429);
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(right.headers().firstValue("Retry-After")).contains("1");
        assertThat(right.body()).contains("Too many failed logins");
    }

    @Test
    void login_afterTheBackoff_isAllowedAgain() throws Exception {
        for (int i = 0; i <= LoginThrottle.NAME_FREE_FAILURES; i++) {
            login("rita", WRONG);
        }
        assertThat(login("rita", ConsoleClient.PASSWORD).statusCode()).isEqualTo(429);

        clock.set(clock.instant().plus(LoginThrottle.FIRST_DELAY));

        assertThat(login("rita", ConsoleClient.PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void login_manyNamesFromOneAddress_slowedDownToo() throws Exception {
        for (int i = 0; i < LoginThrottle.ADDRESS_FREE_FAILURES + 1; i++) {
            assertThat(login("guess" + i, WRONG).statusCode()).isEqualTo(401);
        }

        assertThat(login("rita", ConsoleClient.PASSWORD).statusCode()).isEqualTo(429);
    }

    @Test
    void lockout_auditedAndLiftedByAnAdmin_thenTheUserLogsIn() throws Exception {
        lockOut("rita");
        clock.set(clock.instant().plus(LoginThrottle.MAX_DELAY));

        HttpResponse<String> locked = login("rita", ConsoleClient.PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("locked");
        assertThat(trail("LOGIN_LOCKOUT")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("(console)");
            assertThat(entry.detail()).contains("user 'rita'", LoginThrottle.LOCKOUT_FAILURES + " failed logins",
                    "127.0.0.1");
        });

        ConsoleClient.Login ada = client.login("ada");
        assertThat(client.get("/users", ada.cookie()).body()).contains("locked out until");
        HttpResponse<String> unlock = client.post("/users/rita/unlock", ada, Map.of());

        assertThat(unlock.statusCode()).as(unlock.body()).isEqualTo(303);
        assertThat(trail("USER_UNLOCK")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("ada");
            assertThat(entry.detail()).contains("user 'rita'");
        });
        assertThat(login("rita", ConsoleClient.PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void lockout_endsByItselfAfterTheLockoutTime() throws Exception {
        lockOut("rita");

        clock.set(clock.instant().plus(LoginThrottle.LOCKOUT).minusSeconds(1));
        assertThat(login("rita", ConsoleClient.PASSWORD).statusCode()).isEqualTo(429);
        clock.set(clock.instant().plusSeconds(1));
        assertThat(login("rita", ConsoleClient.PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void unlock_byANonAdminOrWithoutCsrf_isRefused() throws Exception {
        lockOut("rita");
        engine.users().add("rex", Role.REVIEWER, ConsoleClient.PASSWORD.toCharArray());
        ConsoleClient.Login rex = client.login("rex");
        ConsoleClient.Login ada = client.login("ada");

        assertThat(client.post("/users/rita/unlock", rex, Map.of()).statusCode()).isEqualTo(403);
        assertThat(client.post("/users/rita/unlock", ada.cookie(), Map.of()).statusCode()).isEqualTo(403);

        assertThat(trail("USER_UNLOCK")).isEmpty();
        assertThat(login("rita", ConsoleClient.PASSWORD).statusCode()).isEqualTo(429);
    }

    @Test
    void unknownName_lockedOutLikeAKnownOne_soLockoutsTellNoNames() throws Exception {
        lockOut("nobody");
        clock.set(clock.instant().plus(LoginThrottle.MAX_DELAY));

        HttpResponse<String> unknown = login("nobody", WRONG);
        assertThat(unknown.statusCode()).isEqualTo(429);
        assertThat(unknown.body()).contains("locked");
        assertThat(trail("LOGIN_LOCKOUT")).as("no user to audit").isEmpty();
    }
}
