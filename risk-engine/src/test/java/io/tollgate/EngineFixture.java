package io.tollgate;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.replay.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** A real engine on a real H2 file in a temporary folder, with a clock the test moves. */
public final class EngineFixture implements AutoCloseable {
    /** 2026-03-10 12:00 China time. */
    public static final Instant START = Instant.parse("2026-03-10T04:00:00Z");
    /** The repository's default rule set, as analysts edit it. */
    public static final Path RULES = Path.of("..", "rules");

    public final SettableClock clock = new SettableClock(START);
    public final Path dbFile;
    public RiskEngine engine;
    private final AtomicInteger ids = new AtomicInteger();

    public EngineFixture(Path folder) {
        this.dbFile = folder.resolve("tollgate");
        this.engine = open();
    }

    public RiskEngine open() {
        return RiskEngine.builder().rules(RULES).database(dbFile).clock(clock).build();
    }

    /** Closes and reopens the engine on the same file. */
    public void restart() {
        engine.close();
        engine = open();
    }

    public void advance(Duration duration) {
        clock.set(clock.instant().plus(duration));
    }

    /** A plain, harmless charge: 5 CNY per use by OTP, typed in 6 s, with device and IP. */
    public ChargeRequest.Builder charge(String msisdn) {
        return ChargeRequest.builder()
                .requestId("R" + ids.incrementAndGet())
                .msisdn(msisdn)
                .merchantId("M1001")
                .productId("P1001-01")
                .amountFen(500)
                .billingType(BillingType.PER_USE)
                .chargeKind(ChargeKind.INITIAL)
                .payMode(PayMode.SMS_OTP)
                .deviceId("dev-" + msisdn)
                .ip("10.0.0.1")
                .otpLatencyMs(6_000L);
    }

    public RiskVerdict check(ChargeRequest.Builder charge) {
        return engine.check(charge.build());
    }

    @Override
    public void close() {
        engine.close();
    }
}
