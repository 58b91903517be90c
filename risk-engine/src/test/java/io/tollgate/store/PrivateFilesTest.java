package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 file and the journal hold full numbers: only their owner may read them (POSIX file systems). */
class PrivateFilesTest {
    @TempDir
    Path folder;

    @BeforeEach
    void posixOnly() {
        assumeThat(folder.getFileSystem().supportedFileAttributeViews()).as("a POSIX file system").contains("posix");
    }

    /** Opens the database and its journal, as an engine does, and closes them. */
    private static void openAndClose(Path file) {
        try (Database database = Database.open(Database.h2FileUrl(file))) {
            JournalPair.open(database).close();
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void open_inFoldersItCreates_foldersAndFilesOwnerOnly() throws IOException {
        Path file = folder.resolve("data").resolve("tollgate").resolve("tollgate");

        openAndClose(file);

        assertThat(permissions(folder.resolve("data"))).isEqualTo("rwx------");
        assertThat(permissions(file.getParent())).isEqualTo("rwx------");
        assertThat(filesIn(file.getParent())).extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder("tollgate.mv.db", "tollgate.journal.0", "tollgate.journal.1");
        for (Path created : filesIn(file.getParent())) {
            assertThat(permissions(created)).as(created.getFileName().toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void open_filesReadableByOthers_madeOwnerOnlyAndTheFolderLeftAlone() throws IOException {
        Path file = folder.resolve("tollgate");
        openAndClose(file);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path existing : filesIn(folder)) {
            Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));
        }

        openAndClose(file);

        for (Path existing : filesIn(folder)) {
            assertThat(permissions(existing)).as(existing.getFileName().toString()).isEqualTo("rw-------");
        }
        assertThat(permissions(folder)).as("a folder Tollgate did not create").isEqualTo("rwxr-xr-x");
    }

    @Test
    void restrict_keepsTheOwnersPermissions_takesTheRest() throws IOException {
        Path file = Files.createFile(folder.resolve("copy.mv.db"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));

        PrivateFiles.restrict(file);

        assertThat(permissions(file)).as("read-only stays read-only").isEqualTo("r--------");
    }

    @Test
    void open_sqlErrors_writeNoTraceFile() {
        Path file = folder.resolve("tollgate");
        try (Database database = Database.open(Database.h2FileUrl(file))) {
            for (String statement : new String[] {"SELECT * FROM no_such_table",
                "INSERT INTO review_case (request_id) VALUES ('13912345678')"}) {
                try {
                    database.jdbi().useHandle(handle -> handle.execute(statement));
                } catch (RuntimeException expected) {
                    // what H2 would have copied into <file>.trace.db
                }
            }
        }

        assertThat(folder.resolve("tollgate.trace.db")).doesNotExist();
    }
}
