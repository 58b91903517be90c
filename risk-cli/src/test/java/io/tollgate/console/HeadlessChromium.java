package io.tollgate.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver, for the console's end-to-end
 * tests. Where either is missing the tests are skipped with a message that says how to run them;
 * under {@code CI=true} they must run, so a missing browser fails instead. No browser is ever
 * downloaded: this machine may have no internet, and everything must come from Debian's packages.
 */
final class HeadlessChromium {
    /** Debian's Chromium; {@code -Dtollgate.chromium=PATH} for another one. */
    static final Path CHROMIUM = Path.of(System.getProperty("tollgate.chromium", "/usr/bin/chromium"));
    /** Debian's chromedriver, of the same version; {@code -Dtollgate.chromedriver=PATH} for another one. */
    static final Path CHROMEDRIVER = Path.of(System.getProperty("tollgate.chromedriver", "/usr/bin/chromedriver"));
    static final String HOW_TO_RUN = "apt-get install -y chromium chromium-driver, then mvn -B verify";

    /**
     * Selenium looks for a DevTools client matching the browser's version at start and warns when
     * there is none; these tests need none (no selenium-devtools jar), so the warning is noise.
     * Held here so the logger, and its level, are not garbage-collected.
     */
    private static final Logger CDP_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_FINDER.setLevel(Level.SEVERE);
    }

    private HeadlessChromium() {
    }

    /** @return why the browser cannot run here, if it cannot */
    static Optional<String> missing() {
        if (!Files.isExecutable(CHROMIUM)) {
            return Optional.of(CHROMIUM + " is missing");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return Optional.of(CHROMEDRIVER + " is missing");
        }
        return Optional.empty();
    }

    private static boolean mustRun() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Fails the calling test class when the browser is missing; call it from {@code @BeforeAll} of a
     * class that {@link Required} has let run (everywhere under {@code CI=true}).
     */
    static void require() {
        missing().ifPresent(why -> Assertions.fail("CI=true and the browser tests must run, but " + why
                + " (.ci/run installs it: " + HOW_TO_RUN + ")"));
    }

    /**
     * Disables a test class when the browser is missing, with a message that says how to run it,
     * unless {@code CI=true}: there the class runs, and {@link #require} fails it.
     */
    static final class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<String> missing = missing();
            if (missing.isEmpty()) {
                return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
            }
            if (mustRun()) {
                return ConditionEvaluationResult.enabled("CI=true: browser tests must run");
            }
            String message = "Browser tests skipped: " + missing.get() + ". To run them: " + HOW_TO_RUN;
            System.err.println(message);
            return ConditionEvaluationResult.disabled(message);
        }
    }

    /**
     * Starts a headless Chromium with a fresh profile and every background connection off (on a
     * machine without internet it would otherwise stall on them).
     *
     * @param profile an empty folder for the browser's profile
     * @return the driver; quit it when done
     */
    static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900",
                "--lang=en-US");
        // The page's console messages, where Chromium reports what a Content-Security-Policy refused.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * Saves the whole page as PNG, not only the window, as wide as the window (through the
     * DevTools protocol command chromedriver passes on; no DevTools client library needed).
     *
     * @param driver the browser
     * @param file where to write the PNG
     */
    @SuppressWarnings("unchecked")
    static void screenshot(ChromeDriver driver, Path file) throws IOException {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> viewport = (Map<String, Object>) metrics.get("cssLayoutViewport");
        double width = ((Number) viewport.get("clientWidth")).doubleValue();
        double height = ((Number) content.get("height")).doubleValue();
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }
}
