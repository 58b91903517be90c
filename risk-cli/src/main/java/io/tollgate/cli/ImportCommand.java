package io.tollgate.cli;

import io.tollgate.RiskEngine;
import io.tollgate.data.DataFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate import}: loads the reference data of a folder into the database. Every file is
 * validated before anything is stored, so a bad row imports nothing. Not thread-safe.
 */
@Command(name = "import",
        header = "Imports subscribers.csv, blacklist.csv, complaints.csv and disputes.csv from a folder into the database.",
        description = "Each file is optional; every row of every file is checked before anything is stored, "
                + "so a bad row (reported as file:line: reason) imports nothing. Importing again is safe.")
final class ImportCommand implements Callable<Integer> {
    private static final List<String> FILES = List.of("subscribers.csv", "blacklist.csv", "complaints.csv", "disputes.csv",
            "subscriptions.csv");

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "Folder holding subscribers.csv, blacklist.csv, complaints.csv and/or disputes.csv.")
    private Path data;

    @Mixin
    private DatabaseOption database;

    @Override
    public Integer call() {
        Inputs.folder(data, "--data");
        if (FILES.stream().noneMatch(name -> Files.isRegularFile(data.resolve(name)))) {
            throw new BadInputException("--data " + data + ": holds none of " + String.join(", ", FILES));
        }
        String url = database.jdbcUrl();
        DataFiles imported;
        try (RiskEngine engine = RiskEngine.builder().jdbcUrl(url).packagedRules().build()) {
            imported = engine.importData(data);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("imported from %s into %s%n", data, database.describe());
        out.printf("  %8d subscriber profile versions%n", imported.subscribers().size());
        out.printf("  %8d blacklist entries%n", imported.listEntries().size());
        out.printf("  %8d complaints%n", imported.complaints().size());
        out.printf("  %8d deductions and refunds%n", imported.disputes().size());
        out.printf("  %8d subscription periods paid before the history%n", imported.paidPeriods().size());
        out.flush();
        return Tollgate.OK;
    }
}
