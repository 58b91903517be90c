package io.tollgate.bench;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.data.CsvReader;
import io.tollgate.generate.Generator;
import io.tollgate.replay.Replay;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Realistic traffic for benchmarks: a labelled data set from the project's generator
 * ({@code tollgate generate}: ordinary customers, some hot numbers, every bad pattern, with the
 * subscribers, blacklist, complaints and disputes they leave), its charges read into memory.
 *
 * <p>{@link #charge(long)} makes it an endless stream: charge {@code n} of lap {@code k} is the
 * data set's charge {@code n} with its request id prefixed {@code L<k>-} and its time shifted by
 * {@code k} laps of {@link #lapLength()} (longer than velocity's month, so every lap sees state
 * like the first one's; reference data stays as of its own dates, all of it in the past).
 *
 * <p>Immutable and thread-safe once generated; {@link #close()} deletes the generated files.
 */
public final class Traffic implements AutoCloseable {
    private final Path folder;
    private final List<ChargeRequest> charges;
    private final Duration lap;

    private Traffic(Path folder, List<ChargeRequest> charges, Duration lap) {
        this.folder = folder;
        this.charges = charges;
        this.lap = lap;
    }

    /**
     * Generates a data set into a temporary folder and reads its charges.
     *
     * @param seed the generator's seed
     * @param users ordinary subscribers (about 4.8 charges each per 30 days)
     * @param days days of traffic from 2026-03-01
     * @return the traffic
     */
    public static Traffic generate(long seed, int users, int days) {
        try {
            Path folder = Files.createTempDirectory("tollgate-bench-traffic");
            Generator.run(new Generator.Options(seed, users, days), folder, new PrintWriter(new StringWriter()));
            List<ChargeRequest> charges = new ArrayList<>();
            try (CsvReader reader = new CsvReader(folder.resolve("charges.csv"), Replay.CHARGE_COLUMNS)) {
                for (Map<String, String> row = reader.next(); row != null; row = reader.next()) {
                    charges.add(ChargeRequest.fromColumns(row));
                }
            }
            if (charges.isEmpty()) {
                throw new IllegalStateException("the generator made no charges for " + users + " users, " + days + " days");
            }
            return new Traffic(folder, Collections.unmodifiableList(charges), Duration.ofDays(Math.max(days, 35) + 1L));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the folder of {@code subscribers.csv}, {@code blacklist.csv}, {@code complaints.csv}, {@code disputes.csv} */
    public Path dataFolder() {
        return folder;
    }

    /** @return the generated charges, in time order */
    public List<ChargeRequest> charges() {
        return charges;
    }

    /** @return how much later each lap of {@link #charge(long)} is than the one before */
    public Duration lapLength() {
        return lap;
    }

    /** @return the time of the first charge */
    public Instant start() {
        return charges.get(0).ts();
    }

    /**
     * @param index any non-negative number
     * @return the charge at that place of the endless stream (lap 0 is the data set itself)
     */
    public ChargeRequest charge(long index) {
        int size = charges.size();
        long lapNumber = index / size;
        ChargeRequest base = charges.get((int) (index % size));
        if (lapNumber == 0) {
            return base;
        }
        // seconds and nanos apart: Duration.multipliedBy computes through BigDecimal, a cost the checks would share
        Instant ts = base.ts().plusSeconds(lap.getSeconds() * lapNumber).plusNanos((long) lap.getNano() * lapNumber);
        return new ChargeRequest("L" + lapNumber + "-" + base.requestId(), ts,
                base.msisdn(), base.declaredCarrier(), base.segmentCarrier(), base.province(), base.merchantId(),
                base.productId(), base.amountFen(), base.billingType(), base.chargeKind(), base.payMode(),
                base.deviceId(), base.ip(), base.otpLatencyMs(), base.label());
    }

    @Override
    public void close() {
        deleteRecursively(folder);
    }

    static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
