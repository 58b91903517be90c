package io.tollgate.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.EngineFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ADMIN adds users, changes roles, disables and enables; each audited; the console always keeps an ADMIN. */
class UserAdminTest {
    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path folder;
    private EngineFixture fixture;
    private Users users;

    @BeforeEach
    void open() {
        fixture = new EngineFixture(folder);
        users = fixture.engine.users();
        users.add("ada", Role.ADMIN, PASSWORD);
        users.add("rita", Role.REVIEWER, PASSWORD);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<AuditEntry> trail() {
        return fixture.engine.auditTrail().search(AuditQuery.newest(50)).entries();
    }

    @Test
    void addByAdmin_storesUserAndAudits() {
        users.add("anna", Role.ANALYST, PASSWORD, "ada");

        assertThat(users.verify("anna", PASSWORD)).contains(Role.ANALYST);
        assertThat(users.list()).extracting(User::name).containsExactly("ada", "anna", "rita");
        assertThat(trail()).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("ada");
            assertThat(entry.action()).isEqualTo("USER_ADD");
            assertThat(entry.detail()).isEqualTo("user 'anna' added as ANALYST").doesNotContain(new String(PASSWORD));
            assertThat(entry.at()).isEqualTo(EngineFixture.START);
        });
    }

    @Test
    void addByNonAdmin_orShortPassword_refusedAndNothingStored() {
        assertThatThrownBy(() -> users.add("anna", Role.ANALYST, PASSWORD, "rita"))
                .isInstanceOf(UnableToAddUserException.class).hasMessageContaining("only an ADMIN");
        assertThatThrownBy(() -> users.add("anna", Role.ANALYST, "short".toCharArray(), "ada"))
                .isInstanceOf(UnableToAddUserException.class).hasMessageContaining("at least 12");

        assertThat(users.list()).extracting(User::name).containsExactly("ada", "rita");
        assertThat(trail()).isEmpty();
    }

    @Test
    void disable_userCannotLogInOrAct_enableRestores_bothAudited() {
        users.disable("rita", "ada");

        assertThat(users.verify("rita", PASSWORD)).isEmpty();
        assertThat(users.roleOf("rita")).isEmpty();
        assertThat(users.list()).filteredOn(user -> user.name().equals("rita")).singleElement()
                .satisfies(user -> assertThat(user.disabledAt()).isEqualTo(EngineFixture.START));

        users.enable("rita", "ada");

        assertThat(users.verify("rita", PASSWORD)).contains(Role.REVIEWER);
        assertThat(trail()).extracting(AuditEntry::action).containsExactly("USER_ENABLE", "USER_DISABLE");
        assertThat(trail()).extracting(AuditEntry::detail)
                .containsExactly("user 'rita' (REVIEWER) enabled", "user 'rita' (REVIEWER) disabled");
    }

    @Test
    void changeRole_changesWhatTheUserMayDo_audited() {
        users.changeRole("rita", Role.ANALYST, "ada");

        assertThat(users.roleOf("rita")).contains(Role.ANALYST);
        assertThat(trail()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("USER_ROLE");
            assertThat(entry.detail()).isEqualTo("user 'rita' role REVIEWER -> ANALYST");
        });
    }

    @Test
    void admin_cannotDisableOrDemoteThemselves() {
        assertThatThrownBy(() -> users.disable("ada", "ada"))
                .isInstanceOf(UnableToManageUserException.class).hasMessageContaining("themselves");
        assertThatThrownBy(() -> users.changeRole("ada", Role.REVIEWER, "ada"))
                .isInstanceOf(UnableToManageUserException.class).hasMessageContaining("their own role");
        assertThat(users.roleOf("ada")).contains(Role.ADMIN);
    }

    @Test
    void demotedOrDisabledAdmin_cannotActAnyMore() {
        users.add("bob", Role.ADMIN, PASSWORD, "ada");
        users.changeRole("ada", Role.ANALYST, "bob");

        assertThatThrownBy(() -> users.disable("bob", "ada"))
                .isInstanceOf(UnableToManageUserException.class).hasMessageContaining("is ANALYST; only an ADMIN");

        users.changeRole("ada", Role.ADMIN, "bob");
        users.disable("bob", "ada");

        assertThatThrownBy(() -> users.disable("ada", "bob"))
                .isInstanceOf(UnableToManageUserException.class).hasMessageContaining("no active user 'bob'");
    }

    @Test
    void twoAdminsDisablingEachOtherAtOnce_oneActiveAdminRemains() throws Exception {
        users.add("bob", Role.ADMIN, PASSWORD, "ada");
        for (int round = 0; round < 20; round++) {
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> adaDisablesBob = threads.submit(() -> attempt(start, "bob", "ada"));
                Future<Boolean> bobDisablesAda = threads.submit(() -> attempt(start, "ada", "bob"));
                assertThat(adaDisablesBob.get(10, TimeUnit.SECONDS) ^ bobDisablesAda.get(10, TimeUnit.SECONDS))
                        .as("exactly one succeeds in round %d", round).isTrue();
            } finally {
                threads.shutdownNow();
            }
            List<User> admins = users.list().stream().filter(user -> user.role() == Role.ADMIN && user.active()).toList();
            assertThat(admins).hasSize(1);
            String survivor = admins.get(0).name();
            users.enable(survivor.equals("ada") ? "bob" : "ada", survivor);
        }
    }

    private boolean attempt(CyclicBarrier start, String name, String actor) throws Exception {
        start.await(5, TimeUnit.SECONDS);
        try {
            users.disable(name, actor);
            return true;
        } catch (UnableToManageUserException e) {
            return false;
        }
    }

    @Test
    void nonAdmin_cannotManage_unknownUserNamed() {
        assertThatThrownBy(() -> users.disable("ada", "rita"))
                .isInstanceOf(UnableToManageUserException.class).hasMessageContaining("is REVIEWER; only an ADMIN");
        assertThatThrownBy(() -> users.changeRole("nobody", Role.ADMIN, "ada"))
                .isInstanceOf(UnableToManageUserException.class).hasMessageContaining("no user 'nobody'");
        assertThatThrownBy(() -> users.enable("rita", "ada"))
                .isInstanceOf(UnableToManageUserException.class).hasMessageContaining("active already");
    }

    @Test
    void recordLockout_ofAUser_auditedByTheConsole_ofAnUnknownName_nothing() {
        java.time.Instant until = EngineFixture.START.plus(java.time.Duration.ofMinutes(15));

        assertThat(users.recordLockout("rita", 10, "10.0.0.1", until)).isTrue();
        assertThat(users.recordLockout("nobody", 10, "10.0.0.1", until)).isFalse();

        assertThat(trail()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("LOGIN_LOCKOUT");
            assertThat(entry.actor()).isEqualTo(Users.CONSOLE);
            assertThat(entry.detail()).contains("user 'rita'", "10 failed logins", "10.0.0.1", until.toString());
        });
    }

    @Test
    void recordUnlock_byAdminAudited_byAnyoneElseRefused() {
        users.recordUnlock("rita", "ada");

        assertThatThrownBy(() -> users.recordUnlock("ada", "rita")).isInstanceOf(UnableToManageUserException.class)
                .hasMessageContaining("only an ADMIN may unlock users");
        assertThatThrownBy(() -> users.recordUnlock("nobody", "ada")).isInstanceOf(UnableToManageUserException.class)
                .hasMessageContaining("no user 'nobody'");
        assertThat(trail()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("USER_UNLOCK");
            assertThat(entry.actor()).isEqualTo("ada");
            assertThat(entry.detail()).contains("user 'rita' (REVIEWER) may log in again");
        });
    }
}
