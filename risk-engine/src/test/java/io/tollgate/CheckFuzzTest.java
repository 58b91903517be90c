package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.replay.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link RiskEngine#check} with generated charges ({@link FuzzedCharges}): a charge the
 * contract refuses never gets a verdict, one it accepts always does; the only exceptions are
 * {@link InvalidFieldException} (naming a field that is wrong) and {@link RequestConflictException}
 * (for a reused request id); no message holds a full phone number or a control character; no
 * check takes long. A fixed seed and a small count keep the suite fast; a large run:
 * {@code mvn -B -pl risk-engine test -Dtest=CheckFuzzTest -Dtollgate.fuzz.count=100000}
 * (and {@code -Dtollgate.fuzz.seed=N} for other charges). It prints its figures.
 */
class CheckFuzzTest {
    private static final int COUNT = Integer.getInteger("tollgate.fuzz.count", 2_000);
    private static final long SEED = Long.getLong("tollgate.fuzz.seed", 20_261_127L);
    /** Far beyond any check's cost: only a hang (a loop, a lock never released) takes this long. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    @Test
    void check_generatedCharges_refusedOnesGetNoVerdictAndNothingElseBreaks() {
        SettableClock clock = new SettableClock(EngineFixture.START);
        FuzzedCharges charges = new FuzzedCharges(SEED, RiskEngine.DEFAULT_MAX_AMOUNT_FEN);
        Map<String, Integer> refusedBy = new TreeMap<>();
        Map<Decision, Integer> decided = new EnumMap<>(Decision.class);
        Map<String, Integer> hits = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int conflicts = 0;
        long slowest = 0;
        long started = System.nanoTime();
        try (RiskEngine engine = RiskEngine.builder().rules(EngineFixture.RULES).database(folder.resolve("fuzz"))
                .clock(clock).build()) {
            for (int i = 0; i < COUNT && failures.size() < 20; i++) {
                clock.set(clock.instant().plusMillis(i % 97 * 613L)); // up to a minute between checks
                FuzzedCharges.Fuzzed charge = charges.next(clock.instant());
                long before = System.nanoTime();
                String outcome;
                try {
                    RiskVerdict verdict = engine.check(ChargeRequest.fromColumns(charge.columns()));
                    outcome = verdict.decision().name();
                    decided.merge(verdict.decision(), 1, Integer::sum);
                    verdict.hits().forEach(hit -> hits.merge(hit.code(), 1, Integer::sum));
                    if (!charge.refused().isEmpty()) {
                        failures.add(i + ": decided " + outcome + " though the contract refuses "
                                + charge.refused() + ": " + shown(charge));
                    }
                } catch (InvalidFieldException e) {
                    outcome = "refused " + e.field();
                    refusedBy.merge(e.field(), 1, Integer::sum);
                    checkMessage(i, e, failures);
                    if (!e.getMessage().startsWith(e.field() + ": ")) {
                        failures.add(i + ": message does not start with its field: " + e.getMessage());
                    }
                    if (!charge.refused().contains(e.field()) && !charge.mayBeRefused().contains(e.field())) {
                        failures.add(i + ": refused " + e.field() + " (" + e.getMessage() + ") though the contract "
                                + "refuses " + charge.refused() + ": " + shown(charge));
                    }
                } catch (RequestConflictException e) {
                    outcome = "conflict";
                    conflicts++;
                    checkMessage(i, e, failures);
                    if (!charge.reusedId()) {
                        failures.add(i + ": conflict on a new request id: " + shown(charge));
                    }
                } catch (RuntimeException e) {
                    outcome = e.getClass().getName();
                    failures.add(i + ": " + e + " for " + shown(charge));
                }
                long took = System.nanoTime() - before;
                slowest = Math.max(slowest, took);
                if (took > BOUND.toNanos()) {
                    failures.add(i + ": took " + Duration.ofNanos(took) + " (" + outcome + "): " + shown(charge));
                }
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("CheckFuzzTest: %d charges (seed %d) in %s, slowest check %.1f ms; verdicts %s; "
                + "refused by field %s (%d in all); conflicts %d; failures %d; rule hits %s%n", COUNT, SEED, elapsed,
                slowest / 1e6, decided, refusedBy, refusedBy.values().stream().mapToInt(Integer::intValue).sum(),
                conflicts, failures.size(), hits);
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures (the first 20 at most):\n" + String.join("\n", failures));
        }
        if (COUNT >= 1_000) { // a run this long meets both
            assertThat(decided).as("verdicts given").containsKeys(Decision.values());
            assertThat(refusedBy).as("refusals").hasSizeGreaterThan(10);
        }
    }

    /** A message never holds a full number or a control character. */
    private static void checkMessage(int i, RuntimeException e, List<String> failures) {
        if (FuzzedCharges.FULL_NUMBER.matcher(e.getMessage()).find()) {
            failures.add(i + ": a full number in the message: " + e.getMessage());
        }
        if (FuzzedCharges.CONTROL.matcher(e.getMessage()).find()) {
            failures.add(i + ": a control character in the message: " + e.getMessage().replaceAll("\\p{C}", "?"));
        }
    }

    /** The charge's columns for a failure report, each cut short and with control characters visible. */
    private static String shown(FuzzedCharges.Fuzzed charge) {
        StringBuilder text = new StringBuilder("{");
        charge.columns().forEach((field, value) -> {
            String cut = value.length() > 60 ? value.substring(0, 60) + "…(" + value.length() + ")" : value;
            StringBuilder visible = new StringBuilder();
            cut.chars().forEach(c -> visible.append(c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x2028 && c <= 0x206F)
                    || Character.isSurrogate((char) c) ? String.format("\\u%04X", c) : String.valueOf((char) c)));
            text.append(field).append('=').append(visible).append(", ");
        });
        return text.append('}').toString();
    }
}
