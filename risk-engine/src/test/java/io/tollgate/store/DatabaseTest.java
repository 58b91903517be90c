package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.signals.lists.JdbiListStore;
import io.tollgate.signals.lists.ListEntry;
import io.tollgate.signals.lists.ListKind;
import io.tollgate.signals.lists.ListSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path folder;

    @Test
    void open_newFile_migratesSchema() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")))) {
            int cases = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT COUNT(*) FROM review_case").mapTo(Integer.class).one());
            assertThat(cases).isZero();
        }
        assertThat(folder.resolve("db.mv.db")).exists();
    }

    @Test
    void storesInsideAnOuterTransaction_rollBackTogether() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")))) {
            JdbiListStore lists = new JdbiListStore(database.jdbi());
            ListEntry entry = new ListEntry(ListKind.IP, "10.0.0.1", ListSource.INTERNAL, "test",
                    Instant.parse("2026-03-01T00:00:00Z"), null, null);

            assertThatThrownBy(() -> database.jdbi().useTransaction(handle -> {
                lists.addAll(List.of(entry));
                throw new IllegalStateException("a later file fails");
            })).hasMessage("a later file fails");

            assertThat(lists.all()).isEmpty();
        }
    }

    @Test
    void durable_addsWriteDelayPageSizeCacheSizeAndNoTraceFileToH2FilesOnly() {
        assertThat(Database.durable("jdbc:h2:file:/x")).isEqualTo("jdbc:h2:file:/x;QUERY_CACHE_SIZE=64;PAGE_SIZE=16384;"
                + "CACHE_SIZE=4096;WRITE_DELAY=0;TRACE_LEVEL_FILE=0");
        assertThat(Database.durable("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x;QUERY_CACHE_SIZE=64");
        assertThat(Database.durable("jdbc:h2:file:/x;WRITE_DELAY=100;QUERY_CACHE_SIZE=8;page_size=4096;cache_size=65536;"
                + "trace_level_file=1"))
                .isEqualTo("jdbc:h2:file:/x;WRITE_DELAY=100;QUERY_CACHE_SIZE=8;page_size=4096;cache_size=65536;"
                        + "trace_level_file=1");
        assertThat(Database.durable("jdbc:h2:file:/x;QUERY_CACHE_SIZE=8")) // not the page cache's size
                .isEqualTo("jdbc:h2:file:/x;QUERY_CACHE_SIZE=8;PAGE_SIZE=16384;CACHE_SIZE=4096;WRITE_DELAY=0;"
                        + "TRACE_LEVEL_FILE=0");
    }

    @Test
    void h2File_ofFileUrlsOnly() {
        assertThat(PrivateFiles.h2File("jdbc:h2:file:/var/lib/t/tollgate;WRITE_DELAY=0"))
                .isEqualTo(Path.of("/var/lib/t/tollgate"));
        assertThat(PrivateFiles.h2File("jdbc:h2:./data/t")).isEqualTo(Path.of("./data/t"));
        assertThat(PrivateFiles.h2File("jdbc:h2:~/t")).isEqualTo(Path.of(System.getProperty("user.home") + "/t"));
        assertThat(PrivateFiles.h2File("jdbc:h2:mem:t")).isNull();
        assertThat(PrivateFiles.h2File("jdbc:h2:tcp://db:9092/t")).isNull();
        assertThat(PrivateFiles.h2File("jdbc:postgresql://db/t")).isNull();
    }

    @Test
    void loaded_turnsOffH2sValueCacheUnlessTheProcessSetIt() {
        Database.h2FileUrl(Path.of("x")); // the class is initialised

        assertThat(System.getProperty("h2.objectCache")).isEqualTo("false");
    }

    @Test
    void describe_fileHeldByAnotherProcess_saysWhatToDo() {
        RuntimeException held = new RuntimeException("pool",
                org.h2.message.DbException.get(org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1, "/x.mv.db").getSQLException());

        assertThat(Database.describe(held)).startsWith("another process has it open")
                .contains("stop that process first");
        assertThat(Database.describe(new RuntimeException("outer", new IllegalStateException("disk full"))))
                .isEqualTo("disk full");
    }

    @Test
    void file_databaseBehindAServer_isRefusedForTheJournal() throws Exception {
        org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        try (Database database = Database.open("jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:remote")) {
            assertThatThrownBy(database::file).isInstanceOf(UnableToOpenDatabaseException.class)
                    .hasMessageContaining("embedded");
        } finally {
            server.stop();
        }
    }

    @Test
    void file_embeddedDatabases_fileOrNone() throws Exception {
        try (Database inFile = Database.open(Database.h2FileUrl(folder.resolve("db")));
                Database inMemory = Database.open("jdbc:h2:mem:file-test")) {
            assertThat(inFile.file()).isEqualTo(folder.resolve("db").toAbsolutePath());
            assertThat(inMemory.file()).isNull();
        }
    }
}
