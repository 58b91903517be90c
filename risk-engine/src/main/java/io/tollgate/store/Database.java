package io.tollgate.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;

/**
 * The embedded store: an H2 database (a file by default) behind a connection pool, with its
 * schema brought up to date by Flyway migrations ({@code db/migration}, and {@link MaskNumbersMigration}
 * in Java) when opened. Thread-safe.
 */
public final class Database implements AutoCloseable {
    static {
        // H2 passes every value bound to a statement through a JVM-wide cache of 1,024 recent values
        // (h2.objectCache), meant to share equal strings between rows read. The decision writer binds
        // seventeen new values per verdict, nearly all distinct: the look-ups missed the processor's
        // caches and cost the writer's database thread about a tenth of its time. H2 reads the property
        // once, when its first class loads: a gateway that loads H2 before Tollgate sets it itself.
        System.getProperties().putIfAbsent("h2.objectCache", "false");
    }

    private final String url;
    private final JdbcConnectionPool pool;
    private final Jdbi jdbi;
    private final DecisionSequence decisionSequence;

    private Database(String url) {
        this.url = url;
        this.pool = JdbcConnectionPool.create(url, "tollgate", "");
        this.pool.setMaxConnections(32);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .javaMigrations(new MaskNumbersMigration()).load().migrate();
            this.jdbi = Jdbi.create(pool);
            this.decisionSequence = new DecisionSequence(jdbi.withHandle(handle -> handle.createQuery(
                    "SELECT COALESCE(MAX(seq), 0) FROM decision").mapTo(Long.class).one()));
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    /**
     * Opens (creating if needed) the database at a JDBC URL and migrates its schema. An H2 file, and
     * the folders Tollgate creates for it, are readable by their owner only ({@link PrivateFiles}).
     *
     * @param jdbcUrl e.g. {@code jdbc:h2:file:/var/lib/tollgate/tollgate}
     * @return the open database
     * @throws UnableToOpenDatabaseException when the database cannot be opened or migrated
     */
    public static Database open(String jdbcUrl) {
        try {
            PrivateFiles.prepare(jdbcUrl);
        } catch (IOException e) {
            throw new UnableToOpenDatabaseException("cannot open database " + jdbcUrl + ": cannot create "
                    + e.getMessage() + " (" + e.getClass().getSimpleName() + ")", e);
        }
        Database database;
        try {
            database = new Database(durable(jdbcUrl));
        } catch (RuntimeException e) {
            throw new UnableToOpenDatabaseException("cannot open database " + jdbcUrl + ": " + describe(e), e);
        }
        PrivateFiles.restrictAll(jdbcUrl);
        return database;
    }

    /**
     * Creates the missing folder of a database file, readable by its owner only where the file
     * system has POSIX permissions ({@code rwx------}); a folder that exists is left as it is.
     *
     * @param folder the folder
     * @throws IOException when it cannot be created
     */
    public static void createFolder(Path folder) throws IOException {
        PrivateFiles.createFolders(folder);
    }

    /**
     * H2 writes committed transactions to its file in the background, up to half a second later by
     * default; a process that dies in between loses them. WRITE_DELAY=0 writes at every commit, so
     * what is committed is in the file, and the decision writer can empty its journal of it. The
     * write goes to the operating system: H2 forces the file to the disk (fsync) only when it closes it, so a power
     * loss can still lose what the operating system had not yet written. With WRITE_DELAY=0 H2 also
     * runs no background thread, so it never compacts the file while open: the decision writer
     * does ({@link FileCompaction}).
     *
     * <p>PAGE_SIZE=16384: H2 splits a B-tree page once it holds about that many bytes (4,096 by
     * default). The decision log grows by tens of thousands of rows a second, and with four times
     * fewer pages the database thread spent about a tenth less CPU per verdict (fewer pages to
     * allocate, cache, serialise and account for). H2 applies it when it splits a page, so it also
     * holds for a file created before.
     *
     * <p>CACHE_SIZE=4096 (KB; H2's default is 16 MB): H2 keeps every page it writes in its page
     * cache. The decision log writes pages at megabytes a second, so with 16 MB each written page
     * stayed referenced for seconds: it survived young collections, was copied between survivor
     * spaces and promoted, and died in the old generation. With 4 MB most die young. A check
     * reads little from H2 (lists, profiles and complaints are held in the engine's memory); a retry
     * answered from the log, a case-opening verdict's look-up of its request id, or a console query
     * may now read a page from the file instead of the cache. In {@code CheckCost} runs the collector's
     * CPU fell by a quarter to a third; the database thread's alone ({@code WriterCost}) did not rise.
     * A URL that sets CACHE_SIZE keeps it.
     *
     * <p>TRACE_LEVEL_FILE=0: H2 would copy every SQL error, with the values it quotes (a full number
     * among them), into {@code <file>.trace.db}, a file it creates readable by everyone. Tollgate
     * reports the errors it meets itself, numbers masked.
     */
    static String durable(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        if (url.startsWith("jdbc:h2:") && !upper.contains("QUERY_CACHE_SIZE")) {
            // Every check runs the same dozen statements; H2 re-parses beyond its default cache of 8.
            url += ";QUERY_CACHE_SIZE=64";
        }
        boolean h2File = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
        if (h2File && !upper.contains("PAGE_SIZE")) {
            url += ";PAGE_SIZE=16384";
        }
        if (h2File && !upper.contains(";CACHE_SIZE")) {
            url += ";CACHE_SIZE=4096";
        }
        if (h2File && !upper.contains("WRITE_DELAY")) {
            url += ";WRITE_DELAY=0";
        }
        return h2File && !upper.contains("TRACE_LEVEL_FILE") ? url + ";TRACE_LEVEL_FILE=0" : url;
    }

    /**
     * @param file the database file without its {@code .mv.db} suffix
     * @return the JDBC URL of an embedded H2 file database there
     */
    public static String h2FileUrl(Path file) {
        String path = file.toAbsolutePath().toString();
        if (path.endsWith(".mv.db")) {
            path = path.substring(0, path.length() - ".mv.db".length());
        }
        return "jdbc:h2:file:" + path;
    }

    /** @return a pooled connection for writers that batch plain JDBC; the caller closes it */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * A connection of its own, outside the pool, to the same database: for the decision writer's
     * database thread, which binds eighteen values a verdict. H2's pooled connection takes and
     * releases a lock on every call a statement makes (each {@code setString} checks whether the
     * connection is closed under it), a few per cent of that thread's time in profiles; a plain
     * connection checks without one. It keeps an in-memory database open as a pooled one does.
     *
     * @return the connection; the caller closes it
     */
    Connection unpooledConnection() throws SQLException {
        return DriverManager.getConnection(url, "tollgate", "");
    }

    /**
     * @return the database file without its {@code .mv.db} suffix, next to which the decision
     *     writer keeps its journal; {@code null} for an in-memory database
     * @throws UnableToOpenDatabaseException for a database behind a server: its file is not this
     *     process's, so no journal next to it could promise what a check's return promises
     */
    Path file() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            if (connection.isWrapperFor(JdbcConnection.class)
                    && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
                return session.getDatabase().isPersistent() ? Path.of(session.getDatabase().getDatabasePath()) : null;
            }
        }
        throw new UnableToOpenDatabaseException("cannot keep the decision journal of " + url
                + ": Tollgate opens its H2 database embedded (jdbc:h2:file:... or jdbc:h2:mem:...), not through a"
                + " server", null);
    }

    /** @return the Jdbi over this database's pool */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** @return the source of the decision log's {@code seq} numbers, shared by all who insert decisions */
    DecisionSequence decisionSequence() {
        return decisionSequence;
    }

    /** @return the JDBC URL it was opened with */
    public String url() {
        return url;
    }

    /** Closes every pooled connection; H2 closes the file when the last one goes. */
    @Override
    public void close() {
        pool.dispose();
    }

    /**
     * H2 lets one process hold a database file. Its AUTO_SERVER mode would let a second process in
     * through a TCP server that the first one starts, but Tollgate does not use it: that server
     * listens on every network interface (H2 starts it with -tcpAllowOthers) for a database
     * whose password is empty; whichever process opened the file first (a short {@code tollgate
     * users add}) would serve the others (e.g. {@code serve}) over TCP and end their transactions
     * when it exits; and the engine's in-memory list index and caches would not see what the
     * other process wrote (a blacklist entry added by {@code cases decide} would not block the
     * next check in {@code serve}). So the message says what to do instead.
     */
    static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return "another process has it open (is 'tollgate serve' or a gateway running on it?); "
                        + "H2 lets one process hold a database file: stop that process first";
            }
        }
        return rootMessage(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
