package io.hearth.server.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, LOOPBACK", "127.0.0.12, LOOPBACK", "::1, LOOPBACK", "localhost, LOOPBACK",
        "app.localhost, LOOPBACK",
        "0.0.0.0, UNSPECIFIED", "::, UNSPECIFIED", "0.1.2.3, UNSPECIFIED",
        "169.254.10.1, LINK_LOCAL", "fe80::1, LINK_LOCAL",
        "10.0.0.11, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.254, PRIVATE", "192.168.1.20, PRIVATE",
        "100.64.0.1, PRIVATE", "100.127.255.1, PRIVATE", "fd12:3456::1, PRIVATE",
        "172.32.0.1, PUBLIC", "172.15.255.1, PUBLIC", "100.128.0.1, PUBLIC", "8.8.8.8, PUBLIC",
        "203.0.113.7, PUBLIC", "2001:db8::1, PUBLIC", "[2001:db8::1], PUBLIC"
    })
    void classifiesAddressLiterals(String host, AddressClass expected) throws Exception {
        assertThat(AddressClass.ofHost(host)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, false", "10.1.2.3, false", "localhost, false", "8.8.4.4, true",
        "no-such-host.invalid, false"})
    void anEntryIsPublicWhenOneOfItsAddressesIs(String host, boolean expected) {
        assertThat(AddressClass.isPublic(host)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"192.168.0.1, false", "1.1.1.1, true"})
    void onlyPublicIsReachableFromTheInternet(String ip, boolean expected) throws Exception {
        assertThat(AddressClass.of(InetAddress.getByName(ip)).reachableFromInternet()).isEqualTo(expected);
    }
}
