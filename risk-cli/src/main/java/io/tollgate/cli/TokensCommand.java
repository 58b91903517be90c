package io.tollgate.cli;

import io.tollgate.RiskEngine;
import io.tollgate.review.ApiToken;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tollgate tokens}: the JSON API's bearer tokens. Has no behaviour of its own. */
@Command(name = "tokens",
        header = "Issues, revokes and lists the JSON API's bearer tokens.",
        subcommands = {TokensCommand.Issue.class, TokensCommand.Revoke.class, TokensCommand.ListTokens.class})
final class TokensCommand {
    private static RiskEngine open(DatabaseOption database) {
        return RiskEngine.builder().jdbcUrl(database.jdbcUrl()).packagedRules().build();
    }

    /** {@code tollgate tokens issue NAME --as ADMIN}: prints a new token, once. Not thread-safe. */
    @Command(name = "issue",
            header = "Issues an API token and prints it once; only its SHA-256 is stored.",
            description = "Callers send it as 'Authorization: Bearer <token>'. Only an ADMIN may issue; "
                    + "it is written to the audit trail.")
    static final class Issue implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "Who uses it, e.g. the gateway: letters, digits, '.', '_' or '-'.")
        private String name;

        @Option(names = "--as", required = true, paramLabel = "USER", description = "The issuing user; must be an ADMIN.")
        private String actor;

        @Mixin
        private DatabaseOption database;

        @Override
        public Integer call() {
            String token;
            try (RiskEngine engine = open(database)) {
                token = engine.apiTokens().issue(name, actor);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("issued API token %s; it is shown only now, store it safely:%n%s%n", name, token);
            out.flush();
            return Tollgate.OK;
        }
    }

    /** {@code tollgate tokens revoke NAME --as ADMIN}. Not thread-safe. */
    @Command(name = "revoke", header = "Revokes an API token; calls with it are refused (401) from now on.",
            description = "Only an ADMIN may revoke; it is written to the audit trail.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The token's name.")
        private String name;

        @Option(names = "--as", required = true, paramLabel = "USER", description = "The revoking user; must be an ADMIN.")
        private String actor;

        @Mixin
        private DatabaseOption database;

        @Override
        public Integer call() {
            try (RiskEngine engine = open(database)) {
                engine.apiTokens().revoke(name, actor);
            }
            spec.commandLine().getOut().printf("revoked API token %s%n", name);
            spec.commandLine().getOut().flush();
            return Tollgate.OK;
        }
    }

    /** {@code tollgate tokens list}: names, who issued them, when, and whether revoked; never secrets. */
    @Command(name = "list", header = "Lists the API tokens (names and dates; never the secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private DatabaseOption database;

        @Override
        public Integer call() {
            java.util.List<ApiToken> tokens;
            try (RiskEngine engine = open(database)) {
                tokens = engine.apiTokens().list();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-24s %-16s %-26s %s%n", "NAME", "CREATED_BY", "CREATED_AT", "STATUS");
            for (ApiToken token : tokens) {
                out.printf("%-24s %-16s %-26s %s%n", token.name(), token.createdBy(), token.createdAt(),
                        token.active() ? "active" : "revoked " + token.revokedAt());
            }
            out.flush();
            return Tollgate.OK;
        }
    }
}
