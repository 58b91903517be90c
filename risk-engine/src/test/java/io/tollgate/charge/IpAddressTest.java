package io.tollgate.charge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"10.0.0.1", "0.0.0.0", "255.255.255.255", "203.0.113.7", "::", "::1", "2001:db8::",
        "2001:db8:85a3::8a2e:370:7334", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "fe80::1", "::ffff:10.0.0.1",
        "0000:0000:0000:0000:0000:ffff:255.255.255.255", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::8", "A:B::C"})
    void isLiteral_address_isAccepted(String address) {
        assertThat(IpAddress.isLiteral(address)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "1", "10.0.0", "10.0.0.1.2", "256.0.0.1", "01.0.0.1", "10.0.0.-1", "10..0.1",
        "10.0.0.1 ", "a.b.c.d", "13800138000", "xxx13800138000", "localhost", ":::", "1:::2", "1::2::3",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::1", "g::1", "::1%eth0", "[::1]", "1:2:3:4:5:6:7:8::",
        "::ffff:10.0.0", "::ffff:1.2.3.4:5", ":1::2", "1::2:", "１０.0.0.1"})
    void isLiteral_otherText_isRefused(String text) {
        assertThat(IpAddress.isLiteral(text)).isFalse();
    }
}
