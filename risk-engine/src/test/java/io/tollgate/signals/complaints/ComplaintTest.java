package io.tollgate.signals.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.charge.InvalidFieldException;
import io.tollgate.charge.Msisdn;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A complaint's or dispute's time must be one the engine can count in: every check of the number reads it. */
class ComplaintTest {
    private static final Msisdn NUMBER = new Msisdn("13800138000");

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1999-12-31T23:59:59Z",
            "2100-01-01T00:00:00Z"})
    void complaint_tsOutsideTheCountableRange_isRefusedNamingTs(String ts) {
        assertThatThrownBy(() -> new Complaint("C1", Instant.parse(ts), NUMBER, "M1001", null,
                ComplaintKind.UNAUTHORIZED, ComplaintSource.CARRIER))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("ts: ");
        assertThatThrownBy(() -> Complaint.fromColumns(Map.of("complaint_id", "C1", "ts", ts, "msisdn", "13800138000",
                "merchant_id", "M1001", "kind", "UNAUTHORIZED", "source", "CARRIER")))
                .isInstanceOf(InvalidFieldException.class)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("ts"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"})
    void dispute_tsOutsideTheCountableRange_isRefusedNamingTs(String ts) {
        assertThatThrownBy(() -> new Dispute(Dispute.Kind.REFUND, "R1", NUMBER, Instant.parse(ts), 500))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("ts: ");
    }

    @Test
    void complaint_tsAtTheEdgesOfTheRange_isAccepted() {
        new Complaint("C1", Instant.parse("2000-01-01T00:00:00Z"), NUMBER, "M1001", null, ComplaintKind.UNAUTHORIZED, ComplaintSource.CARRIER);
        new Dispute(Dispute.Kind.REFUND, "R1", NUMBER, Instant.parse("2099-12-31T23:59:59Z"), 500);
    }
}
