package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V13 masks the phone numbers that notes, details and contest statements held in full before
 * Tollgate masked them as it stored them, and keeps the audit trail append-only.
 */
class NumberMaskingMigrationTest {
    @TempDir
    Path folder;

    @Test
    void open_v12DatabaseWithFullNumbersInFreeText_masksThemAndKeepsTheTrailAppendOnly() {
        String url = Database.h2FileUrl(folder.resolve("db"));
        Flyway.configure().dataSource(url, "tollgate", "").locations("classpath:db/migration").target("12").load()
                .migrate();
        Jdbi v12 = Jdbi.create(url, "tollgate", "");
        v12.useHandle(handle -> {
            handle.execute("""
                    INSERT INTO review_case (case_id, request_id, opened_at, status, decision, score, msisdn,
                        merchant_id, ruleset_version, hits_json, snapshot_json, contested_at, contested_by,
                        contest_statement)
                    VALUES (7, 'R-1', CURRENT_TIMESTAMP, 'OPEN', 'BLOCK', 100, '13912345678', 'M1001', ?, '[]', '{}',
                        CURRENT_TIMESTAMP, 'customer-service', 'Not me, call 139 1234 5678')""", "v".repeat(64));
            handle.execute("""
                    INSERT INTO audit_entry (at, actor, case_id, action, note, detail)
                    VALUES (CURRENT_TIMESTAMP, 'rita', 7, 'DECIDE', 'caller 13912345678, case 12', 'MSISDN 13912345678'),
                           (CURRENT_TIMESTAMP, 'rita', 7, 'REVEAL_NUMBER', 'carrier asked', NULL)""");
        });

        try (Database database = Database.open(url)) {
            Jdbi jdbi = database.jdbi();
            List<String> trail = jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT note || ' | ' || COALESCE(detail, '-') FROM audit_entry ORDER BY id")
                    .mapTo(String.class).list());
            assertThat(trail).containsExactly("caller 139****5678, case 12 | MSISDN 139****5678", "carrier asked | -");
            String statement = jdbi.withHandle(handle -> handle.createQuery("SELECT contest_statement FROM review_case")
                    .mapTo(String.class).one());
            String number = jdbi.withHandle(handle -> handle.createQuery("SELECT msisdn FROM review_case")
                    .mapTo(String.class).one());
            assertThat(statement).isEqualTo("Not me, call 139****5678");
            assertThat(number).as("the case keeps its number for a reveal").isEqualTo("13912345678");
            assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute("UPDATE audit_entry SET note = 'x'")))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute("DELETE FROM audit_entry")))
                    .hasMessageContaining("append-only");
        }
    }
}
