package io.tollgate.cli;

import io.tollgate.RiskEngine;
import io.tollgate.rules.RuleSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The {@code --rules} option: the folder of {@code .drl} files to decide with. Without it, the
 * analysts' folder {@code ./rules} when there is one, else the rule set packaged in the jar — so the
 * rules an analyst is editing are the ones {@code tollgate} runs. Not thread-safe (picocli fills it in).
 */
final class RulesOption {
    /** The rules folder looked for in the working folder when {@code --rules} is not given. */
    static final Path DEFAULT_FOLDER = Path.of("rules");

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Folder of .drl files. Default: ./rules if it exists, else the rule set packaged in the jar.")
    private Path folder;

    /**
     * @return the folder to read, or {@code null} for the packaged rule set
     * @throws BadInputException when the folder given does not exist or holds no {@code .drl} file
     */
    Path folderOrNull() {
        Path chosen = folder != null ? Inputs.folder(folder, "--rules")
                : Files.isDirectory(DEFAULT_FOLDER) ? DEFAULT_FOLDER : null;
        if (chosen != null && !holdsRules(chosen)) {
            throw new BadInputException("--rules " + chosen + ": no .drl file in it");
        }
        return chosen;
    }

    /** @return where the rules are read from */
    RuleSource source() {
        Path chosen = folderOrNull();
        return chosen == null ? RuleSource.packaged() : RuleSource.folder(chosen);
    }

    /**
     * @param builder an engine builder
     * @return the builder, deciding with the rules chosen
     */
    RiskEngine.Builder applyTo(RiskEngine.Builder builder) {
        Path chosen = folderOrNull();
        return chosen == null ? builder.packagedRules() : builder.rules(chosen);
    }

    private static boolean holdsRules(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.anyMatch(path -> path.toString().endsWith(".drl") && Files.isRegularFile(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
