package io.tollgate.store;

/** Test support: whether {@code decision_hour} covers every stored decision. */
final class DecisionHoursCheck {
    private DecisionHoursCheck() {
    }

    /** @return how many decisions lie outside their hour's {@code decision_hour} range (or have none) */
    static int uncoveredRows(Database database) {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM decision d WHERE NOT EXISTS (SELECT 1 FROM decision_hour h
                            WHERE h.hour_no = CAST(FLOOR(EXTRACT(EPOCH FROM d.decided_at) / 3600) AS BIGINT)
                            AND d.seq BETWEEN h.first_seq AND h.last_seq)""")
                .mapTo(Integer.class).one());
    }
}
