package io.tollgate.cli;

import io.tollgate.store.Database;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --db} option of the commands that keep state: an H2 database file or any JDBC URL.
 * Not thread-safe (picocli fills it in).
 */
final class DatabaseOption {
    /** The database file the commands share when {@code --db} is not given, relative to the working folder. */
    static final String DEFAULT_FILE = "tollgate-data/tollgate";

    @Option(names = "--db", paramLabel = "PATH|JDBC_URL", defaultValue = DEFAULT_FILE,
            description = "The database: an H2 file (without .mv.db; created when missing) or a jdbc: URL. "
                    + "Default: ${DEFAULT-VALUE}")
    private String database;

    /** @return the database as the user named it: a file path or a JDBC URL */
    String describe() {
        return database;
    }

    /** @return the JDBC URL of the database chosen */
    String jdbcUrl() {
        return toJdbcUrl(database);
    }

    /**
     * @param value an H2 file path or a {@code jdbc:} URL, as a user writes it
     * @return the JDBC URL; the folder of an H2 file is created when missing, readable by its owner only
     * @throws BadInputException when it is neither, or the folder cannot be created
     */
    static String toJdbcUrl(String value) {
        if (value == null || value.isBlank()) {
            throw new BadInputException("--db: give an H2 database file or a jdbc: URL");
        }
        if (value.startsWith("jdbc:")) {
            return value;
        }
        Path file;
        try {
            file = Path.of(value);
        } catch (InvalidPathException e) {
            throw new BadInputException("--db " + value + ": not a file path (" + e.getReason() + ")", e);
        }
        // H2 would create the folder itself, but on failure it dumps a stack trace on stderr first;
        // and the folder holds full numbers, so it is readable by its owner only.
        Path folder = file.toAbsolutePath().getParent();
        try {
            Database.createFolder(folder);
        } catch (IOException e) {
            String why = e instanceof FileAlreadyExistsException ? ": a file of that name is in the way"
                    : e instanceof AccessDeniedException ? ": permission denied" : "";
            throw new BadInputException("--db " + value + ": cannot create folder " + folder + why, e);
        }
        return Database.h2FileUrl(file);
    }
}
