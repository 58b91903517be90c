package io.tollgate.charge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberSegmentsTest {
    private final NumberSegments segments = NumberSegments.get();

    @Test
    void of_knownSegments_carrierAndProvince_sameAnswerWhenRemembered() {
        NumberSegments.Segment mobile = segments.of(new Msisdn("13800138000"));

        assertThat(mobile.carrier()).isEqualTo(Carrier.CMCC);
        assertThat(mobile.province()).isEqualTo("Beijing");
        assertThat(segments.of(new Msisdn("13800138999"))).isSameAs(mobile); // same segment: remembered
        assertThat(segments.of(new Msisdn("13300000000")).carrier()).isEqualTo(Carrier.CTCC);
        assertThat(segments.of(new Msisdn("13000000000")).carrier()).isEqualTo(Carrier.CUCC);
    }
}
