package io.tollgate.rules;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a rule set is read from: every {@code .drl} file under a folder, or the default rule set
 * packaged in the jar. Reading is repeated on every (re)load. Immutable and thread-safe.
 */
public final class RuleSource {
    /** The folder inside the jar that holds the default rule set. */
    static final String CLASSPATH_FOLDER = "tollgate/rules";

    private final Path folder;

    private RuleSource(Path folder) {
        this.folder = folder;
    }

    /**
     * @param folder a folder of {@code .drl} files, searched recursively
     * @return the source
     */
    public static RuleSource folder(Path folder) {
        return new RuleSource(folder.toAbsolutePath().normalize());
    }

    /** @return the default rule set packaged in the {@code risk-engine} jar */
    public static RuleSource packaged() {
        return new RuleSource(null);
    }

    /**
     * @return the files, sorted by name
     * @throws UnableToReadRulesException when the folder does not exist, cannot be read or holds no {@code .drl} file
     */
    public List<RuleFile> read() {
        List<RuleFile> files = folder == null ? readPackaged() : readFolder(folder);
        if (files.isEmpty()) {
            throw new UnableToReadRulesException("no .drl file in " + describe());
        }
        return files;
    }

    /** @return the folder, or "the packaged default rule set" */
    public String describe() {
        return folder == null ? "the packaged default rule set" : folder.toString();
    }

    /** @return the folder, or {@code null} for the packaged rule set */
    public Path folderOrNull() {
        return folder;
    }

    private static List<RuleFile> readFolder(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UnableToReadRulesException("rules folder " + root + " does not exist");
        }
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".drl")).filter(Files::isRegularFile).toList()) {
                String name = root.relativize(path).toString().replace('\\', '/');
                files.add(new RuleFile(name, Files.readString(path, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UnableToReadRulesException("cannot read rules folder " + root + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(RuleFile::name));
        return files;
    }

    private static List<RuleFile> readPackaged() {
        URL marker = RuleSource.class.getClassLoader().getResource(CLASSPATH_FOLDER);
        if (marker == null) {
            throw new IllegalStateException("the packaged rule set is missing from the classpath");
        }
        try {
            URI uri = marker.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return readFolder(Path.of(uri));
            }
            synchronized (RuleSource.class) { // one zip file system per jar may be open at a time
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return readFolder(jar.getPath(CLASSPATH_FOLDER));
                }
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad classpath location " + marker, e);
        } catch (IOException e) {
            throw new UnableToReadRulesException("cannot read the packaged rule set: " + e.getMessage(), e);
        }
    }
}
