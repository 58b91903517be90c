package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.review.ApiTokens;
import io.tollgate.review.Role;
import io.tollgate.review.Users;
import io.tollgate.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensCommandTest {
    @TempDir
    Path folder;

    private String db() {
        return folder.resolve("tollgate").toString();
    }

    @BeforeEach
    void users() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("tollgate")))) {
            Users users = new Users(database.jdbi(), Clock.systemUTC());
            users.add("ada", Role.ADMIN, "correct horse battery".toCharArray());
            users.add("rita", Role.REVIEWER, "correct horse battery".toCharArray());
        }
    }

    private static String tokenIn(String out) {
        return out.lines().filter(line -> line.startsWith(ApiTokens.PREFIX)).findFirst().orElseThrow();
    }

    @Test
    void issue_byAdmin_printsTokenOnce_storesOnlyItsHash() throws Exception {
        CliRun run = CliRun.run("tokens", "issue", "gateway-1", "--as", "ada", "--db", db());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String token = tokenIn(run.out());
        assertThat(token).matches("tg_[A-Za-z0-9_-]{43}");
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("tollgate")))) {
            ApiTokens tokens = new ApiTokens(database.jdbi(), Clock.systemUTC(), new Users(database.jdbi(), Clock.systemUTC()));
            assertThat(tokens.verify(token)).contains("gateway-1");
            List<String> hashes = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT token_hash FROM api_token").mapTo(String.class).list());
            assertThat(hashes).singleElement().asString().hasSize(64).doesNotContain(token.substring(3));
        }
        // nor anywhere in the database file
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain(token.substring(3));
            }
        }
        CliRun list = CliRun.run("tokens", "list", "--db", db());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("gateway-1", "ada", "active").doesNotContain(token).doesNotContain(token.substring(3));
    }

    @Test
    void issueOrRevoke_byNonAdmin_exitsTwoWithOneLine() {
        CliRun issue = CliRun.run("tokens", "issue", "gateway-1", "--as", "rita", "--db", db());

        assertThat(issue.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(issue.out()).doesNotContain(ApiTokens.PREFIX);
        assertThat(issue.errLines()).singleElement().asString()
                .isEqualTo("tollgate: user 'rita' is REVIEWER; only an ADMIN may issue API tokens");

        assertThat(CliRun.run("tokens", "issue", "gateway-1", "--as", "ada", "--db", db()).exitCode()).isZero();
        CliRun revoke = CliRun.run("tokens", "revoke", "gateway-1", "--as", "rita", "--db", db());
        assertThat(revoke.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(revoke.errLines()).singleElement().asString().contains("only an ADMIN may revoke");
    }

    @Test
    void revoke_byAdmin_tokenStopsVerifying() {
        String token = tokenIn(CliRun.run("tokens", "issue", "gateway-1", "--as", "ada", "--db", db()).out());

        CliRun revoke = CliRun.run("tokens", "revoke", "gateway-1", "--as", "ada", "--db", db());

        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(revoke.out()).contains("revoked API token gateway-1");
        assertThat(CliRun.run("tokens", "list", "--db", db()).out()).contains("revoked");
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("tollgate")))) {
            ApiTokens tokens = new ApiTokens(database.jdbi(), Clock.systemUTC(), new Users(database.jdbi(), Clock.systemUTC()));
            assertThat(tokens.verify(token)).isEmpty();
        }
        CliRun again = CliRun.run("tokens", "revoke", "gateway-1", "--as", "ada", "--db", db());
        assertThat(again.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(again.errLines()).singleElement().asString().isEqualTo("tollgate: no active token named 'gateway-1'");
    }
}
