package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.replay.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final String ADDRESS = "10.0.0.1";
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-10T02:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(String name, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(name, ADDRESS + "-" + name);
        }
    }

    private void advance(Duration duration) {
        clock.set(clock.instant().plus(duration));
    }

    @Test
    void refusal_afterTheFreeFailures_delaysDoubleUpToTheMaximum() {
        fail("rita", LoginThrottle.NAME_FREE_FAILURES);
        assertThat(throttle.refusal("rita", ADDRESS)).isEmpty();

        long[] expected = {1, 2, 4, 8, 16, 32};
        for (long seconds : expected) {
            fail("rita", 1);
            assertThat(throttle.refusal("rita", ADDRESS)).hasValueSatisfying(refusal -> {
                assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
                assertThat(refusal.lockedOut()).isFalse();
            });
            advance(Duration.ofSeconds(seconds));
            assertThat(throttle.refusal("rita", ADDRESS)).isEmpty();
        }
    }

    @Test
    void failed_theLockoutFailure_locksTheNameForTheLockout() {
        fail("rita", LoginThrottle.LOCKOUT_FAILURES - 1);
        assertThat(throttle.failed("rita", ADDRESS)).isTrue();

        assertThat(throttle.refusal("rita", "10.9.9.9")).hasValueSatisfying(refusal -> {
            assertThat(refusal.lockedOut()).isTrue();
            assertThat(refusal.retryAfter()).isEqualTo(LoginThrottle.LOCKOUT);
        });
        assertThat(throttle.lockouts()).extracting(LoginThrottle.Lockout::name).containsExactly("rita");
        advance(LoginThrottle.LOCKOUT.minusSeconds(1));
        assertThat(throttle.refusal("rita", "10.9.9.9")).isPresent();
        advance(Duration.ofSeconds(1));
        assertThat(throttle.refusal("rita", "10.9.9.9")).isEmpty();
        assertThat(throttle.lockouts()).isEmpty();
    }

    @Test
    void failed_theMaximumDelay_isNeverExceeded() {
        LoginThrottle addresses = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.ADDRESS_FREE_FAILURES + 20; i++) {
            addresses.failed("name-" + i, ADDRESS);
        }

        assertThat(addresses.refusal("someone", ADDRESS)).hasValueSatisfying(refusal ->
                assertThat(refusal.retryAfter()).isEqualTo(LoginThrottle.MAX_DELAY));
        assertThat(addresses.refusal("someone", "10.0.0.2")).as("another address").isEmpty();
    }

    @Test
    void succeededOrUnlocked_forgetTheNamesFailures() {
        fail("rita", LoginThrottle.NAME_FREE_FAILURES + 1);
        throttle.succeeded("rita");
        assertThat(throttle.refusal("rita", ADDRESS)).isEmpty();

        fail("rita", LoginThrottle.LOCKOUT_FAILURES);
        assertThat(throttle.unlock("rita")).isTrue();
        assertThat(throttle.refusal("rita", ADDRESS)).isEmpty();
        assertThat(throttle.unlock("rita")).as("not locked any more").isFalse();
    }

    @Test
    void failures_forgottenAfterAQuietSpell() {
        fail("rita", LoginThrottle.NAME_FREE_FAILURES + 1);

        advance(LoginThrottle.FORGET_AFTER);
        fail("rita", 1);

        assertThat(throttle.refusal("rita", "10.9.9.9")).as("one failure since").isEmpty();
    }

    @Test
    void failed_moreNamesThanTracked_keepsTheMostRecent() {
        for (int i = 0; i <= LoginThrottle.MAX_TRACKED; i++) {
            throttle.failed("name-" + i, null);
        }
        fail("last", LoginThrottle.LOCKOUT_FAILURES);

        assertThat(throttle.trackedNames()).isEqualTo(LoginThrottle.MAX_TRACKED);
        assertThat(throttle.lockouts()).extracting(LoginThrottle.Lockout::name).containsExactly("last");
        assertThat(throttle.refusal("last", ADDRESS)).isPresent();
    }
}
