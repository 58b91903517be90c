package io.tollgate.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.RiskVerdict;
import java.nio.file.Path;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseDecisionsTest {
    private static final String NUMBER = "13800138000";
    private static final String DEVICE = "farm-device-1";
    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path folder;
    private EngineFixture fixture;

    @BeforeEach
    void open() {
        fixture = new EngineFixture(folder);
        fixture.engine.users().add("rita", Role.REVIEWER, PASSWORD);
        fixture.engine.users().add("anna", Role.ANALYST, PASSWORD);
    }

    @AfterEach
    void close() {
        fixture.engine.close();
    }

    /** A charge whose OTP was typed in under 2 s: blocked, with a case. */
    private ReviewCase blockedCase() {
        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).deviceId(DEVICE).otpLatencyMs(1_000L));
        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        return fixture.engine.cases().byRequestId(verdict.requestId()).orElseThrow();
    }

    private CaseDecisions decisions() {
        return fixture.engine.caseDecisions();
    }

    @Test
    void decide_falsePositive_changesStatusAndWritesAuditEntry() {
        ReviewCase opened = blockedCase();

        AuditEntry entry = decisions().decide(opened.caseId(), CaseStatus.FALSE_POSITIVE, "  Known fast typist  ",
                "rita", false, false);

        assertThat(fixture.engine.cases().byId(opened.caseId()).orElseThrow().status())
                .isEqualTo(CaseStatus.FALSE_POSITIVE);
        assertThat(fixture.engine.auditTrail().ofCase(opened.caseId())).singleElement().satisfies(stored -> {
            assertThat(stored.id()).isEqualTo(entry.id());
            assertThat(stored.actor()).isEqualTo("rita");
            assertThat(stored.action()).isEqualTo("DECIDE");
            assertThat(stored.statusBefore()).isEqualTo(CaseStatus.OPEN);
            assertThat(stored.statusAfter()).isEqualTo(CaseStatus.FALSE_POSITIVE);
            assertThat(stored.note()).isEqualTo("Known fast typist");
            assertThat(stored.at()).isEqualTo(fixture.clock.instant());
        });
    }

    @Test
    void decide_confirmedFraudWithBlacklist_nextCheckOfNumberAndDeviceIsBlocked() {
        ReviewCase opened = blockedCase();
        fixture.advance(Duration.ofMinutes(5));

        AuditEntry entry = decisions().decide(opened.caseId(), CaseStatus.CONFIRMED_FRAUD, "Malware pattern",
                "rita", true, true);

        assertThat(entry.detail()).contains("MSISDN 138****8000 by COMPLIANCE", "DEVICE " + DEVICE)
                .doesNotContain(NUMBER);
        fixture.advance(Duration.ofSeconds(1));
        RiskVerdict sameNumber = fixture.check(fixture.charge(NUMBER).deviceId("other-device"));
        RiskVerdict sameDevice = fixture.check(fixture.charge(EngineFixture.numberInOwnBlock(7))
                .deviceId(DEVICE));
        assertThat(sameNumber.decision()).isEqualTo(Decision.BLOCK);
        assertThat(sameDevice.decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void decide_withoutBlacklist_nextCheckOfNumberPasses() {
        ReviewCase opened = blockedCase();
        fixture.advance(Duration.ofMinutes(5));

        decisions().decide(opened.caseId(), CaseStatus.CONFIRMED_FRAUD, "Fraud, but the line is recycled",
                "rita", false, false);

        fixture.advance(Duration.ofSeconds(1));
        assertThat(fixture.check(fixture.charge(NUMBER)).decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void decideAndReveal_notesWithNumbers_storedMaskedWithTheRestKept() {
        ReviewCase opened = blockedCase();

        decisions().revealNumber(opened.caseId(), "Caller gave 13912345678 and (+86) 139 1234-5678", "rita");
        AuditEntry decided = decisions().decide(opened.caseId(), CaseStatus.ESCALATED,
                "Same as 8613912345678 / 139.1234.5678, see case 12", "rita", false, false);

        assertThat(decided.note()).isEqualTo("Same as 86139****5678 / 139****5678, see case 12");
        assertThat(fixture.engine.auditTrail().ofCase(opened.caseId())).extracting(AuditEntry::note).containsExactly(
                "Caller gave 139****5678 and (+86) 139****5678", "Same as 86139****5678 / 139****5678, see case 12");
    }

    @Test
    void decide_byAnalyst_isRefusedAndChangesNothing() {
        ReviewCase opened = blockedCase();

        assertThatThrownBy(() -> decisions().decide(opened.caseId(), CaseStatus.FALSE_POSITIVE, "looks fine",
                "anna", false, false))
                .isInstanceOf(UnableToDecideException.class).hasMessageContaining("is ANALYST and may not decide");

        assertThat(fixture.engine.cases().byId(opened.caseId()).orElseThrow().status()).isEqualTo(CaseStatus.OPEN);
        assertThat(fixture.engine.auditTrail().ofCase(opened.caseId())).isEmpty();
    }

    @Test
    void decide_blankNoteOrUnknownUserOrCase_isRefused() {
        ReviewCase opened = blockedCase();

        assertThatThrownBy(() -> decisions().decide(opened.caseId(), CaseStatus.ESCALATED, " ", "rita", false, false))
                .isInstanceOf(UnableToDecideException.class).hasMessageContaining("note is required");
        assertThatThrownBy(() -> decisions().decide(opened.caseId(), CaseStatus.ESCALATED, "x", "nobody", false, false))
                .isInstanceOf(UnableToDecideException.class).hasMessageContaining("no user 'nobody'");
        assertThatThrownBy(() -> decisions().decide(999, CaseStatus.ESCALATED, "x", "rita", false, false))
                .isInstanceOf(UnableToDecideException.class).hasMessageContaining("no case 999");
        assertThatThrownBy(() -> decisions().decide(opened.caseId(), CaseStatus.OPEN, "x", "rita", false, false))
                .isInstanceOf(UnableToDecideException.class).hasMessageContaining("status must be one of");
        assertThatThrownBy(() -> decisions().decide(opened.caseId(), CaseStatus.FALSE_POSITIVE, "x", "rita", true, false))
                .isInstanceOf(UnableToDecideException.class).hasMessageContaining("only a confirmed fraud");
        assertThat(fixture.engine.auditTrail().ofCase(opened.caseId())).isEmpty();
    }

    @Test
    void decide_escalatedThenConfirmed_recordsBothAndRefusesAThird() {
        ReviewCase opened = blockedCase();

        decisions().decide(opened.caseId(), CaseStatus.ESCALATED, "Ask the carrier", "rita", false, false);
        decisions().decide(opened.caseId(), CaseStatus.CONFIRMED_FRAUD, "Carrier confirmed", "rita", false, false);

        assertThatThrownBy(() -> decisions().decide(opened.caseId(), CaseStatus.FALSE_POSITIVE, "oops", "rita",
                false, false))
                .isInstanceOf(UnableToDecideException.class).hasMessageContaining("CONFIRMED_FRAUD already");
        assertThat(fixture.engine.auditTrail().ofCase(opened.caseId()))
                .extracting(AuditEntry::statusBefore, AuditEntry::statusAfter)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CaseStatus.OPEN, CaseStatus.ESCALATED),
                        org.assertj.core.groups.Tuple.tuple(CaseStatus.ESCALATED, CaseStatus.CONFIRMED_FRAUD));
    }

    @Test
    void auditEntry_updateOrDeleteThroughTheApplicationsDatabase_fails() {
        ReviewCase opened = blockedCase();
        decisions().decide(opened.caseId(), CaseStatus.FALSE_POSITIVE, "Known fast typist", "rita", false, false);
        fixture.engine.close();
        try (io.tollgate.store.Database database =
                io.tollgate.store.Database.open(io.tollgate.store.Database.h2FileUrl(fixture.dbFile))) {
            Jdbi jdbi = database.jdbi();

            assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute("UPDATE audit_entry SET note = 'edited'")))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbi.useHandle(handle -> handle.execute("DELETE FROM audit_entry")))
                    .hasMessageContaining("append-only");
            java.util.List<String> notes = jdbi.withHandle(handle -> handle.createQuery("SELECT note FROM audit_entry")
                    .mapTo(String.class).list());
            assertThat(notes).containsExactly("Known fast typist");
        } finally {
            fixture.engine = fixture.open();
        }
    }
}
