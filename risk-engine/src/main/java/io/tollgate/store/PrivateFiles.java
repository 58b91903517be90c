package io.tollgate.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the files that hold full numbers — the H2 file and the decision journal — readable by their
 * owner alone: {@code rw-------} for files and {@code rwx------} for a folder Tollgate creates. The
 * operating system's umask would make them readable by everyone ({@code rw-r--r--}). H2 creates its
 * file itself, so Tollgate creates it first, empty, with those permissions (H2 takes an empty file
 * for a new database), and after opening takes the group's and others' permissions off every file of
 * the database it finds (one created by an older Tollgate, say). A folder that exists is left as it is: it is the operator's.
 * Only on file systems with POSIX permissions; elsewhere nothing is done. Stateless and thread-safe.
 */
final class PrivateFiles {
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);

    private PrivateFiles() {
    }

    /**
     * @param jdbcUrl a JDBC URL
     * @return the file of an embedded H2 file database, without its {@code .mv.db} suffix; {@code null}
     *     for any other database (in memory, behind a server, not H2)
     */
    static Path h2File(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return null;
        }
        String name = jdbcUrl.substring("jdbc:h2:".length());
        int settings = name.indexOf(';');
        name = settings < 0 ? name : name.substring(0, settings);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("[A-Za-z][A-Za-z0-9]+:.*")) { // mem:, tcp:, ssl:, zip:, nio:... (not C:)
            return null;
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return name.isEmpty() ? null : Path.of(name);
    }

    /**
     * Before H2 opens a database file: creates its missing folders owner-only and the file itself,
     * empty and owner-only, unless the URL asks H2 to open an existing database only.
     *
     * @param jdbcUrl the URL H2 will open
     * @throws IOException when the folder or the file cannot be created
     */
    static void prepare(String jdbcUrl) throws IOException {
        Path file = h2File(jdbcUrl);
        if (file == null || !posix(file)) {
            return;
        }
        createFolders(file.toAbsolutePath().getParent());
        if (!jdbcUrl.toUpperCase(Locale.ROOT).contains("IFEXISTS=TRUE")) {
            createFile(Path.of(file + ".mv.db"));
        }
    }

    /**
     * After H2 opened a database file: makes every file of the database owner-only
     * ({@code <file>.mv.db}, the journals, anything else named {@code <file>.*}; see {@link #restrict}).
     * A file it cannot change is logged at WARN.
     *
     * @param jdbcUrl the URL H2 opened
     */
    static void restrictAll(String jdbcUrl) {
        Path file = h2File(jdbcUrl);
        if (file == null || !posix(file)) {
            return;
        }
        Path absolute = file.toAbsolutePath();
        String prefix = absolute.getFileName() + ".";
        try (Stream<Path> files = Files.list(absolute.getParent())) {
            files.filter(path -> path.getFileName().toString().startsWith(prefix))
                    .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .forEach(PrivateFiles::restrict);
        } catch (IOException e) {
            LOG.warn("cannot list {} to make the database's files readable by their owner only: {}",
                    absolute.getParent(), e.toString());
        }
    }

    /**
     * Creates a folder and its missing parents, each owner-only; a folder that exists is left alone.
     *
     * @param folder the folder, or {@code null} for none
     * @throws IOException when it cannot be created
     */
    static void createFolders(Path folder) throws IOException {
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        if (posix(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        } else {
            Files.createDirectories(folder);
        }
    }

    /** @return the attributes a new file that holds numbers is created with: owner-only where POSIX */
    static FileAttribute<?>[] fileAttributes(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    /**
     * Takes every permission of the group and of others off a file that exists, and leaves the
     * owner's as they are (a file made read-only stays so); a failure is logged at WARN.
     */
    static void restrict(Path file) {
        if (!posix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> ownerOnly = EnumSet.noneOf(PosixFilePermission.class);
            for (PosixFilePermission permission : permissions) {
                if (permission.name().startsWith("OWNER_")) {
                    ownerOnly.add(permission);
                }
            }
            if (!ownerOnly.equals(permissions)) {
                Files.setPosixFilePermissions(file, ownerOnly);
            }
        } catch (IOException e) {
            LOG.warn("cannot make {} readable by its owner only: {}", file, e.toString());
        }
    }

    private static void createFile(Path file) throws IOException {
        try {
            Files.createFile(file, fileAttributes(file));
        } catch (FileAlreadyExistsException e) {
            // an existing database: restrictAll sees to it once it is open
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
