package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tollgate.charge.Fields;
import io.tollgate.charge.Msisdn;
import io.tollgate.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@code tollgate check --json FILE} with generated bodies ({@link FuzzedJson}): a body the
 * validator refuses exits 2 with one line on stderr naming the field and prints no verdict, one it
 * accepts exits 0 with a verdict (or 2 for a conflicting reuse of a request id), no other exit code
 * comes, stderr never holds a full phone number or a control character, and no run hangs. Every
 * accepted body opens an engine, so the count is small; more with {@code -Dtollgate.fuzz.cli.count=N}.
 */
class CheckFuzzCliTest {
    private static final int COUNT = Integer.getInteger("tollgate.fuzz.cli.count", 30);
    private static final long SEED = Long.getLong("tollgate.fuzz.seed", 20_261_127L) + 1;
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Pattern CONTROL = Pattern.compile(
            "[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF]");

    @TempDir
    Path folder;

    @Test
    void check_generatedJsonFiles_refusedOnesExitTwoAndNothingElseBreaks() throws Exception {
        FuzzedJson bodies = new FuzzedJson(SEED, 90, Instant.now()); // mostly refused: an accepted one opens an engine
        Map<String, Integer> answers = new TreeMap<>();
        Set<String> requestIds = new HashSet<>();
        List<String> failures = new ArrayList<>();
        Path file = folder.resolve("charge.json");
        for (int i = 0; i < COUNT && failures.size() < 20; i++) {
            String body = bodies.next();
            FuzzedJson.Expected expected = bodies.expect(body, FuzzedJson.Door.CLI);
            boolean reused = !requestIds.add(requestIdOf(body));
            Files.writeString(file, body);
            long before = System.nanoTime();
            CliRun run = CliRun.run("check", "--db", folder.resolve("tollgate").toString(),
                    "--rules", CliRun.RULES.toString(), "--json", file.toString());
            Duration took = Duration.ofNanos(System.nanoTime() - before);
            answers.merge(run.exitCode() == 0 ? "exit 0" : "exit " + run.exitCode() + " " + firstWords(run.err()), 1,
                    Integer::sum);
            String problem = took.compareTo(BOUND) > 0 ? "took " + took : problem(run, expected, reused, file);
            if (problem != null) {
                failures.add(i + ": " + problem + " for " + shown(body) + " -> exit " + run.exitCode() + ", "
                        + shown(run.err()));
            }
        }
        System.out.printf("CheckFuzzCliTest: %d files (seed %d): %s; failures %d%n", COUNT, SEED, answers,
                failures.size());
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures (the first 20 at most):\n" + String.join("\n", failures));
        }
        assertThat(answers).as("answers").containsKey("exit 0");
    }

    /** @return what is wrong with a run, or null when it is what the body must get */
    private static String problem(CliRun run, FuzzedJson.Expected expected, boolean reused, Path file)
            throws java.io.IOException {
        if (run.exitCode() == Tollgate.OK) {
            if (!expected.decided()) {
                return "a verdict for a body refused for " + expected.field();
            }
            return run.err().isEmpty() && Json.mapper().readTree(run.out()).has("decision") ? null
                    : "exit 0 without a verdict, or with stderr";
        }
        if (run.exitCode() != Tollgate.BAD_INPUT) {
            return "exit code " + run.exitCode();
        }
        if (run.errLines().size() != 1 || !run.err().startsWith("tollgate: ") || !run.out().isEmpty()) {
            return "not one line on stderr, or a verdict too";
        }
        String echoed = run.err().replace(file.toString(), "FILE"); // the path is the user's own, not a value
        if (FuzzedJson.FULL_NUMBER.matcher(echoed).find()) {
            return "a full number on stderr";
        }
        if (CONTROL.matcher(run.err().stripTrailing()).find()) {
            return "a control character on stderr";
        }
        if (expected.decided()) {
            return reused && run.err().contains("already checked") ? null : "exit 2 for a body the validator accepts";
        }
        if (expected.field() == null) {
            return run.err().startsWith("tollgate: --json " + file + ": ") ? null : "not naming the file";
        }
        String named = Msisdn.maskEchoed(Fields.shown(expected.field()));
        return run.err().startsWith("tollgate: " + named + ": ")
                || run.err().startsWith("tollgate: --json " + file + ": " + named + ": ") ? null
                : "not naming " + named;
    }

    private static String requestIdOf(String body) {
        try {
            var id = Json.mapper().readTree(body).path("request_id");
            return id.isMissingNode() || id.isNull() ? "" : id.asText().strip();
        } catch (Exception e) {
            return "";
        }
    }

    private static String firstWords(String err) {
        String line = err.replace("tollgate: ", "");
        int colon = line.indexOf(':');
        return colon < 0 ? line.strip() : line.substring(0, Math.min(colon, 40));
    }

    private static String shown(String text) {
        String cut = text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + ")" : text;
        return cut.replaceAll("\\p{C}", "?");
    }
}
