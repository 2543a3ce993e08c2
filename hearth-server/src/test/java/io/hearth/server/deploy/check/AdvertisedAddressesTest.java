package io.hearth.server.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertisedAddressesTest {

    private static AdvertisedNode node(int id, String host, String wsHost, AdvertisedNode.Backup... backups) {
        return new AdvertisedNode(id, host, 1883, 80, -1, wsHost, 8083, -1, List.of(backups), false);
    }

    @Test
    void aLoopbackHostBehindAPublicEntryNamesTheNodeAndTheKeys() {
        CheckResult r = AdvertisedAddresses.check(node(2, "127.0.0.12", "127.0.0.12"));

        assertThat(r.ok()).isFalse();
        assertThat(r.line()).isEqualTo("FAIL node 2 advertised addresses: node 2 advertises 127.0.0.12 (loopback)"
                + " behind a public entry — fix: set server.ip (and websocket_proxy_host) to the address clients"
                + " can reach");
    }

    @Test
    void aPrivateWsHostNamesWebsocketProxyHostAndAPrivateBackupNamesBackupAddress() {
        CheckResult r = AdvertisedAddresses.check(node(1, "203.0.113.7", "192.168.1.5",
                new AdvertisedNode.Backup("10.1.1.1", 81, 1881, 8081)));

        assertThat(r.ok()).isFalse();
        assertThat(r.detail()).isEqualTo("node 1 advertises 192.168.1.5 (private) behind a public entry;"
                + " node 1 advertises 10.1.1.1 (private) behind a public entry");
        assertThat(r.fix()).isEqualTo("set websocket_proxy_host to the address clients can reach;"
                + " set server.backup_address to the address clients can reach");
    }

    @Test
    void unspecifiedAndLinkLocalAreNotReachableEither() {
        assertThat(AdvertisedAddresses.check(node(3, "0.0.0.0", "0.0.0.0")).detail())
                .contains("0.0.0.0 (unspecified)");
        assertThat(AdvertisedAddresses.check(node(3, "169.254.0.9", "169.254.0.9")).detail())
                .contains("169.254.0.9 (link-local)");
    }

    @Test
    void publicAddressesPass() {
        CheckResult r = AdvertisedAddresses.check(node(1, "203.0.113.7", "203.0.113.7",
                new AdvertisedNode.Backup("198.51.100.3", 81, 1881, 8081)));

        assertThat(r.line()).isEqualTo("OK   node 1 advertised addresses: public: 203.0.113.7, 198.51.100.3");
    }
}
