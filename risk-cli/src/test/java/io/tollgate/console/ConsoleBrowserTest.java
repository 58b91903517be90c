package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.ChinaTime;
import io.tollgate.charge.Msisdn;
import io.tollgate.charge.PayMode;
import io.tollgate.replay.SettableClock;
import io.tollgate.review.CaseStatus;
import io.tollgate.review.Role;
import io.tollgate.signals.complaints.Complaint;
import io.tollgate.signals.complaints.ComplaintKind;
import io.tollgate.signals.complaints.ComplaintSource;
import io.tollgate.signals.lists.ListEntry;
import io.tollgate.signals.lists.ListKind;
import io.tollgate.signals.lists.ListSource;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review console end to end, in a real headless Chromium: a real engine on an H2 file with the
 * default rules, cases opened by real checks, a reviewer who filters the queue, opens a case,
 * confirms fraud and blacklists the number (and the very next check of it is blocked by the list),
 * and an analyst who is refused the decision. Saves screenshots of the queue, a case and the
 * dashboard to {@code target/screenshots/}; the README shows copies kept in {@code docs/screenshots/}.
 * Skipped without Chromium, saying how to run it ({@link HeadlessChromium.Required}); under
 * {@code CI=true} it must run.
 */
@Tag("browser")
@ExtendWith(HeadlessChromium.Required.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    /** The number whose case the reviewer confirms: masked on every page as 138****8000. */
    private static final String NUMBER = "13800138000";
    private static final String MASKED = "138****8000";
    private static final String PASSWORD = "correct horse battery";
    /** The engine's "now": fixed, so the screenshots and the dashboard read the same on every run. */
    private static final Instant NOW = LocalDateTime.parse("2026-03-10T16:20").toInstant(ChinaTime.ZONE);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path folder;
    private final SettableClock clock = new SettableClock(NOW.minus(Duration.ofDays(20)));
    private RiskEngine engine;
    private ConsoleServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private long fraudCase;
    private long otherCase;
    private int serial;

    @BeforeAll
    void start() throws IOException {
        HeadlessChromium.require();
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(Path.of("..", "rules"))
                .clock(clock).build();
        seed();
        engine.users().add("rita", Role.REVIEWER, PASSWORD.toCharArray());
        engine.users().add("anna", Role.ANALYST, PASSWORD.toCharArray());
        server = ConsoleServer.start(engine, "127.0.0.1", 0);
        Files.createDirectories(SCREENSHOTS);
        browser = HeadlessChromium.start(Files.createDirectory(folder.resolve("chromium-profile")));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    // ----- the history the console shows: every verdict from a real check, in time order -----

    private void seed() {
        // Twenty days of two big merchants' traffic, enough for their complaint rates to count
        // (1,000 approved charges each); M3001's 5 complaints put it over the budget of 30 per 10,000.
        Instant from = NOW.minus(Duration.ofDays(20));
        Duration step = Duration.ofDays(18).dividedBy(2_000);
        for (int i = 0; i < 2_000; i++) {
            clock.set(from.plus(step.multipliedBy(i)));
            String merchant = i % 2 == 0 ? "M3001" : "M3002";
            assertThat(check(charge(merchant)).decision()).isEqualTo(Decision.ALLOW);
            if (i % 400 == 0 || i % 1_000 == 1) {  // M3001: i = 0, 400, 800, 1200, 1600; M3002: i = 1, 1001
                complaint(merchant);
            }
        }
        // Cases that have waited: 4 days, 2 days, 6 hours (a charge over 30 CNY is flagged).
        for (Duration age : List.of(Duration.ofHours(96), Duration.ofHours(50), Duration.ofHours(6))) {
            clock.set(NOW.minus(age));
            assertThat(check(charge("M2001").amountFen(5_000)).decision()).isEqualTo(Decision.FLAG);
        }
        // The last 24 hours, hour by hour: allowed traffic, flags, challenges, blocks.
        engine.addListEntry(new ListEntry(ListKind.IP, "203.0.113.66", ListSource.INTERNAL, "proxy of a SIM farm",
                NOW.minus(Duration.ofDays(30)), null, null));
        for (int hoursAgo = 23; hoursAgo >= 0; hoursAgo--) {
            Instant hour = NOW.minus(Duration.ofHours(hoursAgo)).minus(Duration.ofMinutes(15));
            int allowed = 6 + (hoursAgo * 7) % 11;
            for (int i = 0; i < allowed; i++) {
                clock.set(hour.plus(Duration.ofSeconds(20L * i)));
                check(charge(i % 3 == 0 ? "M1001" : i % 3 == 1 ? "M1002" : "M2001"));
            }
            clock.set(hour.plus(Duration.ofMinutes(5)));
            if (hoursAgo % 3 == 0) {                                    // a FLAG, one of three kinds
                if (hoursAgo % 9 == 0) {
                    check(charge("M2001").amountFen(5_000));              // over 30 CNY
                } else if (hoursAgo % 9 == 3) {
                    check(charge("M1002").otpLatencyMs(2_500L));          // OTP in 2.5 s: 40 points
                } else {
                    check(charge("M2001"));                               // a complainer buys elsewhere
                    complaint("M2001");
                    clock.set(clock.instant().plus(Duration.ofMinutes(3)));
                    check(charge("M1002").msisdn(number(serial - 1)));
                }
            }
            if (hoursAgo % 4 == 1) {
                check(charge("M1002").payMode(PayMode.SMS_DIRECT).deviceId(null).ip(null)
                        .otpLatencyMs(null));                                     // CHALLENGE: no context
            }
            if (hoursAgo % 5 == 2) {
                check(charge("M1001").ip("203.0.113.66"));                        // BLOCK: listed IP
            }
        }
        // A device farm: one device, five numbers in minutes; from the fourth on, blocked with a case.
        for (int i = 0; i < 5; i++) {
            clock.set(NOW.minus(Duration.ofMinutes(100 - i)));
            check(charge("M2001").deviceId("farm-device-7"));
        }
        // Two toll-fraud charges: the OTP typed in under 2 seconds, blocked with a case.
        clock.set(NOW.minus(Duration.ofMinutes(40)));
        RiskVerdict fraud = check(charge("M1001").requestId("R-FRAUD-1").msisdn(NUMBER).deviceId("malware-1")
                .otpLatencyMs(900L));
        assertThat(fraud.decision()).isEqualTo(Decision.BLOCK);
        assertThat(fraud.hits()).extracting(RuleHit::code).contains("FRAUD-OTP-FAST");
        clock.set(NOW.minus(Duration.ofMinutes(25)));
        check(charge("M1002").requestId("R-FRAUD-2").otpLatencyMs(1_200L));
        fraudCase = engine.cases().byRequestId("R-FRAUD-1").orElseThrow().caseId();
        otherCase = engine.cases().byRequestId("R-FRAUD-2").orElseThrow().caseId();
        clock.set(NOW);
    }

    /** A plain charge of a number of its own: 5 CNY per use by OTP typed in 6 s, with device and IP. */
    private ChargeRequest.Builder charge(String merchant) {
        int n = ++serial;
        return ChargeRequest.builder().requestId("R" + n).msisdn(number(n)).merchantId(merchant)
                .productId(merchant.replace("M", "P") + "-01").amountFen(500).billingType(BillingType.PER_USE)
                .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).deviceId("dev-" + n)
                .ip("10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255)).otpLatencyMs(6_000L);
    }

    /** @return the n-th number: each in a block of 100 of its own, so no SIM-batch rule sees them together */
    private static String number(int n) {
        return "139" + String.format("%06d", n) + "88";
    }

    private RiskVerdict check(ChargeRequest.Builder charge) {
        return engine.check(charge.build());
    }

    /** A complaint against a merchant by the number charged last. */
    private void complaint(String merchant) {
        engine.reportComplaint(new Complaint("C" + serial, clock.instant(), new Msisdn(number(serial)), merchant, null,
                ComplaintKind.UNAUTHORIZED, ComplaintSource.CARRIER));
    }

    // ----- the browser -----

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private void logIn(String name) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.name("name")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form[action='/login'] button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("nav")));
    }

    /**
     * Opens the queue with filters as URL query parameters, as the queue's own links and form send
     * them (today: {@code status}; decision, rule, merchant and dates join here when the queue has them).
     */
    private void openQueue(Map<String, String> filters) {
        browser.get(url("/cases?" + filters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"))));
        wait.until(ExpectedConditions.titleContains("Cases"));
    }

    /** Picks the option that submits {@code value}, whatever its label says. */
    private static void choose(WebElement select, String value) {
        for (WebElement option : new Select(select).getOptions()) {
            if (value.equals(option.getDomProperty("value"))) {
                option.click();
                return;
            }
        }
        throw new AssertionError("no option " + value + " in " + select.getText());
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, SCREENSHOTS.resolve(name + ".png"));
    }

    @Test
    @Order(1)
    void reviewer_confirmsFraudAndBlacklists_nextCheckOfTheNumberIsBlocked() throws IOException {
        logIn("rita");
        assertThat(browser.getCurrentUrl()).endsWith("/cases");

        // Filter as a reviewer does, with the queue's form: open BLOCKs by one rule at one merchant.
        WebElement filterForm = browser.findElement(By.cssSelector("form.filters"));
        choose(filterForm.findElement(By.name("status")), "OPEN");
        choose(filterForm.findElement(By.name("decision")), "BLOCK");
        filterForm.findElement(By.name("rule")).sendKeys("FRAUD-OTP-FAST");
        filterForm.findElement(By.name("merchant")).sendKeys("M1001");
        filterForm.submit();
        wait.until(ExpectedConditions.urlContains("rule=FRAUD-OTP-FAST"));
        assertThat(browser.findElements(By.cssSelector("a[href='/cases/" + fraudCase + "']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("a[href='/cases/" + otherCase + "']"))).isEmpty();
        assertThat(text()).contains(MASKED, "FRAUD-OTP-FAST").doesNotContain(NUMBER);
        assertThat(browser.getPageSource()).doesNotContain(NUMBER);
        screenshot("queue");

        browser.findElement(By.cssSelector("a[href='/cases/" + fraudCase + "']")).click();
        wait.until(ExpectedConditions.titleContains("Case " + fraudCase));
        assertThat(text()).contains(MASKED, "FRAUD-OTP-FAST", "M1001", "OPEN").doesNotContain(NUMBER);
        screenshot("case");

        WebElement decide = browser.findElement(By.cssSelector("form[action='/cases/" + fraudCase + "/decide']"));
        choose(decide.findElement(By.name("status")), "CONFIRMED_FRAUD");
        decide.findElement(By.name("note")).sendKeys("OTP typed in 0.9 s from a known malware device");
        decide.findElement(By.name("blacklistNumber")).click();
        decide.submit();

        wait.until(ExpectedConditions.stalenessOf(decide));
        wait.until(ExpectedConditions.titleContains("Case " + fraudCase));
        WebElement trail = browser.findElement(By.xpath("//h2[text()='Audit trail']/following-sibling::table[1]"));
        assertThat(trail.getText()).contains("rita", "DECIDE", "OPEN", "CONFIRMED_FRAUD",
                "OTP typed in 0.9 s from a known malware device");
        assertThat(browser.getPageSource()).doesNotContain(NUMBER);
        assertThat(engine.cases().byId(fraudCase).orElseThrow().status()).isEqualTo(CaseStatus.CONFIRMED_FRAUD);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", "CONFIRMED_FRAUD");
        filters.put("rule", "FRAUD-OTP-FAST");
        openQueue(filters);
        assertThat(browser.findElements(By.cssSelector("a[href='/cases/" + fraudCase + "']"))).hasSize(1);

        clock.set(NOW.plus(Duration.ofMinutes(1)));
        RiskVerdict next = engine.check(charge("M2001").requestId("R-AFTER").msisdn(NUMBER).build());
        assertThat(next.decision()).isEqualTo(Decision.BLOCK);
        assertThat(next.hits()).extracting(RuleHit::code).contains("LIST-MSISDN");
        clock.set(NOW);
    }

    @Test
    @Order(2)
    void analyst_seesNoDecideForm_andAForgedDecisionIs403() {
        logIn("anna");
        browser.get(url("/cases/" + otherCase));
        wait.until(ExpectedConditions.titleContains("Case " + otherCase));
        assertThat(browser.findElements(By.cssSelector("form[action$='/decide']"))).isEmpty();

        // Forge the form the analyst was not given, with her own valid CSRF token: only the role refuses it.
        ((JavascriptExecutor) browser).executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/cases/' + arguments[0] + '/decide';
                for (const [name, value] of [['csrf', document.querySelector("input[name='csrf']").value],
                        ['status', 'FALSE_POSITIVE'], ['note', 'looks fine to me']]) {
                    const input = document.createElement('input');
                    input.type = 'hidden'; input.name = name; input.value = value;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();""", otherCase);

        wait.until(ExpectedConditions.titleContains("Forbidden"));
        assertThat(text()).contains("may not decide cases");
        assertThat(engine.cases().byId(otherCase).orElseThrow().status()).isEqualTo(CaseStatus.OPEN);
        assertThat(engine.auditTrail().ofCase(otherCase)).isEmpty();
    }

    @Test
    @Order(3)
    void dashboard_showsFourChartsAsOfTheEngineClock() throws IOException {
        logIn("anna");
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard");

        List<WebElement> charts = browser.findElements(By.cssSelector("figure svg[role='img']"));
        assertThat(charts).hasSize(4);
        List<String> titles = new ArrayList<>();
        charts.forEach(chart -> titles.add(chart.findElement(By.tagName("title")).getAttribute("textContent")));
        assertThat(titles).containsExactly("Decisions per hour by outcome", "Top rules by hits",
                "Merchants by complaint rate", "Open cases by age");
        assertThat(text()).contains("As of 2026-03-10 16:20 China time", "M3001", "50.0", "budget 30.0")
                .doesNotContain(MASKED);
        // M3001 is over its budget (red), M3002 under it.
        assertThat(browser.findElements(By.cssSelector("svg rect[fill='#c0392b'][data-value='50.0']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("svg rect[fill='#4a7fb5'][data-value='20.0']"))).hasSize(1);
        assertThat(browser.getPageSource()).doesNotContain(NUMBER);
        screenshot("dashboard");
    }

    /**
     * The Content-Security-Policy allows no inline style or script: every page must look as its
     * stylesheet says, and Chromium must have refused nothing on any of them.
     */
    @Test
    @Order(4)
    void everyPage_styledByItsStylesheet_andNothingRefusedByTheContentSecurityPolicy() {
        logIn("rita");
        browser.manage().logs().get(LogType.BROWSER); // drops what earlier tests left
        for (String path : List.of("/cases", "/cases/" + fraudCase, "/dashboard", "/audit", "/login")) {
            browser.get(url(path));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
            JavascriptExecutor page = (JavascriptExecutor) browser;
            assertThat(page.executeScript("return getComputedStyle(document.body).fontFamily")).as(path)
                    .asString().contains("sans-serif");
            if (!browser.findElements(By.tagName("table")).isEmpty()) {
                assertThat(browser.findElement(By.tagName("table")).getCssValue("border-collapse")).as(path)
                        .isEqualTo("collapse");
            }
        }
        browser.get(url("/dashboard"));
        assertThat(browser.findElement(By.cssSelector(".charts")).getCssValue("display")).isEqualTo("flex");

        List<String> refused = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(message -> message.contains("Content Security Policy")).toList();
        assertThat(refused).isEmpty();
    }
}
