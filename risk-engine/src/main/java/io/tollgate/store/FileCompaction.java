package io.tollgate.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Keeps an H2 file compact while the decision writer commits to it. Every commit writes the pages
 * it changed (the last, partly filled page of each table and index, and the path to it) as a new
 * chunk at the end of the file; a chunk is freed only once none of its pages is live, and almost
 * every chunk keeps one (a page that filled up and split). With {@code WRITE_DELAY=0} H2 runs no
 * background thread, so nothing else ever rewrites those chunks: with a case every ten verdicts
 * the file grew by 4.6 KB a verdict and its chunks were 12 % live. So every
 * {@link #EVERY_COMMITS} commits, while the chunks are less than {@link #TARGET_FILL_PERCENT} %
 * live, the writer thread rewrites the live pages of the emptiest chunks (at most
 * {@link #REWRITE_BYTES} of them) and writes them out at once, so that the next case-opening
 * commit does not pay for them; the emptied chunks' space is reused by the next commits. Fewer,
 * larger rewrites cost less than many small ones: the pages rewritten together share their
 * parents. Not thread-safe: the writer thread's alone.
 */
final class FileCompaction {
    static final int EVERY_COMMITS = 64;
    static final int TARGET_FILL_PERCENT = 50;
    static final int REWRITE_BYTES = 4 * 1024 * 1024;

    /** {@code null} when the database is not an embedded H2 store. */
    private final MVStore store;
    private int commits;

    private FileCompaction(MVStore store) {
        this.store = store;
    }

    /**
     * The compaction of the store a connection is open on. H2 keeps chunks that are younger than
     * its retention time (45 s by default) even when nothing in them is live, so the file also
     * holds the last 45 s of writes. That is left as it is: H2 does not fsync a commit, and an
     * emptied chunk that is reused at once could be the one it falls back to after a power loss
     * (Linux writes dirty pages back within 30 s by default).
     *
     * @param connection a connection to the database (not kept)
     */
    static FileCompaction of(Connection connection) throws SQLException {
        if (connection.isWrapperFor(JdbcConnection.class)
                && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            MVStore store = session.getDatabase().getStore().getMvStore();
            if (store.getFileStore() != null) {
                return new FileCompaction(store);
            }
        }
        return new FileCompaction(null);
    }

    /** Called by the writer thread after each commit; now and then it compacts. */
    void afterCommit() {
        if (store == null || ++commits < EVERY_COMMITS) {
            return;
        }
        commits = 0;
        if (store.compact(TARGET_FILL_PERCENT, REWRITE_BYTES)) {
            store.commit();
        }
    }
}
