package io.tollgate.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.RiskVerdict;
import io.tollgate.signals.lists.ListKind;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContestsTest {
    private static final String NUMBER = "13800138000";

    @TempDir
    Path folder;
    private EngineFixture fixture;

    @BeforeEach
    void open() {
        fixture = new EngineFixture(folder);
        fixture.engine.users().add("rita", Role.REVIEWER, "correct horse battery".toCharArray());
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A blacklisted number is blocked, and a list block opens no case. */
    private RiskVerdict listBlock() {
        fixture.list(ListKind.MSISDN, NUMBER, EngineFixture.START.minus(Duration.ofDays(1)), null);
        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).deviceId("d-1"));
        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.caseOpened()).isFalse();
        return verdict;
    }

    @Test
    void contest_blockWithoutCase_opensContestedCaseAndAuditsIt() {
        RiskVerdict verdict = listBlock();
        fixture.advance(Duration.ofHours(2));

        ContestOutcome outcome = fixture.engine.contests().contest(verdict.requestId(),
                "I never bought this; call me on 13800138000", "customer-service");

        assertThat(outcome.recorded()).isTrue();
        assertThat(outcome.caseOpened()).isTrue();
        ReviewCase c = fixture.engine.cases().byId(outcome.caseId()).orElseThrow();
        assertThat(c.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(c.requestId()).isEqualTo(verdict.requestId());
        assertThat(c.openedAt()).as("the verdict's time: the queue's age").isEqualTo(EngineFixture.START);
        assertThat(c.hits()).extracting(hit -> hit.code()).contains("LIST-MSISDN");
        assertThat(c.contest().by()).isEqualTo("customer-service");
        assertThat(c.contest().at()).isEqualTo(fixture.clock.instant());
        assertThat(c.snapshotJson()).contains("notCaptured", "138****8000").doesNotContain(NUMBER);
        assertThat(fixture.engine.auditTrail().ofCase(c.caseId())).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("CONTEST");
            assertThat(entry.actor()).isEqualTo("customer-service");
            assertThat(entry.statusAfter()).isEqualTo(CaseStatus.OPEN);
            assertThat(entry.note()).isEqualTo("I never bought this; call me on 138****8000");
        });
        assertThat(fixture.engine.cases().find(CaseFilter.parse("OPEN", null, null, null, null, null, "yes"), 0, 10))
                .extracting(ReviewCase::caseId).containsExactly(c.caseId());
    }

    @Test
    void contest_statementWithNumbers_storedMaskedOnTheCaseAndInTheTrail() {
        RiskVerdict verdict = listBlock();

        ContestOutcome outcome = fixture.engine.contests().contest(verdict.requestId(),
                "Not me. Call +86 139 1234 5678 or 139-1234-5678", "customer-service");

        String masked = "Not me. Call +86 139****5678 or 139****5678";
        assertThat(fixture.engine.cases().byId(outcome.caseId()).orElseThrow().contest().statement()).isEqualTo(masked);
        assertThat(fixture.engine.auditTrail().ofCase(outcome.caseId())).extracting(AuditEntry::note)
                .containsExactly(masked);
    }

    @Test
    void contest_twice_changesNothingTheSecondTime() {
        RiskVerdict verdict = listBlock();
        ContestOutcome first = fixture.engine.contests().contest(verdict.requestId(), "not me", "customer-service");

        ContestOutcome second = fixture.engine.contests().contest(verdict.requestId(), "not me!", "customer-service");

        assertThat(second.caseId()).isEqualTo(first.caseId());
        assertThat(second.recorded()).isFalse();
        assertThat(fixture.engine.auditTrail().ofCase(first.caseId())).hasSize(1);
        assertThat(fixture.engine.cases().byId(first.caseId()).orElseThrow().contest().statement()).isEqualTo("not me");
    }

    @Test
    void contest_unknownRequest_isUnknownRequest() {
        assertThatThrownBy(() -> fixture.engine.contests().contest("R-404", "not me", "customer-service"))
                .isInstanceOf(UnableToContestException.class).hasMessageContaining("R-404")
                .extracting(e -> ((UnableToContestException) e).reason())
                .isEqualTo(UnableToContestException.Reason.UNKNOWN_REQUEST);
    }

    @Test
    void contest_allowedOrFlaggedCharge_isNotBlocked() {
        RiskVerdict allowed = fixture.check(fixture.charge(NUMBER));
        RiskVerdict flagged = fixture.check(fixture.charge("13900139000").amountFen(5_000));
        assertThat(allowed.decision()).isEqualTo(Decision.ALLOW);
        assertThat(flagged.decision()).isEqualTo(Decision.FLAG);

        for (RiskVerdict verdict : new RiskVerdict[] {allowed, flagged}) {
            assertThatThrownBy(() -> fixture.engine.contests().contest(verdict.requestId(), "x", "customer-service"))
                    .isInstanceOf(UnableToContestException.class)
                    .extracting(e -> ((UnableToContestException) e).reason())
                    .isEqualTo(UnableToContestException.Reason.NOT_BLOCKED);
        }
    }

    @Test
    void contest_blankStatement_isRefused() {
        RiskVerdict verdict = listBlock();

        assertThatThrownBy(() -> fixture.engine.contests().contest(verdict.requestId(), " ", "customer-service"))
                .extracting(e -> ((UnableToContestException) e).reason())
                .isEqualTo(UnableToContestException.Reason.BAD_STATEMENT);
    }

    @Test
    void contest_confirmedFraud_reopensAndFalsePositiveCanUnlistTheNumber() {
        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).otpLatencyMs(1_000L));
        long caseId = fixture.engine.cases().byRequestId(verdict.requestId()).orElseThrow().caseId();
        fixture.engine.caseDecisions().decide(caseId, CaseStatus.CONFIRMED_FRAUD, "malware", "rita", true, false);
        fixture.advance(Duration.ofMinutes(10));
        assertThat(fixture.check(fixture.charge(NUMBER)).decision()).as("blacklisted now").isEqualTo(Decision.BLOCK);

        ContestOutcome outcome = fixture.engine.contests().contest(verdict.requestId(), "I type fast", "customer-service");
        assertThat(outcome.status()).isEqualTo(CaseStatus.OPEN);
        fixture.engine.caseDecisions().decide(caseId, CaseStatus.FALSE_POSITIVE, "verified by phone", "rita", false,
                false, true);
        fixture.advance(Duration.ofMinutes(10));

        assertThat(fixture.check(fixture.charge(NUMBER)).decision()).as("off the list again").isEqualTo(Decision.ALLOW);
        assertThat(fixture.engine.auditTrail().ofCase(caseId)).extracting(AuditEntry::action)
                .containsExactly("DECIDE", "CONTEST", "DECIDE");
        assertThat(fixture.engine.auditTrail().ofCase(caseId).get(1).detail()).isEqualTo("reopened for review");
        assertThat(fixture.engine.auditTrail().ofCase(caseId).get(2).detail())
                .isEqualTo("taken off the blacklist: MSISDN 138****8000");
    }
}
