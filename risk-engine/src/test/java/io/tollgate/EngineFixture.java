package io.tollgate;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.Carrier;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.ChinaTime;
import io.tollgate.charge.Msisdn;
import io.tollgate.charge.PayMode;
import io.tollgate.replay.SettableClock;
import io.tollgate.signals.complaints.Complaint;
import io.tollgate.signals.complaints.ComplaintKind;
import io.tollgate.signals.complaints.ComplaintSource;
import io.tollgate.signals.lists.ListEntry;
import io.tollgate.signals.lists.ListKind;
import io.tollgate.signals.lists.ListSource;
import io.tollgate.signals.subscriber.Plan;
import io.tollgate.signals.subscriber.SubscriberProfile;
import io.tollgate.signals.subscriber.SubscriberStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A real engine on a real H2 file in a temporary folder, with a clock the test moves. */
public final class EngineFixture implements AutoCloseable {
    /** 2026-03-10 12:00 China time. */
    public static final Instant START = Instant.parse("2026-03-10T04:00:00Z");
    /** The China calendar date of {@link #START}. */
    public static final LocalDate TODAY = ChinaTime.date(START);
    /** The repository's default rule set, as analysts edit it. */
    public static final Path RULES = Path.of("..", "rules");

    public final SettableClock clock = new SettableClock(START);
    public final Path dbFile;
    public final Path rules;
    /** The code of every hit of every verdict {@link #check} returned, shadow or not. */
    public final Set<String> firedCodes = ConcurrentHashMap.newKeySet();
    public RiskEngine engine;
    private final AtomicInteger ids = new AtomicInteger();

    /**
     * Copies the repository's rule set (every .drl file, subfolders kept) so a test can change it.
     *
     * @param to the folder to create
     * @return {@code to}
     */
    public static Path copyRules(Path to) {
        try (Stream<Path> files = Files.walk(RULES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Path copy = to.resolve(RULES.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public EngineFixture(Path folder) {
        this(folder, RULES);
    }

    /** An engine deciding with the rule set in another folder (e.g. the repository's plus test-only rules). */
    public EngineFixture(Path folder, Path rules) {
        this.dbFile = folder.resolve("tollgate");
        this.rules = rules;
        this.engine = open();
    }

    public RiskEngine open() {
        return RiskEngine.builder().rules(rules).database(dbFile).clock(clock).build();
    }

    /** Closes and reopens the engine on the same file. */
    public void restart() {
        engine.close();
        engine = open();
    }

    public void advance(Duration duration) {
        clock.set(clock.instant().plus(duration));
    }

    /** Sets the clock to an instant. */
    public void at(Instant instant) {
        clock.set(instant);
    }

    /** @return the instant of a China wall-clock time, e.g. {@code china("2026-03-11T01:00")} */
    public static Instant china(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ChinaTime.ZONE);
    }

    /**
     * The {@code i}-th of a million China Mobile numbers that each lie in a block of 100 of their
     * own: {@code 139}, then {@code i} in six digits, then {@code 88}, so that the first 9 digits of
     * any two differ and charging many of them never looks like a SIM batch (VEL-SIM-BATCH-24H).
     * None shares a block with {@code 13800138000}.
     *
     * @param i 0 to 999,999
     */
    public static String numberInOwnBlock(int i) {
        if (i < 0 || i > 999_999) {
            throw new IllegalArgumentException("i must be 0 to 999999, got " + i);
        }
        return "139" + String.format("%06d", i) + "88";
    }

    /**
     * A number of a block of 100 consecutive numbers (its first 9 digits), e.g.
     * {@code numberInBlock("137001370", 5)} is {@code 13700137005}.
     *
     * @param block the first 9 digits
     * @param last the last two digits, 0 to 99
     */
    public static String numberInBlock(String block, int last) {
        if (block.length() != 9 || last < 0 || last > 99) {
            throw new IllegalArgumentException("a block is 9 digits and a number in it 0 to 99");
        }
        return block + String.format("%02d", last);
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
        RiskVerdict verdict = engine.check(charge.build());
        verdict.hits().forEach(hit -> firedCodes.add(hit.code()));
        return verdict;
    }

    /** Adds a list entry with a test reason. */
    public void list(ListKind kind, String value, Instant addedAt, Instant expiresAt) {
        engine.addListEntry(new ListEntry(kind, value, ListSource.INTERNAL, "test entry", addedAt, expiresAt, null));
    }

    /** Reports a complaint of a number against a merchant, filed at {@code ts}. */
    public void complaint(String msisdn, String merchantId, Instant ts) {
        engine.reportComplaint(new Complaint("C" + ids.incrementAndGet(), ts, new Msisdn(msisdn), merchantId, null,
                ComplaintKind.UNAUTHORIZED, ComplaintSource.CARRIER));
    }

    /**
     * A subscriber profile to store with {@link SubscriberBuilder#save()}; by default an active
     * postpaid CMCC line activated years ago, never ported, not in arrears, valid from a day before
     * {@link #START}.
     */
    public SubscriberBuilder subscriber(String msisdn) {
        return new SubscriberBuilder(msisdn);
    }

    /** Builds and stores one version of a subscriber's profile. Not thread-safe. */
    public final class SubscriberBuilder {
        private final Msisdn msisdn;
        private Carrier carrier = Carrier.CMCC;
        private LocalDate activatedOn = LocalDate.of(2020, 1, 1);
        private Plan plan = Plan.POSTPAID;
        private long balanceFen;
        private int arrearsDays;
        private SubscriberStatus status = SubscriberStatus.ACTIVE;
        private LocalDate portedOn;
        private Instant updatedAt = START.minus(Duration.ofDays(1));

        private SubscriberBuilder(String msisdn) {
            this.msisdn = new Msisdn(msisdn);
        }

        public SubscriberBuilder carrier(Carrier value) {
            carrier = value;
            return this;
        }

        public SubscriberBuilder activatedOn(LocalDate value) {
            activatedOn = value;
            return this;
        }

        public SubscriberBuilder prepaid(long balance) {
            plan = Plan.PREPAID;
            balanceFen = balance;
            return this;
        }

        public SubscriberBuilder postpaid(long balance) {
            plan = Plan.POSTPAID;
            balanceFen = balance;
            return this;
        }

        public SubscriberBuilder arrearsDays(int value) {
            arrearsDays = value;
            return this;
        }

        public SubscriberBuilder status(SubscriberStatus value) {
            status = value;
            return this;
        }

        public SubscriberBuilder portedOn(LocalDate value) {
            portedOn = value;
            return this;
        }

        public SubscriberBuilder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        /** Stores the profile through the engine and returns it. */
        public SubscriberProfile save() {
            SubscriberProfile profile = new SubscriberProfile(msisdn, carrier, activatedOn, plan, balanceFen,
                    arrearsDays, status, portedOn, updatedAt);
            engine.updateSubscriber(profile);
            return profile;
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
