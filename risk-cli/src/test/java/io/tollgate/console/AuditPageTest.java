package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.replay.SettableClock;
import io.tollgate.review.CaseStatus;
import io.tollgate.review.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditPageTest {
    /** 2026-03-10 10:00 China time. */
    private static final Instant DAY_1 = Instant.parse("2026-03-10T02:00:00Z");
    private static final Instant DAY_3 = DAY_1.plus(Duration.ofDays(2));
    /** Any 11-digit mobile number standing on its own. */
    private static final Pattern FULL_NUMBER = Pattern.compile("(?<![0-9])1[0-9]{10}(?![0-9])");

    @TempDir
    Path folder;
    private final SettableClock clock = new SettableClock(DAY_1);
    private RiskEngine engine;
    private ConsoleServer server;
    private ConsoleClient client;
    private long firstCase;
    private long secondCase;

    /** Day 1: ada issues a token, rita decides the first case. Day 3: rita reveals the second case's number. */
    @BeforeEach
    void start() {
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules"))
                .clock(clock).build();
        engine.users().add("rita", Role.REVIEWER, ConsoleClient.PASSWORD.toCharArray());
        engine.users().add("anna", Role.ANALYST, ConsoleClient.PASSWORD.toCharArray());
        engine.users().add("ada", Role.ADMIN, ConsoleClient.PASSWORD.toCharArray());
        firstCase = blockedCase("R-1", "13800138000");
        secondCase = blockedCase("R-2", "13900139000");
        engine.apiTokens().issue("gateway", "ada");
        engine.caseDecisions().decide(firstCase, CaseStatus.CONFIRMED_FRAUD,
                "Malware pattern; the subscriber called from 13912345678 and +86 137 0013 7000", "rita", true, false);
        clock.set(DAY_3);
        engine.caseDecisions().revealNumber(secondCase, "Carrier 10086 asked for it", "rita");
        server = ConsoleServer.start(engine, "127.0.0.1", 0);
        client = new ConsoleClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private long blockedCase(String requestId, String number) {
        RiskVerdict verdict = engine.check(ChargeRequest.builder().requestId(requestId).msisdn(number)
                .merchantId("M1001").productId("P1001-01").amountFen(500).billingType(BillingType.PER_USE)
                .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).deviceId("dev-" + requestId)
                .otpLatencyMs(1_000L).build());
        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        return engine.cases().byRequestId(requestId).orElseThrow().caseId();
    }

    private static int rows(String body) {
        return body.split("<tr><td>", -1).length - 1;
    }

    @Test
    void audit_everyRole_readsTheWholeLogNewestFirst() throws Exception {
        for (String user : new String[] {"rita", "anna", "ada"}) {
            HttpResponse<String> page = client.get("/audit", client.login(user).cookie());

            assertThat(page.statusCode()).as(user).isEqualTo(200);
            assertThat(rows(page.body())).as(user).isEqualTo(3);
            assertThat(page.body()).contains("Entries 1 to 3 of 3", "2026-03-12 10:00:00 +08:00");
            assertThat(page.body().indexOf("<td>REVEAL_NUMBER</td>")).isLessThan(page.body().indexOf("<td>DECIDE</td>"));
            assertThat(page.body().indexOf("<td>DECIDE</td>")).isLessThan(page.body().indexOf("<td>TOKEN_ISSUE</td>"));
        }
    }

    @Test
    void audit_withoutLogin_isSentToLogin() throws Exception {
        HttpResponse<String> page = client.get("/audit", null);

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/login");
    }

    @Test
    void audit_numbersInNotesAndDetails_areMasked() throws Exception {
        String body = client.get("/audit", client.login("anna").cookie()).body();

        assertThat(body).contains("139****5678", "138****8000", "Carrier 10086 asked");
        Matcher full = FULL_NUMBER.matcher(body);
        assertThat(full.find()).as("a full number on the page: %s", full.find(0) ? full.group() : "").isFalse();
        assertThat(body).doesNotContain("137 0013 7000").contains("137****7000");
    }

    /**
     * The attack that recovered a number a reviewer typed into a note: the page shows 139****5678, so
     * search the three digits shown with each candidate for the next one, keep the one that matches,
     * and slide along. It must learn nothing.
     */
    @Test
    void audit_slidingFourDigitSearchesForANumberInANote_recoverNoHiddenDigit() throws Exception {
        String cookie = client.login("anna").cookie();

        StringBuilder known = new StringBuilder("139");
        for (int hidden = 0; hidden < 4; hidden++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                String term = known.substring(known.length() - 3) + digit;
                HttpResponse<String> page = client.get("/audit?case=" + firstCase + "&q=" + term, cookie);
                assertThat(page.statusCode()).as(term).isEqualTo(200);
                if (rows(page.body()) > 0) {
                    known.append(digit);
                    break;
                }
            }
        }

        assertThat(known.toString()).isEqualTo("139");
        assertThat(rows(client.get("/audit?case=" + firstCase + "&q=139****5678", cookie).body()))
                .as("the number as shown finds the note").isEqualTo(1);
    }

    @Test
    void audit_filters_actorActionCaseDatesAndText() throws Exception {
        String cookie = client.login("anna").cookie();

        String byAda = client.get("/audit?actor=ada", cookie).body();
        String decisions = client.get("/audit?action=DECIDE&case=" + firstCase, cookie).body();
        String otherCase = client.get("/audit?action=DECIDE&case=" + secondCase, cookie).body();
        String day1 = client.get("/audit?from=2026-03-10&to=2026-03-10", cookie).body();
        String fromDay2 = client.get("/audit?from=2026-03-11", cookie).body();
        String text = client.get("/audit?q=MALWARE", cookie).body();

        assertThat(rows(byAda)).isEqualTo(1);
        assertThat(byAda).contains("TOKEN_ISSUE</td>", "API token &#39;gateway&#39;");
        assertThat(rows(decisions)).isEqualTo(1);
        assertThat(decisions).contains("CONFIRMED_FRAUD", "<option selected>DECIDE</option>");
        assertThat(rows(otherCase)).isZero();
        assertThat(otherCase).contains("No entries match.");
        assertThat(rows(day1)).isEqualTo(2);
        assertThat(rows(fromDay2)).isEqualTo(1);
        assertThat(fromDay2).contains("REVEAL_NUMBER");
        assertThat(rows(text)).isEqualTo(1);
        assertThat(text).contains("Malware pattern", "value=\"MALWARE\"");
    }

    @Test
    void audit_moreThanAPage_pagesNewestFirstWithLinksThatKeepTheFilters() throws Exception {
        for (int i = 1; i <= AuditPage.PAGE_SIZE + 5; i++) {
            clock.set(DAY_3.plusSeconds(i));
            engine.caseDecisions().revealNumber(firstCase, "look " + i, "rita");
        }
        String cookie = client.login("ada").cookie();

        String first = client.get("/audit?actor=rita", cookie).body();
        String second = client.get("/audit?actor=rita&page=2", cookie).body();

        assertThat(rows(first)).isEqualTo(AuditPage.PAGE_SIZE);
        assertThat(first).contains("Entries 1 to 50 of 57", "look 55<", "href=\"/audit?actor=rita&amp;page=2\"")
                .doesNotContain("rel=\"prev\"");
        assertThat(rows(second)).isEqualTo(7);
        assertThat(second).contains("Entries 51 to 57 of 57", "look 5<", "Malware pattern", "rel=\"prev\"")
                .doesNotContain("look 6<", "rel=\"next\"");
    }

    @Test
    void audit_badFilters_are400WithTheFieldNamedAndNothingUnmasked() throws Exception {
        String cookie = client.login("anna").cookie();

        HttpResponse<String> badDate = client.get("/audit?from=10.03.2026", cookie);
        HttpResponse<String> badCase = client.get("/audit?case=abc", cookie);
        HttpResponse<String> digits = client.get("/audit?q=13800138000", cookie);

        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("from: must be a date YYYY-MM-DD");
        assertThat(badCase.statusCode()).isEqualTo(400);
        assertThat(badCase.body()).contains("case: must be a case id");
        assertThat(digits.statusCode()).isEqualTo(400);
        assertThat(digits.body()).contains("5 or more digits");
        assertThat(FULL_NUMBER.matcher(digits.body()).find()).isFalse();
    }
}
