package io.tollgate.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers what a crash left in the journal when a {@link DecisionWriter} opens: every whole frame's
 * row (and case) is inserted unless its request id is stored already, then the journal is emptied.
 * A row the database refuses for another reason than a duplicate request id is logged at ERROR and
 * kept: the writer tries it again every second while it runs, and the next open retries it.
 * Runs on the opening thread, before the writer's threads start.
 */
final class JournalRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWriter.class);

    private JournalRecovery() {
    }

    /**
     * Stores what the journal holds (a crash left it behind) and empties it, before anything new
     * is written. Idempotent: a row whose request id is stored already is skipped.
     *
     * @throws UnableToOpenDatabaseException when the journal cannot be read, or the database cannot say which of its rows it holds
     */
    static void recover(JournalPair journals, DatabaseCommitter committer, JournalProgress progress) {
        List<Journal.Entry> entries = new ArrayList<>();
        long droppedBytes = 0;
        for (Journal journal : journals.both()) {
            try {
                Journal.Contents contents = journal.read();
                entries.addAll(contents.entries());
                droppedBytes += contents.droppedBytes();
            } catch (IOException e) {
                throw new UnableToOpenDatabaseException("cannot read the decision journal " + journal.file() + ": " + e, e);
            }
        }
        if (entries.isEmpty() && droppedBytes == 0) {
            return;
        }
        List<PendingRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int storedBefore = 0;
        for (Journal.Entry entry : entries) {
            try {
                if (!seen.add(entry.requestId()) || committer.stored(entry.requestId())) {
                    storedBefore++;
                    continue;
                }
            } catch (SQLException e) {
                throw new UnableToOpenDatabaseException("cannot recover the decision journal: " + e, e);
            }
            rows.add(PendingRow.recovered(entry));
        }
        committer.writeRecovered(rows);
        if (!progress.journalMustBeKept()) {
            journals.clear();
        }
        long failed = rows.stream().filter(row -> row.committed.isCompletedExceptionally()).count();
        LOG.warn("recovered the decision journal {}: {} verdicts, {} stored now, {} stored before, {} refused "
                + "and kept{}", journals.file(), entries.size(), rows.size() - failed, storedBefore, failed,
                droppedBytes > 0 ? "; skipped " + droppedBytes + " bytes of torn or corrupt frames" : "");
    }
}
