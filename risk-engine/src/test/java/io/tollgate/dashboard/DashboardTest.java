package io.tollgate.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.dashboard.DashboardFigures.AgeBucket;
import io.tollgate.dashboard.DashboardFigures.HourCounts;
import io.tollgate.dashboard.DashboardFigures.MerchantRate;
import io.tollgate.review.CaseStatus;
import io.tollgate.review.Role;
import io.tollgate.signals.lists.ListKind;
import io.tollgate.store.Database;
import io.tollgate.store.Times;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardTest {
    @TempDir
    Path folder;

    @Test
    void dashboard_decisionsInWindow_countedPerHourByOutcome() {
        try (EngineFixture fixture = new EngineFixture(folder)) {
            fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(1)));      // older than the window
            fixture.advance(Duration.ofHours(30));
            fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(2)));
            fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(3)).amountFen(3_500));
            fixture.advance(Duration.ofHours(2));
            fixture.list(ListKind.MSISDN, EngineFixture.numberInOwnBlock(4), fixture.clock.instant(), null);
            fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(4)));

            DashboardFigures figures = fixture.engine.dashboard(24);

            assertThat(figures.asOf()).isEqualTo(fixture.clock.instant());
            assertThat(figures.hours()).hasSize(24);
            HourCounts last = figures.hours().get(23);
            HourCounts twoBefore = figures.hours().get(21);
            assertThat(last.start()).isEqualTo(EngineFixture.START.plus(Duration.ofHours(32)));
            assertThat(last.counts()).containsEntry(Decision.BLOCK, 1L).containsEntry(Decision.ALLOW, 0L);
            assertThat(twoBefore.counts()).containsEntry(Decision.ALLOW, 1L).containsEntry(Decision.FLAG, 1L);
            assertThat(figures.hours().stream().mapToLong(HourCounts::total).sum()).isEqualTo(3);
        }
    }

    @Test
    void dashboard_decidedOutOfOrder_everyVerdictCountedInItsHour() {
        try (EngineFixture fixture = new EngineFixture(folder)) {
            // The clock steps back: rows of an earlier hour are stored after rows of a later one.
            Instant[] decided = {hour(3).plusSeconds(60), hour(1).plusSeconds(600), hour(3).plusSeconds(120),
                    hour(2).plusSeconds(59 * 60), hour(1).plusSeconds(30)};
            for (int i = 0; i < decided.length; i++) {
                fixture.at(decided[i]);
                fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(i)).merchantId("M-BACK"));
            }
            fixture.at(hour(3).plusSeconds(1_800));

            DashboardFigures figures = fixture.engine.dashboard(3);

            assertThat(figures.hours()).extracting(HourCounts::total).containsExactly(2L, 1L, 2L);
            assertThat(figures.merchants()).extracting(MerchantRate::merchantId, MerchantRate::approved30d)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("M-BACK", 5L));
            fixture.restart();
            assertThat(fixture.engine.dashboard(2).hours()).extracting(HourCounts::total).containsExactly(1L, 2L);
        }
    }

    private static Instant hour(int n) {
        return EngineFixture.START.plus(Duration.ofHours(n));
    }

    @Test
    void dashboard_queries_readARangeOfThePrimaryKey() {
        try (Database database = Database.open(Database.h2FileUrl(folder.resolve("db")))) {
            OffsetDateTime since = Times.utc(EngineFixture.START);
            OffsetDateTime asOf = Times.utc(EngineFixture.START.plus(Duration.ofHours(24)));
            for (String sql : List.of(Dashboard.HOURS_SQL, Dashboard.TOP_RULES_SQL, Dashboard.MERCHANTS_SQL)) {
                String plan = database.jdbi().withHandle(handle -> handle.createQuery("EXPLAIN " + sql)
                        .bind("lo", 1L).bind("hi", 1_000L)
                        .bind("since", since).bind("approvedSince", since).bind("complaintsSince", since)
                        .bind("asOf", asOf)
                        .mapTo(String.class).one());

                assertThat(plan).as(sql).containsPattern(
                        "FROM \"?PUBLIC\"?\\.\"?DECISION\"?\\s+/\\* PUBLIC\\.PRIMARY_KEY_\\w+: SEQ >= \\S+\\s+AND SEQ <= ");
            }
        }
    }

    @Test
    void dashboard_topRules_countsEachCodeOfEveryVerdict() {
        try (EngineFixture fixture = new EngineFixture(folder)) {
            for (int i = 0; i < 3; i++) {
                fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(i)).amountFen(3_500));
            }
            fixture.list(ListKind.MSISDN, EngineFixture.numberInOwnBlock(9), fixture.clock.instant(), null);
            fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(9)).amountFen(3_500));

            List<DashboardFigures.RuleHits> top = fixture.engine.dashboard(24).topRules();

            assertThat(top).containsExactly(new DashboardFigures.RuleHits("VEL-AMOUNT-30", 4),
                    new DashboardFigures.RuleHits("LIST-MSISDN", 1));
        }
    }

    @Test
    void complaintBudget_defaultRules_readFromTheMerchantRateRule() {
        try (EngineFixture fixture = new EngineFixture(folder)) {
            ComplaintBudget budget = ComplaintBudget.of(fixture.engine.ruleSet());

            assertThat(budget.ratePer10k()).isEqualTo(30.0);
            assertThat(budget.minApproved()).isEqualTo(1_000);
            assertThat(budget.source()).startsWith("CMP-MERCHANT-RATE in complaints.drl:");
        }
    }

    @Test
    void complaintBudget_ruleRemoved_isTheDefaultAndSaysSo() throws IOException {
        Path rules = EngineFixture.copyRules(folder.resolve("rules"));
        Path complaints = rules.resolve("complaints.drl");
        String drl = Files.readString(complaints);
        Files.writeString(complaints, drl.substring(0, drl.indexOf("rule \"Merchant over its complaint budget")));
        try (EngineFixture fixture = new EngineFixture(folder, rules)) {
            ComplaintBudget budget = ComplaintBudget.of(fixture.engine.ruleSet());

            assertThat(budget).isEqualTo(new ComplaintBudget(30.0, 1_000,
                    "default: the rule set has no CMP-MERCHANT-RATE rule"));
        }
    }

    @Test
    void dashboard_merchants_measuredAgainstTheBudgetTheRuleEnforces() throws IOException {
        Path rules = EngineFixture.copyRules(folder.resolve("rules"));
        Path complaints = rules.resolve("complaints.drl");
        Files.writeString(complaints, Files.readString(complaints)
                .replace("merchantApproved30d >= 1000", "merchantApproved30d >= 4")
                .replace("merchantRatePer10k > 30.0", "merchantRatePer10k > 2000.0"));
        try (EngineFixture fixture = new EngineFixture(folder, rules)) {
            for (int i = 0; i < 5; i++) { // M-LOUD: 4 approved (one failed at the carrier), 1 complaint
                fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(i)).requestId("L" + i).merchantId("M-LOUD"));
            }
            fixture.engine.reportCarrierResult("L4", false);
            fixture.complaint(EngineFixture.numberInOwnBlock(0), "M-LOUD", fixture.clock.instant());
            for (int i = 10; i < 20; i++) { // M-QUIET: 10 approved, 1 complaint
                fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(i)).merchantId("M-QUIET"));
            }
            fixture.complaint(EngineFixture.numberInOwnBlock(10), "M-QUIET", fixture.clock.instant());
            fixture.complaint(EngineFixture.numberInOwnBlock(11), "M-QUIET",
                    fixture.clock.instant().minus(Duration.ofDays(31))); // outside the window
            fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(30)).merchantId("M-SMALL"));
            fixture.complaint(EngineFixture.numberInOwnBlock(30), "M-SMALL", fixture.clock.instant());
            fixture.advance(Duration.ofMinutes(1));

            DashboardFigures figures = fixture.engine.dashboard(24);

            assertThat(figures.budget().ratePer10k()).isEqualTo(2000.0);
            assertThat(figures.budget().minApproved()).isEqualTo(4);
            assertThat(figures.merchants()).containsExactly(
                    new MerchantRate("M-LOUD", 4, 1, 2500.0, true, true),
                    new MerchantRate("M-QUIET", 10, 1, 1000.0, true, false),
                    new MerchantRate("M-SMALL", 1, 1, 10_000.0, false, false));
        }
    }

    @Test
    void dashboard_caseAges_bandsOpenAndEscalatedCases() {
        try (EngineFixture fixture = new EngineFixture(folder)) {
            // Each flagged charge (over 30 CNY) opens a case; ages as of the end: 4d, 2d, 5h, 2h, 10m.
            int[] hoursBeforeEnd = {96, 48, 5, 2};
            Instant end = EngineFixture.START.plus(Duration.ofDays(5));
            for (int i = 0; i < hoursBeforeEnd.length; i++) {
                fixture.at(end.minus(Duration.ofHours(hoursBeforeEnd[i])));
                fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(i)).requestId("C" + i).amountFen(3_500));
            }
            fixture.at(end.minus(Duration.ofMinutes(10)));
            fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(9)).requestId("C9").amountFen(3_500));
            fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(8)).requestId("C8").amountFen(3_500));
            fixture.engine.users().add("rita", Role.REVIEWER, "correct horse battery".toCharArray());
            long escalated = fixture.engine.cases().byRequestId("C1").orElseThrow().caseId();
            fixture.engine.caseDecisions().decide(escalated, CaseStatus.ESCALATED, "ask the carrier", "rita",
                    false, false);
            long decided = fixture.engine.cases().byRequestId("C8").orElseThrow().caseId();
            fixture.engine.caseDecisions().decide(decided, CaseStatus.FALSE_POSITIVE, "known buyer", "rita",
                    false, false);
            fixture.at(end);

            List<AgeBucket> ages = fixture.engine.dashboard(24).caseAges();

            assertThat(ages).extracting(AgeBucket::label).containsExactly("<1h", "1–4h", "4–24h", "1–3d", ">3d");
            assertThat(ages).extracting(AgeBucket::open).containsExactly(1L, 1L, 1L, 0L, 1L);
            assertThat(ages).extracting(AgeBucket::escalated).containsExactly(0L, 0L, 0L, 1L, 0L);
        }
    }

    @Test
    void dashboard_hoursOutOfRange_refused() {
        try (EngineFixture fixture = new EngineFixture(folder)) {
            assertThatThrownBy(() -> fixture.engine.dashboard(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("hours must be 1 to 168, got 0");
        }
    }
}
