package io.tollgate.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {
    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path folder;
    private Database database;
    private ApiTokens tokens;

    @BeforeEach
    void open() {
        database = Database.open(Database.h2FileUrl(folder.resolve("tollgate")));
        Users users = new Users(database.jdbi(), Clock.systemUTC());
        users.add("ada", Role.ADMIN, PASSWORD);
        users.add("rita", Role.REVIEWER, PASSWORD);
        tokens = new ApiTokens(database.jdbi(), Clock.systemUTC(), users);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void issue_returnsPrefixedSecretThatVerifies() {
        String token = tokens.issue("gateway-1", "ada");

        assertThat(token).startsWith("tg_").hasSize(3 + 43).matches("tg_[A-Za-z0-9_-]{43}");
        assertThat(tokens.verify(token)).contains("gateway-1");
        assertThat(tokens.verify(token + "x")).isEmpty();
        assertThat(tokens.verify("tg_unknown")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }

    @Test
    void revoke_tokenNoLongerVerifies_andNameCanBeIssuedAgain() {
        String token = tokens.issue("gateway-1", "ada");

        tokens.revoke("gateway-1", "ada");

        assertThat(tokens.verify(token)).isEmpty();
        String again = tokens.issue("gateway-1", "ada");
        assertThat(again).isNotEqualTo(token);
        assertThat(tokens.verify(again)).contains("gateway-1");
        assertThat(tokens.list()).extracting(ApiToken::name, ApiToken::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gateway-1", false),
                        org.assertj.core.groups.Tuple.tuple("gateway-1", true));
    }

    @Test
    void issueOrRevoke_byNonAdmin_isRefused() {
        assertThatThrownBy(() -> tokens.issue("gateway-1", "rita"))
                .isInstanceOf(UnableToManageTokenException.class).hasMessageContaining("only an ADMIN");
        assertThatThrownBy(() -> tokens.issue("gateway-1", "nobody"))
                .isInstanceOf(UnableToManageTokenException.class).hasMessageContaining("no user 'nobody'");
        tokens.issue("gateway-1", "ada");
        assertThatThrownBy(() -> tokens.revoke("gateway-1", "rita"))
                .isInstanceOf(UnableToManageTokenException.class).hasMessageContaining("only an ADMIN");
        assertThatThrownBy(() -> tokens.issue("gateway-1", "ada"))
                .isInstanceOf(UnableToManageTokenException.class).hasMessageContaining("exists already");
        assertThatThrownBy(() -> tokens.revoke("other", "ada"))
                .isInstanceOf(UnableToManageTokenException.class).hasMessageContaining("no active token");
    }

    @Test
    void database_keepsOnlyTheHash_andAuditsIssueAndRevoke() {
        String token = tokens.issue("gateway-1", "ada");
        tokens.revoke("gateway-1", "ada");

        List<Map<String, Object>> rows = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT * FROM api_token").mapToMap().list());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.values()).noneSatisfy(value -> assertThat(String.valueOf(value)).contains(token.substring(3)));
            assertThat(row.get("token_hash")).isEqualTo(ApiTokens.sha256(token));
        });
        List<String> audit = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT actor || ' ' || action || ' ' || detail FROM audit_entry ORDER BY id").mapTo(String.class).list());
        assertThat(audit).containsExactly("ada TOKEN_ISSUE API token 'gateway-1'", "ada TOKEN_REVOKE API token 'gateway-1'");
        assertThat(String.join(" ", audit)).doesNotContain(token.substring(3));
    }
}
