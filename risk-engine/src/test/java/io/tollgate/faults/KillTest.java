package io.tollgate.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tollgate.RiskEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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

    /**
     * The disk under the database fills up for 3 s while a process checks on two threads, is freed,
     * 2 s of checks follow, then the process is killed: every case returned is there on reopening.
     * Needs a real full disk, so it mounts a 48 MB tmpfs (root only) and runs only when asked:
     * {@code -Dtollgate.faults.diskfull=true -Dtollgate.faults.diskfull.trials=100}.
     */
    @Test
    void kill9_afterTheDiskFilledAndWasFreed_losesNoReturnedCase() throws Exception {
        assumeTrue(Boolean.getBoolean("tollgate.faults.diskfull"),
                "a full disk needs a tmpfs: run with -Dtollgate.faults.diskfull=true as root");
        int trials = Integer.getInteger("tollgate.faults.diskfull.trials", 10);
        Path mount = folder.resolve("tmpfs");
        Files.createDirectories(mount);
        assumeTrue(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mount.toString())
                .inheritIO().start().waitFor() == 0, "cannot mount a tmpfs here");
        int cases = 0;
        int refused = 0;
        List<String> lost = new ArrayList<>();
        List<String> unopened = new ArrayList<>();
        ScheduledExecutorService disk = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int trial = 0; trial < trials; trial++) {
                Path database = Files.createDirectories(mount.resolve("t" + trial)).resolve("tollgate");
                Path filler = mount.resolve("filler");
                Map<String, Long> returned = new LinkedHashMap<>();
                Map<String, String> decisions = new LinkedHashMap<>();
                runAndKill(database, 2, "D" + trial, 6_000, returned, decisions, () -> {
                    disk.schedule(() -> fill(filler), 1_000, TimeUnit.MILLISECONDS);
                    disk.schedule(() -> Files.deleteIfExists(filler), 4_000, TimeUnit.MILLISECONDS);
                });
                Files.deleteIfExists(filler);
                try (RiskEngine engine = RiskEngine.builder().database(database).build()) {
                    for (Map.Entry<String, String> verdict : decisions.entrySet()) {
                        refused += verdict.getValue().equals("REFUSED") ? 1 : 0;
                        if (verdict.getValue().equals("CASE")) {
                            cases++;
                            if (engine.cases().byRequestId(verdict.getKey()).isEmpty()) {
                                lost.add(verdict.getKey());
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    unopened.add("trial " + trial + ": " + e);
                }
                new ProcessBuilder("rm", "-rf", mount.resolve("t" + trial).toString()).start().waitFor();
            }
        } finally {
            disk.shutdownNow();
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
        System.out.printf("disk full, freed, kill -9: %d trials, %d checks refused while full, %d cases returned, "
                + "%d lost, %d databases that did not open%n", trials, refused, cases, lost.size(), unopened.size());
        assertThat(unopened).as("databases that did not open again").isEmpty();
        assertThat(lost).as("cases returned before the kill").isEmpty();
    }

    /** Writes a file until the disk is full. */
    private static Void fill(Path filler) throws IOException {
        byte[] chunk = new byte[1 << 20];
        try (java.io.OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            return null; // ENOSPC: the disk is full, the file stays until it is deleted
        }
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
        return runAndKill(database, threads, prefix, runMillis, returned, decisions, () -> { });
    }

    /** Runs a checking process, calls {@code onReady} once it checks, and kills it {@code runMillis} later. */
    private static long runAndKill(Path database, int threads, String prefix, long runMillis,
            Map<String, Long> returned, Map<String, String> decisions, Runnable onReady)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CheckingProcess.class.getName(),
                database.toString(), Integer.toString(threads), prefix)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = lines.readLine();
        assertThat(ready).as("the checking process started").isEqualTo("READY");
        onReady.run();
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
