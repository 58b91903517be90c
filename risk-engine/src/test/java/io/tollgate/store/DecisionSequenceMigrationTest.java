package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V12 rebuilds the decision log of a V11 database keyed by seq, numbered in time order. */
class DecisionSequenceMigrationTest {
    private static final String INSERT_V11 = """
            INSERT INTO decision (request_id, fingerprint, decided_at, msisdn, merchant_id, product_id, amount_fen,
                billing_type, charge_kind, pay_mode, device_id, ip, decision, score, rule_codes, ruleset_version,
                hits_json, carrier_result)
            VALUES (:id, 'f', CAST(:at AS TIMESTAMP WITH TIME ZONE), '13800138000', 'M1001', 'P1', 500, 'PER_USE',
                'INITIAL', 'SMS_OTP', NULL, '10.0.0.1', 'ALLOW', 0, '', :version, :hits, :carrier)""";
    private static final String HITS = "[{\"code\":\"" + "x".repeat(2_000) + "\"}]"; // longer than a CLOB kept inline

    @TempDir
    Path folder;

    @Test
    void open_v11DatabaseWithDecisions_numbersThemInTimeOrderAndFillsTheirHours() {
        String url = Database.h2FileUrl(folder.resolve("db"));
        Flyway.configure().dataSource(url, "tollgate", "").locations("classpath:db/migration").target("11").load()
                .migrate();
        Jdbi v11 = Jdbi.create(url, "tollgate", "");
        v11.useHandle(handle -> {
            insert(handle, "B", "2026-03-10 12:10:00+00", "SUCCESS");
            insert(handle, "A", "2026-03-10 11:50:00+00", null);
            insert(handle, "C", "2026-03-10 12:10:00+00", "FAILURE"); // same time as B: by request id
            insert(handle, "D", "2026-03-10 09:59:59.999+00", null);
        });

        try (Database database = Database.open(url)) {
            List<String> rows = database.jdbi().withHandle(handle -> handle.createQuery(
                            "SELECT seq || ' ' || request_id || ' ' || COALESCE(carrier_result, '-') FROM decision"
                                    + " ORDER BY seq")
                    .mapTo(String.class).list());
            assertThat(rows).containsExactly("1 D -", "2 A -", "3 B SUCCESS", "4 C FAILURE");
            assertThat(JdbiDecisionLogTest.hourRanges(database))
                    .containsExactly("492537 1-1", "492539 2-2", "492540 3-4");
            String hits = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT hits_json FROM decision WHERE request_id = 'A'").mapTo(String.class).one());
            assertThat(hits).isEqualTo(HITS);
            assertThat(indexes(database)).noneMatch(name -> name.startsWith("DECISION_TIME"));
            assertThatThrownBy(() -> database.jdbi().useHandle(handle -> insertV12(handle, 9, "A")))
                    .hasMessageContaining("DECISION_REQUEST");
            assertThatThrownBy(() -> database.jdbi().useHandle(handle -> insertV12(handle, 4, "E")))
                    .hasMessageContaining("PRIMARY KEY");
            assertThat(database.decisionSequence().next()).isEqualTo(5);
        }
    }

    private static void insert(Handle handle, String id, String at, String carrierResult) {
        handle.createUpdate(INSERT_V11).bind("id", id).bind("at", at).bind("version", "v".repeat(64))
                .bind("hits", HITS).bind("carrier", carrierResult).execute();
    }

    private static void insertV12(Handle handle, long seq, String id) {
        handle.createUpdate("""
                        INSERT INTO decision (seq, request_id, fingerprint, decided_at, msisdn, merchant_id, product_id,
                            amount_fen, billing_type, charge_kind, pay_mode, decision, score, rule_codes,
                            ruleset_version, hits_json)
                        VALUES (:seq, :id, 'f', CURRENT_TIMESTAMP, '13800138000', 'M1001', 'P1', 500, 'PER_USE',
                            'INITIAL', 'SMS_OTP', 'ALLOW', 0, '', :version, '[]')""")
                .bind("seq", seq).bind("id", id).bind("version", "v".repeat(64)).execute();
    }

    private static List<String> indexes(Database database) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT index_name FROM information_schema.indexes WHERE table_name = 'DECISION'")
                .mapTo(String.class).list());
    }
}
