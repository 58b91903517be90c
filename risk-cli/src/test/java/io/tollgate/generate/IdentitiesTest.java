package io.tollgate.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentitiesTest {
    @Test
    void number_manyDrawnAndBlocksBetween_neverRepeats() {
        Identities identities = new Identities(7, 64);
        RandomSource random = new RandomSource(7);
        Set<Long> seen = new HashSet<>();
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 2_000; i++) {
                assertThat(seen.add(identities.number())).isTrue();
            }
            for (long number : identities.block(random, 60)) {
                assertThat(seen.add(number)).isTrue();
            }
        }
        assertThat(seen).allSatisfy(number -> assertThat(Long.toString(number)).hasSize(11).doesNotStartWith("1349"));
    }

    @Test
    void feistel_anyValue_invertsToItself() {
        Feistel feistel = new Feistel(99, 10_000);
        for (long value = 0; value < 100_000_000L; value += 9_999_991L) {
            assertThat(feistel.invert(feistel.apply(value))).isEqualTo(value);
            assertThat(feistel.apply(value)).isBetween(0L, 99_999_999L);
        }
    }

    @Test
    void carrierOf_virtualOperatorSegments_followsTheHostCarrier() {
        assertThat(Identities.carrierOf(17001230000L)).isEqualTo(io.tollgate.charge.Carrier.CTCC);
        assertThat(Identities.carrierOf(17051230000L)).isEqualTo(io.tollgate.charge.Carrier.CMCC);
        assertThat(Identities.carrierOf(17091230000L)).isEqualTo(io.tollgate.charge.Carrier.CUCC);
        assertThat(Identities.carrierOf(13912345678L)).isEqualTo(io.tollgate.charge.Carrier.CMCC);
    }
}
