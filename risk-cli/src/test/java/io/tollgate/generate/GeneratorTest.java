package io.tollgate.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.Msisdn;
import io.tollgate.charge.NumberSegments;
import io.tollgate.data.CsvReader;
import io.tollgate.data.DataFiles;
import io.tollgate.replay.Replay;
import io.tollgate.signals.complaints.Complaint;
import io.tollgate.signals.subscriber.SubscriberProfile;
import io.tollgate.signals.velocity.SubscriptionPeriods;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
    /** Big enough for every pattern to act, small enough to replay in seconds. */
    private static final Generator.Options SMALL = new Generator.Options(42, 1_500, 30);

    @TempDir
    static Path shared;

    private static Path small;
    private static GenerateSummary smallSummary;
    private static List<ChargeRequest> charges;

    @BeforeAll
    static void generateSmallSet() throws IOException {
        small = Files.createDirectories(shared.resolve("small"));
        smallSummary = Generator.run(SMALL, small, new PrintWriter(new StringWriter()));
        charges = readCharges(small.resolve("charges.csv"));
    }

    private static List<ChargeRequest> readCharges(Path file) {
        List<ChargeRequest> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(file, Replay.CHARGE_COLUMNS)) {
            for (Map<String, String> row = reader.next(); row != null; row = reader.next()) {
                rows.add(ChargeRequest.fromColumns(row));
            }
        }
        return rows;
    }

    @Test
    void run_sameSeedAndOptions_writesByteIdenticalFiles(@TempDir Path again) throws IOException {
        Generator.run(SMALL, again, new PrintWriter(new StringWriter()));

        for (String file : Generator.FILES) {
            assertThat(Files.readAllBytes(again.resolve(file))).as(file).isEqualTo(Files.readAllBytes(small.resolve(file)));
        }
    }

    @Test
    void run_otherSeed_writesOtherFiles(@TempDir Path other) throws IOException {
        Generator.run(new Generator.Options(43, SMALL.users(), SMALL.days()), other, new PrintWriter(new StringWriter()));

        for (String file : Generator.FILES) {
            assertThat(Files.readAllBytes(other.resolve(file))).as(file).isNotEqualTo(Files.readAllBytes(small.resolve(file)));
        }
    }

    @Test
    void run_smallSet_leavesOnlyTheFiveFiles() throws IOException {
        try (var files = Files.list(small)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrderElementsOf(Generator.FILES);
        }
    }

    @Test
    void run_referenceFiles_parseWithTheEngineReader() {
        DataFiles data = DataFiles.read(small);

        assertThat((long) data.subscribers().size()).isEqualTo(smallSummary.fileRows().get("subscribers.csv"));
        assertThat((long) data.listEntries().size()).isEqualTo(smallSummary.fileRows().get("blacklist.csv")).isPositive();
        assertThat((long) data.complaints().size()).isEqualTo(smallSummary.fileRows().get("complaints.csv")).isPositive();
        assertThat((long) data.disputes().size()).isEqualTo(smallSummary.fileRows().get("disputes.csv")).isPositive();
    }

    @Test
    void run_charges_parseInTimeOrderWithUniqueRequestIds() {
        assertThat((long) charges.size()).isEqualTo(smallSummary.charges());
        Set<String> ids = new HashSet<>();
        Instant previous = Instant.MIN;
        for (ChargeRequest charge : charges) {
            assertThat(ids.add(charge.requestId())).as(charge.requestId()).isTrue();
            assertThat(charge.ts()).as(charge.requestId()).isAfterOrEqualTo(previous);
            previous = charge.ts();
        }
        assertThat(charges.get(0).ts()).isAfterOrEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
        assertThat(previous).isBefore(Instant.parse("2026-03-30T16:00:00Z"));
    }

    @Test
    void run_smallSet_everyLabelAppearsAndBadTrafficIsAFewPercent() {
        Map<String, Long> labels = charges.stream().collect(Collectors.groupingBy(ChargeRequest::label, Collectors.counting()));

        assertThat(labels.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Label.values()).map(Label::csv).toList());
        for (Label label : Label.values()) {
            assertThat(smallSummary.byLabel().get(label)).as(label.csv()).isEqualTo(labels.get(label.csv()));
        }
        double badShare = (double) smallSummary.badCharges() / smallSummary.charges();
        assertThat(badShare).isBetween(0.04, 0.12);
    }

    @Test
    void run_msisdns_areValidMobileNumbersOfTheirSegmentsCarrier() throws NumberParseException {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Set<String> numbers = new HashSet<>();
        charges.forEach(charge -> numbers.add(charge.msisdn().digits()));
        for (String number : numbers) {
            assertThat(util.isValidNumber(util.parse("+86" + number, "CN"))).as(Msisdn.mask(number)).isTrue();
            assertThat(NumberSegments.get().of(new Msisdn(number)).carrier()).as(Msisdn.mask(number)).isNotNull();
        }
        for (SubscriberProfile profile : DataFiles.read(small).subscribers()) {
            if (profile.portedOn() == null) {
                assertThat(profile.carrier()).as(profile.msisdn().masked())
                        .isEqualTo(NumberSegments.get().of(profile.msisdn()).carrier());
            } else {
                assertThat(profile.carrier()).isNotEqualTo(NumberSegments.get().of(profile.msisdn()).carrier());
            }
        }
    }

    @Test
    void run_profiles_predateTheFirstChargeExceptNewSimsStillSyncing() {
        Map<String, Instant> firstCharge = new HashMap<>();
        Map<String, String> labelOf = new HashMap<>();
        for (ChargeRequest charge : charges) {
            firstCharge.putIfAbsent(charge.msisdn().digits(), charge.ts());
            labelOf.putIfAbsent(charge.msisdn().digits(), charge.label());
        }
        Map<String, SubscriberProfile> firstVersion = new HashMap<>();
        for (SubscriberProfile profile : DataFiles.read(small).subscribers()) {
            firstVersion.merge(profile.msisdn().digits(), profile,
                    (a, b) -> a.updatedAt().isBefore(b.updatedAt()) ? a : b);
        }
        int lagging = 0;
        for (var entry : firstVersion.entrySet()) {
            Instant first = firstCharge.get(entry.getKey());
            SubscriberProfile profile = entry.getValue();
            if (first == null || profile.updatedAt().isBefore(first)) {
                continue;
            }
            // Only a SIM activated in the period may charge before its profile reaches us.
            assertThat(labelOf.get(entry.getKey())).isEqualTo("legit");
            assertThat(profile.activatedOn()).isAfterOrEqualTo(Horizon.START);
            lagging++;
        }
        assertThat(lagging).isLessThan(firstVersion.size() / 50);
    }

    @Test
    void run_complainers_complainBetweenTheirCharges() {
        Map<String, List<Instant>> complainerCharges = new TreeMap<>();
        charges.stream().filter(charge -> charge.label().equals("complainer"))
                .forEach(charge -> complainerCharges.computeIfAbsent(charge.msisdn().digits(), n -> new ArrayList<>())
                        .add(charge.ts()));
        List<Complaint> complaints = DataFiles.read(small).complaints();
        int inPeriod = 0;
        for (Complaint complaint : complaints) {
            List<Instant> times = complainerCharges.get(complaint.msisdn().digits());
            if (times == null || complaint.ts().isBefore(times.get(0).minusSeconds(86_400 * 10))) {
                continue; // not a complainer, or a veteran's record from before the period
            }
            inPeriod++;
            assertThat(times.get(0)).as("a complaint follows a purchase").isBefore(complaint.ts());
        }
        assertThat(inPeriod).isPositive();
    }

    @Test
    void run_legitSubscriptions_renewOnTimeWithoutOtpOrDevice() {
        Map<String, Instant> lastCharge = new HashMap<>();
        int renewals = 0;
        for (ChargeRequest charge : charges) {
            if (!charge.label().equals("legit") || charge.billingType() == BillingType.PER_USE) {
                continue;
            }
            String key = charge.msisdn().digits() + "|" + charge.productId();
            Instant previous = lastCharge.put(key, charge.ts());
            if (charge.chargeKind() == ChargeKind.RENEWAL) {
                renewals++;
                assertThat(charge.otpLatencyMs()).isNull();
                assertThat(charge.deviceId()).isNull();
                if (previous != null) {
                    assertThat(charge.ts()).as(charge.requestId())
                            .isAfterOrEqualTo(SubscriptionPeriods.periodEnd(charge.billingType(), previous));
                }
            }
        }
        assertThat(renewals).isPositive();
    }

    @Test
    void replay_smallSet_runsWithTheRepositoryRulesAndReportsEveryLabel() {
        var report = Replay.run(new Replay.Options(small, small.resolve("charges.csv"), Path.of("..", "rules"), null,
                null));

        assertThat(report.checks()).isEqualTo(smallSummary.charges());
        assertThat(report.byLabel().keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Label.values()).map(Label::csv).toList());
        assertThat(report.toText(10)).contains("device_farm", "toll_fraud", "duplicate_renewal");
    }
}
