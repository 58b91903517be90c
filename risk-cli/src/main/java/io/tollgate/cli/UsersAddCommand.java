package io.tollgate.cli;

import io.tollgate.RiskEngine;
import io.tollgate.review.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate users add NAME --role ROLE}: adds a user, reading the password from standard
 * input (the first line; typed without echo at a terminal) so it never shows in the shell history
 * or the process list. Not thread-safe.
 */
@Command(name = "add",
        header = "Adds a review console user; the password is read from standard input.",
        description = "At a terminal the password is asked for without echo; otherwise the first line of "
                + "standard input is the password, e.g. 'printf %s \"$PW\" | tollgate users add rita --role REVIEWER'. "
                + "Only a salted PBKDF2-HMAC-SHA256 hash (600,000 iterations) is stored.")
final class UsersAddCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Lower-case letters, digits, '.', '_' or '-'.")
    private String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "REVIEWER (decides cases), ANALYST (rules and statistics) or ADMIN (manages users).")
    private Role role;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() throws IOException {
        char[] password = readPassword();
        try (RiskEngine engine = RiskEngine.builder().jdbcUrl(database.jdbcUrl()).packagedRules().build()) {
            engine.users().add(name, role, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        spec.commandLine().getOut().printf("added user %s with role %s%n", name, role);
        spec.commandLine().getOut().flush();
        return Tollgate.OK;
    }

    private char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password for %s: ", name);
            if (typed == null) {
                throw new BadInputException("no password given on standard input");
            }
            return typed;
        }
        // Not closed: it is the process's standard input.
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            throw new BadInputException("no password given on standard input");
        }
        return line.toCharArray();
    }
}
