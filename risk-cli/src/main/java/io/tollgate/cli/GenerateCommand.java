package io.tollgate.cli;

import io.tollgate.generate.GenerateSummary;
import io.tollgate.generate.Generator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate generate}: writes a labelled, realistic data set — charges and the reference data
 * a replay needs — that is the same for the same options. Not thread-safe.
 */
@Command(name = "generate",
        header = "Generates labelled carrier-billing traffic and its reference data, the same for the same seed.",
        description = {
            "Writes charges.csv (in time order, each row labelled legit or with the bad pattern that generated it), "
                    + "subscribers.csv, blacklist.csv, complaints.csv and disputes.csv into --out, in the formats "
                    + "datasets/README.md documents. The period starts on 2026-03-01 (China time).",
            "Bad patterns: blacklisted, toll_fraud, device_farm, bad_debt, complainer, duplicate_renewal, over_cap "
                    + "(about 5-10%% of the charges). Prints a line per 100,000 charges on stderr and a summary on stdout."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder to write into; created when missing. A folder that is not empty needs --force.")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Generator.Options.DEFAULT_SEED,
            description = "Seed of every random draw; the same seed and options give byte-identical files. Default: ${DEFAULT-VALUE}")
    private long seed;

    @Option(names = "--users", paramLabel = "N", defaultValue = "10000",
            description = "Ordinary subscribers; the bad patterns scale with them. At least 1. Default: ${DEFAULT-VALUE}")
    private int users;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30",
            description = "Days to generate, 1 to " + Generator.Options.MAX_DAYS + ". Default: ${DEFAULT-VALUE}")
    private int days;

    @Option(names = "--force", description = "Write into a folder that is not empty, replacing the five files.")
    private boolean force;

    @Override
    public Integer call() {
        if (users < 1) {
            throw new ParameterException(spec.commandLine(), "--users must be at least 1, got " + users);
        }
        if (days < 1 || days > Generator.Options.MAX_DAYS) {
            throw new ParameterException(spec.commandLine(),
                    "--days must be between 1 and " + Generator.Options.MAX_DAYS + ", got " + days);
        }
        prepareFolder();
        GenerateSummary summary = Generator.run(new Generator.Options(seed, users, days), out,
                spec.commandLine().getErr());
        PrintWriter writer = spec.commandLine().getOut();
        writer.print(summary.toText());
        writer.printf("written to %s%n", out);
        writer.flush();
        return Tollgate.OK;
    }

    private void prepareFolder() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException("--out " + out + ": not a folder");
        }
        try {
            if (Files.isDirectory(out)) {
                try (Stream<Path> entries = Files.list(out)) {
                    if (!force && entries.findAny().isPresent()) {
                        throw new BadInputException("--out " + out + ": folder is not empty; use --force to replace "
                                + "the generated files in it");
                    }
                }
            } else {
                Files.createDirectories(out);
            }
        } catch (IOException e) {
            throw new BadInputException("--out " + out + ": cannot create or read the folder: " + e.getMessage(), e);
        }
    }
}
