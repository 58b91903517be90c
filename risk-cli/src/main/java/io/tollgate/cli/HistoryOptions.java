package io.tollgate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The history a replay or backtest runs over: {@code --data} (reference files) and {@code --charges}.
 * Not thread-safe (picocli fills it in).
 */
final class HistoryOptions {
    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "Folder of reference data: subscribers.csv, blacklist.csv, complaints.csv, disputes.csv, subscriptions.csv (each optional).")
    private Path data;

    @Option(names = "--charges", paramLabel = "FILE", required = true,
            description = "charges.csv to replay, in time order; its label column feeds the per-label table.")
    private Path charges;

    /**
     * @return the data folder
     * @throws BadInputException when it is not a folder
     */
    Path data() {
        return Inputs.folder(data, "--data");
    }

    /**
     * @return the charges file
     * @throws BadInputException when it is not a readable file
     */
    Path charges() {
        return Inputs.file(charges, "--charges");
    }
}
