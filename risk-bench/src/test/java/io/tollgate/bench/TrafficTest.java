package io.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.charge.ChargeRequest;
import org.junit.jupiter.api.Test;

class TrafficTest {
    @Test
    void charge_laterLaps_theSameChargeLapsLaterUnderItsOwnRequestId() {
        try (Traffic traffic = Traffic.generate(42, 50, 3)) {
            int size = traffic.charges().size();
            ChargeRequest base = traffic.charge(7);

            ChargeRequest third = traffic.charge(3L * size + 7);

            assertThat(traffic.charge(7)).isSameAs(traffic.charges().get(7));
            assertThat(third.requestId()).isEqualTo("L3-" + base.requestId());
            assertThat(third.ts()).isEqualTo(base.ts().plus(traffic.lapLength().multipliedBy(3)));
            assertThat(third.msisdn()).isEqualTo(base.msisdn());
            assertThat(third.amountFen()).isEqualTo(base.amountFen());
        }
    }
}
