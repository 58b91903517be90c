package io.tollgate.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {
    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path folder;
    private Database database;
    private Users users;

    @BeforeEach
    void open() {
        database = Database.open(Database.h2FileUrl(folder.resolve("tollgate")));
        users = new Users(database.jdbi(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void verify_rightPassword_returnsRole() {
        users.add("rita", Role.REVIEWER, PASSWORD);

        assertThat(users.verify("rita", PASSWORD)).contains(Role.REVIEWER);
        assertThat(users.roleOf("rita")).contains(Role.REVIEWER);
    }

    @Test
    void verify_wrongPasswordOrUnknownUser_returnsEmpty() {
        users.add("rita", Role.REVIEWER, PASSWORD);

        assertThat(users.verify("rita", "correct horse batterz".toCharArray())).isEmpty();
        assertThat(users.verify("nobody", PASSWORD)).isEmpty();
    }

    @Test
    void add_storesSaltedPbkdf2HashNeverThePassword() {
        users.add("rita", Role.REVIEWER, PASSWORD);
        users.add("anna", Role.ANALYST, PASSWORD);

        var hashes = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT password_hash FROM app_user ORDER BY name").mapTo(String.class).list());
        assertThat(hashes).hasSize(2).allSatisfy(hash -> assertThat(hash)
                .startsWith("pbkdf2-sha256$600000$").doesNotContain(new String(PASSWORD)));
        assertThat(hashes.get(0)).as("same password, different salt").isNotEqualTo(hashes.get(1));
    }

    @Test
    void add_takenNameShortPasswordOrBadName_isRefused() {
        users.add("rita", Role.REVIEWER, PASSWORD);

        assertThatThrownBy(() -> users.add("rita", Role.ADMIN, PASSWORD))
                .isInstanceOf(UnableToAddUserException.class).hasMessageContaining("exists already");
        assertThatThrownBy(() -> users.add("bob", Role.ADMIN, "short".toCharArray()))
                .isInstanceOf(UnableToAddUserException.class).hasMessageContaining("at least 12 characters");
        assertThatThrownBy(() -> users.add("Bob Smith", Role.ADMIN, PASSWORD))
                .isInstanceOf(UnableToAddUserException.class).hasMessageContaining("user name 'Bob Smith'");
        assertThat(users.roleOf("rita")).contains(Role.REVIEWER);
    }
}
