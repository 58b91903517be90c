package io.tollgate.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChargeStreamTest {
    @TempDir
    Path folder;

    private final Horizon horizon = new Horizon(3);
    private final Product product = new Merchant("M1001", 0, new double[] {1, 0, 0}).add(BillingType.PER_USE, 500, false);

    private Charge at(long ts, Label label) {
        return new Charge(ts, 13800138000L, null, product, ChargeKind.INITIAL, PayMode.SMS_OTP, null, null, 6_000, label);
    }

    @Test
    void writeThrough_chargesOutOfOrder_writesThemSortedWithIdsInTimeOrder() throws IOException {
        Path file = folder.resolve("charges.csv");
        try (ChargeStream stream = new ChargeStream(file, horizon, new PrintWriter(new StringWriter()))) {
            stream.add(at(horizon.dayStart(1) + 60, Label.LEGIT));
            stream.add(at(horizon.dayStart(0) + 120, Label.OVER_CAP));
            stream.add(at(horizon.dayStart(0) + 60, Label.LEGIT));
            stream.writeThrough(2);
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(Charge.HEADER);
        assertThat(lines.get(1)).startsWith("R00000001,2026-03-01T00:01:00+08:00,13800138000,,M1001,P1001-01,500,"
                + "PER_USE,INITIAL,SMS_OTP,,,6000,legit");
        assertThat(lines.get(2)).startsWith("R00000002,2026-03-01T00:02:00+08:00").endsWith(",over_cap");
        assertThat(lines.get(3)).startsWith("R00000003,2026-03-02T00:01:00+08:00");
    }

    @Test
    void add_chargeForADayAlreadyWritten_isRefused() {
        try (ChargeStream stream = new ChargeStream(folder.resolve("charges.csv"), horizon,
                new PrintWriter(new StringWriter()))) {
            stream.writeThrough(1);

            assertThatThrownBy(() -> stream.add(at(horizon.dayStart(1) + 5, Label.LEGIT)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("after day 1 was written");
        }
    }

    @Test
    void add_chargeAfterThePeriod_isDropped() {
        try (ChargeStream stream = new ChargeStream(folder.resolve("charges.csv"), horizon,
                new PrintWriter(new StringWriter()))) {
            assertThat(stream.add(at(horizon.end(), Label.LEGIT))).isFalse();
            stream.writeThrough(2);
            assertThat(stream.written()).isZero();
        }
    }
}
