package io.tollgate.store;

import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.Msisdn;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of whoever journals (the journal thread, a case opener or a flush): skips a
 * case-opening verdict whose request id is stored (or on its way), encodes each row, appends a
 * batch to the {@link JournalPair} with one write and acknowledges it. Not thread-safe: used under
 * the writer's journal lock.
 */
final class JournalAppender {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionWriter.class);

    private final Database database;
    private final JournalPair journals;
    private final JournalProgress progress;
    /** The journal's own connection, to tell whether a request id is stored. */
    private Lookup lookup;

    JournalAppender(Database database, JournalPair journals, JournalProgress progress) {
        this.database = database;
        this.journals = journals;
        this.progress = progress;
    }

    /** Appends the batch's rows to the journal and acknowledges them; returns those to insert, barriers too. */
    List<PendingRow> journal(List<PendingRow> batch) {
        List<PendingRow> rows = new ArrayList<>(batch.size());
        Journal journal = journals.active();
        for (PendingRow row : batch) {
            if (!row.barrier()) {
                try {
                    if (row.snapshot != null && storedBefore(row.request.requestId())) {
                        row.journaled.complete(false);
                        row.committed.complete(false);
                        continue;
                    }
                    row.entry = entryOf(row.request, row.fingerprint, row.verdict,
                            row.snapshot == null ? null : row.snapshot.get());
                    journal.add(row.entry);
                } catch (SQLException | RuntimeException e) {
                    row.fail(new UnableToRecordException("cannot record the verdict of request "
                            + Msisdn.maskAll(row.request.requestId()), e));
                    continue;
                }
            }
            rows.add(row);
        }
        try {
            journal.append();
            progress.journalFailure = null;
        } catch (IOException e) {
            progress.journalFailure = JournalProgress.describe(e);
            LOG.error("cannot write {} verdicts to the decision journal {}", rows.size(), journal.file(), e);
            UnableToRecordException failure = new UnableToRecordException("cannot write the decision journal: " + e, e);
            rows.removeIf(row -> {
                if (row.barrier()) {
                    return false;
                }
                row.fail(failure);
                return true;
            });
        }
        long number = journals.nextBatch();
        for (PendingRow row : rows) {
            row.batch = number;
            if (!row.barrier()) {
                progress.inFlight.add(row.requestId());
                row.journaled.complete(true);
            }
        }
        return rows;
    }

    /** Whether a request id is in the decision log, or journaled on its way there. */
    private boolean storedBefore(String requestId) throws SQLException {
        if (progress.inFlight.contains(requestId)) {
            return true;
        }
        if (lookup == null) {
            lookup = new Lookup(database.connection());
        }
        try {
            return DecisionSql.stored(lookup.storedBefore, requestId);
        } catch (SQLException e) {
            lookup.close();
            lookup = null;
            throw e;
        }
    }

    /** Gives back the connection, once the journal thread is done. */
    void close() {
        if (lookup != null) {
            lookup.close();
        }
    }

    /** The columns of a verdict's row (and case, when {@code snapshotJson} is not null), as journaled. */
    static Journal.Entry entryOf(ChargeRequest request, String fingerprint, RiskVerdict verdict, String snapshotJson) {
        return new Journal.Entry(request.requestId(), fingerprint, verdict.decidedAt(), request.msisdn().digits(),
                request.merchantId(), request.productId(), request.amountFen(), request.billingType().name(),
                request.chargeKind().name(), request.payMode().name(), request.deviceId(), request.ip(),
                verdict.decision().name(), verdict.score(), verdict.ruleCodes(), verdict.rulesetVersion(),
                HitsJson.write(verdict.hits()), snapshotJson);
    }

    /**
     * The journal's own connection (committing nothing), to tell whether a request id is stored.
     * Not thread-safe.
     */
    private static final class Lookup {
        private final Connection connection;
        private final PreparedStatement storedBefore;

        Lookup(Connection connection) throws SQLException {
            this.connection = connection;
            try {
                this.storedBefore = connection.prepareStatement(DecisionSql.STORED_BEFORE);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        void close() {
            try (connection; storedBefore) {
                LOG.trace("closing the decision journal's connection");
            } catch (SQLException e) {
                LOG.debug("closing the decision journal's connection: {}", e.toString());
            }
        }
    }
}
