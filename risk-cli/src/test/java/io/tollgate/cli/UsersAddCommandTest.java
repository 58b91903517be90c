package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.review.Role;
import io.tollgate.store.Database;
import io.tollgate.review.Users;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersAddCommandTest {
    @TempDir
    Path folder;

    private String db() {
        return folder.resolve("tollgate").toString();
    }

    /** Runs {@code tollgate} with {@code input} as its standard input. */
    static CliRun runWithInput(String input, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.run(args);
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void usersAdd_passwordOnStdin_storesUserWhoCanLogIn() {
        CliRun run = runWithInput("correct horse battery\n", "users", "add", "rita", "--role", "REVIEWER", "--db", db());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("added user rita with role REVIEWER").doesNotContain("correct horse");
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("tollgate")))) {
            Users users = new Users(database.jdbi(), Clock.systemUTC());
            assertThat(users.verify("rita", "correct horse battery".toCharArray())).contains(Role.REVIEWER);
        }
    }

    @Test
    void usersAdd_noPassword_exitsTwo() {
        CliRun run = runWithInput("", "users", "add", "rita", "--role", "REVIEWER", "--db", db());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().isEqualTo("tollgate: no password given on standard input");
    }

    @Test
    void usersAdd_shortPasswordOrTakenName_exitsTwoWithReason() {
        assertThat(runWithInput("correct horse battery\n", "users", "add", "rita", "--role", "ADMIN", "--db", db())
                .exitCode()).isZero();

        CliRun taken = runWithInput("another long password\n", "users", "add", "rita", "--role", "ADMIN", "--db", db());
        CliRun shortPassword = runWithInput("short\n", "users", "add", "bob", "--role", "ADMIN", "--db", db());

        assertThat(taken.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(taken.err()).contains("user 'rita' exists already");
        assertThat(shortPassword.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(shortPassword.err()).contains("at least 12 characters");
    }

    @Test
    void usersAdd_unknownRole_exitsTwo() {
        CliRun run = runWithInput("correct horse battery\n", "users", "add", "rita", "--role", "BOSS", "--db", db());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains("--role", "BOSS");
    }
}
