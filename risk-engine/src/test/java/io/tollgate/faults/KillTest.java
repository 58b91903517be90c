package io.tollgate.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.RiskEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of a checking process at random points: no case of a verdict returned before the kill is
 * lost, and a verdict that is lost was returned at most a few milliseconds before it. The suite kills
 * a few times; {@code -Dtollgate.faults.kills=100} kills a hundred times per thread count
 * (docs/operations.md, "Fault tests").
 */
class KillTest {
    private static final int KILLS = Integer.getInteger("tollgate.faults.kills", 2);

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0} checking threads")
    @ValueSource(ints = {1, 4})
    void kill9_whileChecking_losesNoReturnedCase(int threads) throws Exception {
        SplittableRandom random = new SplittableRandom(threads);
        Path database = folder.resolve("tollgate");
        int cases = 0;
        int verdicts = 0;
        List<String> lostCases = new ArrayList<>();
        List<Long> lostAgesMicros = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Map<String, Long> returned = new LinkedHashMap<>(); // request id -> when its line was read
            Map<String, String> decisions = new LinkedHashMap<>();
            long killedAt = runAndKill(database, threads, "K" + kill, 200 + random.nextInt(1_500), returned, decisions);
            try (RiskEngine engine = RiskEngine.builder().database(database).build()) { // recovers the journal
                for (Map.Entry<String, String> verdict : decisions.entrySet()) {
                    if (verdict.getValue().equals("CASE")) {
                        cases++;
                        if (engine.cases().byRequestId(verdict.getKey()).isEmpty()) {
                            lostCases.add(verdict.getKey());
                        }
                    }
                }
            }
            Set<String> stored = storedRequestIds(database);
            for (Map.Entry<String, String> verdict : decisions.entrySet()) {
                if (!stored.contains(verdict.getKey()) && !verdict.getValue().equals("CASE")) {
                    // a line still in the pipe at the kill was returned before it, at an unknown moment
                    lostAgesMicros.add(Math.max(0, killedAt - returned.get(verdict.getKey())) / 1_000);
                }
            }
            verdicts += decisions.size();
        }
        System.out.printf("kill -9 with %d threads: %d kills, %d verdicts returned, %d opened a case, %d cases lost, "
                + "%d other verdicts lost, returned at most %d us before the kill%n", threads, KILLS, verdicts, cases,
                lostCases.size(), lostAgesMicros.size(), lostAgesMicros.stream().mapToLong(Long::longValue).max().orElse(0));
        assertThat(cases).as("the process returned case-opening verdicts before it was killed").isPositive();
        assertThat(lostCases).as("cases of FLAGs returned before the kill").isEmpty();
    }

    private static Set<String> storedRequestIds(Path database) throws java.sql.SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + database.toAbsolutePath(),
                "tollgate", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT request_id FROM decision")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** @return when the process was killed, in {@link System#nanoTime()} */
    private static long runAndKill(Path database, int threads, String prefix, long runMillis,
            Map<String, Long> returned, Map<String, String> decisions) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CheckingProcess.class.getName(),
                database.toString(), Integer.toString(threads), prefix)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = lines.readLine();
        assertThat(ready).as("the checking process started").isEqualTo("READY");
        long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMillis);
        long killedAt = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            long now = System.nanoTime();
            int space = line.indexOf(' ');
            if (space > 0) {
                returned.put(line.substring(space + 1), now);
                decisions.put(line.substring(space + 1), line.substring(0, space));
            }
            if (killedAt == 0 && now - killAt >= 0) {
                process.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no close; the pipe stays readable
                killedAt = System.nanoTime();
            }
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return killedAt == 0 ? System.nanoTime() : killedAt;
    }
}
