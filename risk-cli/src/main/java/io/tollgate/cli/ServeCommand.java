package io.tollgate.cli;

import io.tollgate.RiskEngine;
import io.tollgate.console.ConsoleServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tollgate serve}: the review console in a browser, until the process is stopped. Not thread-safe. */
@Command(name = "serve",
        header = "Serves the review console (log in, the case queue, a case, decisions) and the JSON API over HTTP.",
        description = "Binds to 127.0.0.1 unless --bind says otherwise. Add users with 'tollgate users add'. "
                + "Watches the rules folder and reloads a saved rule set (a refused one is logged; the last good one keeps deciding).")
final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Default: ${DEFAULT-VALUE}")
    private String bind;

    @Mixin
    private DatabaseOption database;

    @Mixin
    private RulesOption rules;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new BadInputException("--port: must be 0 to 65535, got " + port);
        }
        // A served engine picks up a saved rule file by itself; a refused one leaves the last good set deciding.
        RiskEngine.Builder builder = RiskEngine.builder().jdbcUrl(database.jdbcUrl()).watchRules(Duration.ofMillis(500));
        try (RiskEngine engine = rules.applyTo(builder).build();
                ConsoleServer server = ConsoleServer.start(engine, bind, port)) {
            spec.commandLine().getOut().printf("review console on http://%s:%d/ (Ctrl-C stops it)%n", bind, server.port());
            spec.commandLine().getOut().flush();
            new CountDownLatch(1).await();
        }
        return Tollgate.OK;
    }
}
