package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.charge.InvalidFieldException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The amount of a charge is refused above the engine's ceiling, so no cap can be wrapped around. */
class AmountLimitsTest {
    private static final String NUMBER = "13800138000";

    @TempDir
    Path folder;
    EngineFixture fixture;

    @BeforeEach
    void open() {
        fixture = new EngineFixture(folder);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static void assertRefusedNamingAmount(Runnable check) {
        assertThatThrownBy(check::run)
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("amount_fen: ")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("amount_fen"));
    }

    @Test
    void check_longMaxAfterAnAllowedCharge_isRefusedNotFlagged() {
        assertThat(fixture.check(fixture.charge(NUMBER)).decision()).isEqualTo(Decision.ALLOW);

        assertRefusedNamingAmount(() -> fixture.check(fixture.charge(NUMBER).amountFen(Long.MAX_VALUE)));
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, Long.MAX_VALUE - 1, Integer.MAX_VALUE + 1L, Integer.MAX_VALUE,
            RiskEngine.DEFAULT_MAX_AMOUNT_FEN + 1, 0, -1, Long.MIN_VALUE})
    void check_amountOutsideOneFenToTheCeiling_isRefusedAndCountsNothing(long amount) {
        assertRefusedNamingAmount(() -> fixture.check(fixture.charge(NUMBER).amountFen(amount)));

        RiskVerdict next = fixture.check(fixture.charge(NUMBER));
        assertThat(next.decision()).isEqualTo(Decision.ALLOW); // the refused one was not an attempt
    }

    @Test
    void check_amountAtTheCeiling_isDecidedAndHitsTheDailyCap() {
        RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).amountFen(RiskEngine.DEFAULT_MAX_AMOUNT_FEN));

        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.hits()).extracting(RuleHit::code).contains("VEL-MSISDN-DAY-CAP", "VEL-MSISDN-MONTH-CAP");
    }

    @Test
    void check_oneFen_isAllowed() {
        assertThat(fixture.check(fixture.charge(NUMBER).amountFen(1)).decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void check_refusedAmount_messageSaysTheCeiling() {
        assertThatThrownBy(() -> fixture.check(fixture.charge(NUMBER).amountFen(RiskEngine.DEFAULT_MAX_AMOUNT_FEN + 1)))
                .hasMessage("amount_fen: must be at most " + RiskEngine.DEFAULT_MAX_AMOUNT_FEN
                        + " fen (this engine's ceiling), got " + (RiskEngine.DEFAULT_MAX_AMOUNT_FEN + 1));
    }

    @Test
    void builder_maxAmountFen_movesTheCeiling() {
        fixture.close();
        try (RiskEngine engine = RiskEngine.builder().rules(EngineFixture.RULES)
                .database(folder.resolve("other")).clock(fixture.clock).maxAmountFen(5_000).build()) {
            fixture.engine = engine;

            assertThat(fixture.check(fixture.charge(NUMBER).amountFen(5_000)).decision()).isNotNull();
            assertRefusedNamingAmount(() -> fixture.check(fixture.charge(NUMBER).amountFen(5_001)));
        } finally {
            fixture.engine = fixture.open();
        }
    }

    @Test
    void builder_maxAmountFenUpToIntMax_decidesSuchACharge() {
        fixture.close();
        try (RiskEngine engine = RiskEngine.builder().rules(EngineFixture.RULES)
                .database(folder.resolve("other")).clock(fixture.clock).maxAmountFen(Integer.MAX_VALUE).build()) {
            fixture.engine = engine;

            fixture.check(fixture.charge(NUMBER).amountFen(500));
            RiskVerdict verdict = fixture.check(fixture.charge(NUMBER).amountFen(Integer.MAX_VALUE));

            assertThat(verdict.hits()).extracting(RuleHit::code).contains("VEL-MSISDN-DAY-CAP");
        } finally {
            fixture.engine = fixture.open();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE})
    void builder_maxAmountFenOutOfRange_isRefused(long ceiling) {
        assertThatThrownBy(() -> RiskEngine.builder().maxAmountFen(ceiling))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximum amount");
    }
}
