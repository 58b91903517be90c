package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.Decision;
import io.tollgate.RuleHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HitsJsonTest {

    @Test
    void writesWhatJacksonWritesForGeneratedHits() {
        Random random = new Random(20261126);
        for (int list = 0; list < 20_000; list++) {
            List<RuleHit> hits = new ArrayList<>();
            int size = random.nextInt(6);
            for (int i = 0; i < size; i++) {
                hits.add(hit(random));
            }
            assertThat(HitsJson.write(hits)).isEqualTo(Json.write(hits));
        }
    }

    @Test
    void escapesEveryAsciiCharacterAsJacksonDoes() {
        for (char c = 0; c < 0x80; c++) {
            List<RuleHit> hits = List.of(new RuleHit("C" + c, 1, Decision.FLAG, c + "reason" + c, false, true));
            assertThat(HitsJson.write(hits)).as("character %d", (int) c).isEqualTo(Json.write(hits));
        }
    }

    @Test
    void writesAPointsRuleWithANullAction() {
        List<RuleHit> hits = List.of(new RuleHit("VEL-MSISDN-10M", 30, null, "多次 \"charge\"\n", true, false));

        assertThat(HitsJson.write(hits)).isEqualTo(
                "[{\"code\":\"VEL-MSISDN-10M\",\"points\":30,\"action\":null,\"reason\":\"多次 \\\"charge\\\"\\n\","
                        + "\"shadow\":true,\"review\":false}]");
        assertThat(HitsJson.write(List.of())).isEqualTo("[]");
    }

    private static RuleHit hit(Random random) {
        Decision[] decisions = Decision.values();
        int points = switch (random.nextInt(4)) {
            case 0 -> Integer.MIN_VALUE + random.nextInt(3);
            case 1 -> Integer.MAX_VALUE - random.nextInt(3);
            default -> random.nextInt(201) - 100;
        };
        Decision action = random.nextInt(decisions.length + 1) == 0 ? null : decisions[random.nextInt(decisions.length)];
        return new RuleHit(text(random), points, action, text(random), random.nextBoolean(), random.nextBoolean());
    }

    /** Strings of ASCII (controls, quotes, backslashes), Latin-1, CJK, line separators, surrogate pairs and lone surrogates. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append("\"\\/\u007f".charAt(random.nextInt(4)));
                case 2 -> text.append((char) (0x80 + random.nextInt(0x180)));
                case 3 -> text.append((char) (0x4E00 + random.nextInt(0x5000)));
                case 4 -> text.append("\u2028\u2029\ufeff\uffff".charAt(random.nextInt(4)));
                case 5 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 6 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }
}
