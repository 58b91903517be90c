package io.tollgate.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.Decision;
import io.tollgate.EngineFixture;
import io.tollgate.RiskVerdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailSearchTest {
    private static final char[] PASSWORD = "correct horse battery".toCharArray();
    private static final Instant DAY_2 = EngineFixture.START.plus(Duration.ofDays(1));

    @TempDir
    Path folder;
    private EngineFixture fixture;
    private long firstCase;
    private long secondCase;

    /** Day 1: ada issues a token, rita decides the first case. Day 2: rita reveals, then decides the second. */
    @BeforeEach
    void open() {
        fixture = new EngineFixture(folder);
        fixture.engine.users().add("rita", Role.REVIEWER, PASSWORD);
        fixture.engine.users().add("ada", Role.ADMIN, PASSWORD);
        firstCase = blockedCase("13800138000");
        secondCase = blockedCase("13900139000");
        fixture.engine.apiTokens().issue("gateway", "ada");
        fixture.engine.caseDecisions().decide(firstCase, CaseStatus.FALSE_POSITIVE, "Known fast typist", "rita",
                false, false);
        fixture.at(DAY_2);
        fixture.engine.caseDecisions().revealNumber(secondCase, "Carrier asked: 100% sure_it is fraud", "rita");
        fixture.engine.caseDecisions().decide(secondCase, CaseStatus.CONFIRMED_FRAUD, "Malware pattern", "rita",
                true, false);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private long blockedCase(String number) {
        RiskVerdict verdict = fixture.check(fixture.charge(number).otpLatencyMs(1_000L));
        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        return fixture.engine.cases().byRequestId(verdict.requestId()).orElseThrow().caseId();
    }

    private AuditResults search(String actor, String action, Long caseId, Instant from, Instant until, String text) {
        return fixture.engine.auditTrail().search(new AuditQuery(actor, action, caseId, from, until, text, 0, 50));
    }

    @Test
    void search_noFilters_everyEntryNewestFirst() {
        AuditResults results = fixture.engine.auditTrail().search(AuditQuery.newest(50));

        assertThat(results.total()).isEqualTo(4);
        assertThat(results.entries()).extracting(AuditEntry::action)
                .containsExactly("DECIDE", "REVEAL_NUMBER", "DECIDE", "TOKEN_ISSUE");
    }

    @Test
    void search_byActorActionAndCase_allApply() {
        assertThat(search("ada", null, null, null, null, null).entries()).extracting(AuditEntry::action)
                .containsExactly("TOKEN_ISSUE");
        assertThat(search("rita", "DECIDE", null, null, null, null).total()).isEqualTo(2);
        assertThat(search("rita", "DECIDE", secondCase, null, null, null).entries()).singleElement()
                .satisfies(entry -> assertThat(entry.statusAfter()).isEqualTo(CaseStatus.CONFIRMED_FRAUD));
        assertThat(search("ada", "DECIDE", null, null, null, null).total()).isZero();
    }

    @Test
    void search_timeRange_fromInclusiveUntilExclusive() {
        assertThat(search(null, null, null, DAY_2, null, null).entries()).extracting(AuditEntry::caseId)
                .containsExactly(secondCase, secondCase);
        assertThat(search(null, null, null, null, DAY_2, null).total()).isEqualTo(2);
        assertThat(search(null, null, null, EngineFixture.START, DAY_2, null).entries()).extracting(AuditEntry::action)
                .containsExactly("DECIDE", "TOKEN_ISSUE");
    }

    @Test
    void search_text_matchesNoteOrDetailIgnoringCase_wildcardsLiterally() {
        assertThat(search(null, null, null, null, null, "malware").entries()).singleElement()
                .satisfies(entry -> assertThat(entry.caseId()).isEqualTo(secondCase));
        assertThat(search(null, null, null, null, null, "blacklisted: msisdn").total()).isEqualTo(1);
        assertThat(search(null, null, null, null, null, "'gateway'").total()).isEqualTo(1);
        assertThat(search(null, null, null, null, null, "100% sure_it").total()).isEqualTo(1);
        assertThat(search(null, null, null, null, null, "1_0%").total()).as("% and _ are not wildcards").isZero();
    }

    @Test
    void search_paged_offsetAndLimitKeepTheTotal() {
        AuditResults second = fixture.engine.auditTrail()
                .search(new AuditQuery(null, null, null, null, null, null, 1, 2));

        assertThat(second.total()).isEqualTo(4);
        assertThat(second.entries()).extracting(AuditEntry::action).containsExactly("REVEAL_NUMBER", "DECIDE");
    }

    @Test
    void actions_everyActionOnce_sorted() {
        assertThat(fixture.engine.auditTrail().actions()).containsExactly("DECIDE", "REVEAL_NUMBER", "TOKEN_ISSUE");
    }

    @Test
    void query_textWithFiveDigitsInARow_refused() {
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, "00138", 0, 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 or more digits");
        assertThat(new AuditQuery(null, null, null, null, null, "  R-1 2026 ", 0, 50).text()).isEqualTo("R-1 2026");
    }

    /**
     * The attack on the search: the page shows 139****5678, so search the shown digits with each
     * candidate for the next hidden one, and slide the window along. Every window of 2 to 4 digits
     * that holds a hidden digit must match nothing, whichever way the note wrote the number.
     */
    @Test
    void search_slidingDigitWindowsOverANumberInANote_matchOnlyItsShownDigits() {
        String number = "13912345678";
        fixture.engine.caseDecisions().revealNumber(firstCase, "called from " + number + ", +86 139 1234 5678, "
                + "139-1234-5678, 8613912345678, 139.1234.5678, (139) 1234 5678", "rita");

        for (int length = 2; length <= 4; length++) {
            for (int start = 0; start + length <= number.length(); start++) {
                String window = number.substring(start, start + length);
                boolean hidesADigit = start < 7 && start + length > 3;
                long found = search(null, "REVEAL_NUMBER", firstCase, null, null, window).total();
                if (hidesADigit) {
                    assertThat(found).as("window '%s' holds a hidden digit", window).isZero();
                } else {
                    assertThat(found).as("window '%s' is shown on the page", window).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void query_textShapedLikeANumber_refused() {
        for (String text : new String[] {"139 1234 5678", "1 3 9 1 2 3 4 5 6 7 8", "139-1234-5678", "139.1234.5678"}) {
            assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, text, 0, 50)).as(text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phone number")
                    .hasMessageNotContaining(text);
        }
        assertThat(new AuditQuery(null, null, null, null, null, "139****5678", 0, 50).text()).isEqualTo("139****5678");
    }

    @Test
    void query_badPageOrRange_refused() {
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, null, -1, 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
        assertThatThrownBy(() -> new AuditQuery(null, null, null, null, null, null, 0, AuditQuery.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new AuditQuery(null, null, null, DAY_2, EngineFixture.START, null, 0, 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends before");
    }
}
