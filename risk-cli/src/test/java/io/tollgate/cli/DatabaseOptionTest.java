package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseOptionTest {
    @TempDir
    Path folder;

    @Test
    void toJdbcUrl_missingFolders_createdReadableByTheOwnerOnly() throws Exception {
        assumeThat(folder.getFileSystem().supportedFileAttributeViews()).as("a POSIX file system").contains("posix");
        Path file = folder.resolve("data").resolve("tollgate");

        String url = DatabaseOption.toJdbcUrl(file.toString());

        assertThat(url).isEqualTo("jdbc:h2:file:" + file.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("data"))))
                .isEqualTo("rwx------");
    }
}
