package io.tollgate.store;

import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a decision journal as a writer would have left it when the process died before a commit. */
public final class Journals {
    private final List<Journal.Entry> entries = new ArrayList<>();

    /** Adds a verdict's row; with {@code snapshotJson} not null, its case too. */
    public Journals add(ChargeRequest request, String fingerprint, RiskVerdict verdict, String snapshotJson) {
        entries.add(JournalAppender.entryOf(request, fingerprint, verdict, snapshotJson));
        return this;
    }

    /**
     * Writes the journal of an H2 file.
     *
     * @param databaseFile the file without {@code .mv.db}, as given to the engine
     * @return the journal file
     */
    public Path writeNextTo(Path databaseFile) throws IOException {
        Path file = journalOf(databaseFile);
        ByteBuffer frames = Journal.encode(entries);
        byte[] bytes = new byte[frames.remaining()];
        frames.get(bytes);
        Files.write(file, bytes);
        return file;
    }

    /** @return the first of the two journal files of an H2 file given without {@code .mv.db} */
    public static Path journalOf(Path databaseFile) {
        return journalOf(databaseFile, 0);
    }

    /** @return journal file 0 or 1 of an H2 file given without {@code .mv.db} */
    public static Path journalOf(Path databaseFile, int file) {
        return databaseFile.resolveSibling(databaseFile.getFileName() + ".journal." + file).toAbsolutePath();
    }

    /** @return the bytes in both journal files of an H2 file */
    public static long journalBytes(Path databaseFile) throws IOException {
        long bytes = 0;
        for (int file = 0; file < 2; file++) {
            Path journal = journalOf(databaseFile, file);
            bytes += Files.exists(journal) ? Files.size(journal) : 0;
        }
        return bytes;
    }
}
