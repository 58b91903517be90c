package io.tollgate.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.data.UnableToImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChargeFeedTest {
    private static final String HEADER = "request_id,ts,msisdn,merchant_id,product_id,amount_fen,billing_type,"
            + "charge_kind,pay_mode,label\n";

    @TempDir
    Path folder;

    private static String row(int i, String ts) {
        return "R" + i + "," + ts + ",13800138000,M1001,P1,500,PER_USE,INITIAL,SMS_OTP,legit\n";
    }

    @Test
    void next_givesEveryChargeInFileOrderWithItsLine_acrossBatches() throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < 3_000; i++) {
            text.append(row(i, "2026-03-01T00:00:00+08:00"));
            if (i == 1_500) {
                text.append('\n'); // a blank line is skipped, but counts for the lines after it
            }
        }
        Path file = Files.writeString(folder.resolve("charges.csv"), text);

        List<String> ids = new ArrayList<>();
        int lastLine = 0;
        try (ChargeFeed feed = new ChargeFeed(file)) {
            for (ChargeRequest charge = feed.next(); charge != null; charge = feed.next()) {
                ids.add(charge.requestId());
                lastLine = feed.line();
            }
            assertThat(feed.next()).isNull();
        }

        assertThat(ids).hasSize(3_000).startsWith("R0", "R1").endsWith("R2999");
        assertThat(lastLine).isEqualTo(3_002);
    }

    @Test
    void next_badRow_failsAtItsPlaceAfterTheChargesBeforeIt() throws IOException {
        Path file = Files.writeString(folder.resolve("charges.csv"), HEADER
                + row(1, "2026-03-01T00:00:05+08:00")
                + row(2, "2026-03-01T00:00:04+08:00"));

        try (ChargeFeed feed = new ChargeFeed(file)) {
            assertThat(feed.next().requestId()).isEqualTo("R1");
            assertThatThrownBy(feed::next).isInstanceOf(UnableToImportException.class)
                    .hasMessageContaining("charges.csv:3: ts").hasMessageContaining("time order");
        }
    }

    @Test
    void open_missingColumn_failsAtOnce() throws IOException {
        Path file = Files.writeString(folder.resolve("charges.csv"), "request_id,ts\nR1,2026-03-01T00:00:05+08:00\n");

        assertThatThrownBy(() -> new ChargeFeed(file)).isInstanceOf(UnableToImportException.class)
                .hasMessageContaining("missing column");
    }
}
