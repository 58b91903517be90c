package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.RiskEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleWatcherTest {
    @TempDir
    Path folder;


    @Test
    void watchRules_savedFile_isPickedUp_brokenFileIsRefused() throws Exception {
        Path rulesFolder = Files.createDirectories(folder.resolve("rules"));
        Path file = rulesFolder.resolve("big.drl");
        Files.writeString(file, TestRules.bigCharge(3000));
        try (RiskEngine engine = RiskEngine.builder().rules(rulesFolder).database(folder.resolve("db"))
                .watchRules(Duration.ofMillis(200)).build()) {
            String next = RuleSetCompiler.version(List.of(new RuleFile("big.drl", TestRules.bigCharge(2000))));

            Files.writeString(file, TestRules.bigCharge(2000));

            assertThat(waitForVersion(engine, next)).as("picked up the saved file").isTrue();

            Files.writeString(file, "package rules;\nrule \"broken\"\nwhen\n  Charge( > )\nthen\nend\n");
            Thread.sleep(2_000);
            assertThat(engine.rulesetVersion()).as("a broken save leaves the last good set deciding").isEqualTo(next);
        }
    }

    @Test
    void watchRules_fileThatOnceKilledTheWatcher_isRefused_andTheNextSaveIsPickedUp() throws Exception {
        Path rulesFolder = Files.createDirectories(folder.resolve("rules"));
        Path file = rulesFolder.resolve("big.drl");
        Files.writeString(file, TestRules.bigCharge(3000));
        try (RiskEngine engine = RiskEngine.builder().rules(rulesFolder).database(folder.resolve("db"))
                .watchRules(Duration.ofMillis(200)).build()) {
            String first = engine.rulesetVersion();
            // 3,000 nested parentheses overflowed the parser's stack and ended the watcher's thread.
            Files.writeString(file, TestRules.bigCharge(3000).replace("amountFen > 3000",
                    "(".repeat(3_000) + "amountFen > 3000" + ")".repeat(3_000)));
            assertThat(waitForRefusal(engine)).as("the deep file is refused").isTrue();
            assertThat(engine.rulesetVersion()).isEqualTo(first);

            String next = RuleSetCompiler.version(List.of(new RuleFile("big.drl", TestRules.bigCharge(2000))));
            Files.writeString(file, TestRules.bigCharge(2000));

            assertThat(waitForVersion(engine, next)).as("the watcher still picks up saves").isTrue();
        }
    }

    private static boolean waitForRefusal(RiskEngine engine) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (engine.lastRefusedReload().isPresent()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean waitForVersion(RiskEngine engine, String version) throws InterruptedException {
        for (int i = 0; i < 300; i++) { // up to 30 s: generous for a loaded CI machine; speed is not asserted
            if (engine.rulesetVersion().equals(version)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
