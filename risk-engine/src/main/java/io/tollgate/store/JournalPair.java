package io.tollgate.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision writer's journal: two files, {@code <database file>.journal.0} and {@code .journal.1}.
 * The writer appends to one, and once every row of the other is committed (and the one it
 * appends to holds some) it empties the other and appends there instead — so every row
 * acknowledged and not yet committed is in one of the two, and neither grows with the traffic. An
 * in-memory database gets a pair that keeps nothing, through the same code.
 *
 * <p>Not thread-safe: the constructor's (recovery) until the threads start, then used under the
 * writer's journal lock, then the database thread's once the journal thread is done.
 */
final class JournalPair {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWriter.class);

    /** The two journal files. */
    private final Journal[] journals;
    /** The journal appended to: 0 or 1. */
    private int active;
    /** The last batch written to the other journal. */
    private long standbyLastBatch;
    /** The number of the last batch journaled. */
    private long batches;

    private JournalPair(Journal[] journals) {
        this.journals = journals;
    }

    /**
     * Opens (creating if needed) and locks the two journal files next to the database file.
     *
     * @throws UnableToOpenDatabaseException when a journal cannot be opened
     */
    static JournalPair open(Database database) {
        return open(database, Journal::channel);
    }

    /** Opens the pair on channels of {@code channels}' making (tests: a disk that fills up). */
    static JournalPair open(Database database, Journal.Channels channels) {
        Journal[] journals = new Journal[2];
        try {
            Path file = database.file();
            for (int i = 0; i < journals.length; i++) {
                Path path = Path.of(file + ".journal." + i);
                journals[i] = file == null ? Journal.none() : Journal.open(path, channels.open(path));
            }
            return new JournalPair(journals);
        } catch (SQLException | IOException e) {
            for (Journal journal : journals) {
                if (journal != null) {
                    close(journal);
                }
            }
            throw new UnableToOpenDatabaseException("cannot open the decision journal of " + database.url() + ": " + e, e);
        }
    }

    /** Both files, to read what a crash left in them. */
    List<Journal> both() {
        return List.of(journals);
    }

    /** The file to name in a log message. */
    Path file() {
        return journals[0].file();
    }

    /** The journal appended to now. */
    Journal active() {
        return journals[active];
    }

    /** Numbers a batch just appended: its rows count as committed once {@code committedBatch} reaches it. */
    long nextBatch() {
        return ++batches;
    }

    /**
     * Empties what the database holds: both files once every row journaled is committed; else,
     * once every row of the other file is, that one, and appends there from now on (when this one
     * holds rows). Never while the journal holds a row the database refused.
     */
    void rotateIfDue(JournalProgress progress) {
        long committed = progress.committedBatch; // read first: the database thread marks a refused row before its batch
        if (committed < standbyLastBatch || progress.journalMustBeKept()) {
            return;
        }
        int standby = 1 - active;
        try {
            journals[standby].clear();
            if (committed >= batches) {
                journals[active].clear();
            } else if (!journals[active].isEmpty()) {
                standbyLastBatch = batches;
                active = standby;
            }
        } catch (IOException e) {
            LOG.warn("cannot empty the decision journal {}: {}", journals[0].file(), e.toString());
        }
    }

    /** The database holds every row of the journal: empties it. A failure to is logged. */
    void clear() {
        for (Journal journal : journals) {
            try {
                journal.clear();
            } catch (IOException e) {
                LOG.warn("cannot empty the decision journal {} (the next open stores nothing twice): {}",
                        journal.file(), e.toString());
            }
        }
    }

    void close() {
        for (Journal journal : journals) {
            close(journal);
        }
    }

    private static void close(Journal journal) {
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("cannot close the decision journal {}: {}", journal.file(), e.toString());
        }
    }
}
