package io.tollgate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of the paths a user names on the command line, done before any work starts so that a typo
 * costs one clear line and not a half-done run. Stateless and thread-safe.
 */
final class Inputs {
    private Inputs() {
    }

    /**
     * @param folder the path given
     * @param option the option that gave it, e.g. {@code --data}
     * @return the folder
     * @throws BadInputException when it is not an existing folder
     */
    static Path folder(Path folder, String option) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(option + " " + folder + ": "
                    + (Files.exists(folder) ? "not a folder" : "no such folder"));
        }
        return folder;
    }

    /**
     * @param file the path given
     * @param option the option that gave it, e.g. {@code --charges}
     * @return the file
     * @throws BadInputException when it is not an existing, readable file
     */
    static Path file(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(option + " " + file + ": "
                    + (Files.exists(file) ? "not a file" : "no such file"));
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(option + " " + file + ": not readable");
        }
        return file;
    }

    /**
     * @param file a file to be written (replaced if it exists)
     * @param option the option that gave it, e.g. {@code --out}
     * @return the file
     * @throws BadInputException when its folder does not exist or it is a folder
     */
    static Path output(Path file, String option) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException(option + " " + file + ": folder " + parent + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(option + " " + file + ": is a folder, expected a file");
        }
        return file;
    }

    /**
     * Writes a text file whole, as UTF-8.
     *
     * @param file the file, checked before with {@link #output}
     * @param text what it holds
     * @param option the option that gave it, e.g. {@code --report}
     * @throws UncheckedIOException when it cannot be written, naming the option and the file
     */
    static void write(Path file, String text, String option) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + option + " " + file + ": " + e.getMessage(), e);
        }
    }
}
