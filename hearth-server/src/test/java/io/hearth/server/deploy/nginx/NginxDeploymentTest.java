package io.hearth.server.deploy.nginx;

import static io.hearth.server.deploy.nginx.NginxConfigTest.NODES;
import static io.hearth.server.deploy.nginx.NginxConfigTest.TLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-node entry ports, the keys each node must set, and the checks of a deployment. */
class NginxDeploymentTest {

    @Test
    void directKeysPointWebClientsAtTheProxyAndNativeClientsAtTheNode() {
        Deployment d = Deployment.builder(Mode.DIRECT, "im.example.com", NODES).tls(TLS).build();

        assertThat(NodeKeys.of(d, NODES.get(0))).containsExactly(entry("server.ip", "10.0.0.11"),
                entry("websocket_proxy_host", "im.example.com"), entry("websocket_proxy_port", "12081"),
                entry("websocket_proxy_secure_port", "13081"));
        assertThat(NodeKeys.of(d, NODES.get(1))).containsEntry("server.ip", "203.0.113.12")
                .doesNotContainKeys("port", "http_port", "ssl_port");
        assertThat(NodeKeys.of(d, NODES.get(2))).containsExactly(entry("server.ip", "10.0.0.13"));
    }

    @Test
    void directWithoutTlsLeavesTheSecureWebSocketToTheNode() {
        Deployment d = Deployment.builder(Mode.DIRECT, "im.example.com", NODES).build();
        assertThat(NodeKeys.of(d, NODES.get(0))).doesNotContainKey("websocket_proxy_secure_port");
    }

    @Test
    void singleEntryKeysAdvertiseTheEntryAndTheNodesUniquePorts() {
        Deployment d = Deployment.builder(Mode.SINGLE_ENTRY, "im.example.com", NODES).tls(TLS).build();

        assertThat(NodeKeys.of(d, NODES.get(0))).containsExactly(entry("server.ip", "im.example.com"),
                entry("port", "11881"), entry("http_port", "10081"), entry("websocket_proxy_host", "im.example.com"),
                entry("websocket_proxy_port", "12081"), entry("websocket_proxy_secure_port", "13081"));
        assertThat(NodeKeys.of(d, NODES.get(1))).containsEntry("ssl_port", "14082").containsEntry("port", "11882");
        assertThat(NodeKeys.of(d, NODES.get(2))).containsExactly(entry("server.ip", "im.example.com"),
                entry("http_port", "10083"));
        assertThat(NodeKeys.text(d, NODES.get(0)))
                .startsWith("# node 1 (10.0.0.11), for nginx mode single-entry at im.example.com\n")
                .contains("\nserver.ip im.example.com\nport 11881\n");
    }

    @Test
    void nodeIdsPickThePorts() {
        Deployment d = Deployment.builder(Mode.SINGLE_ENTRY, "e", List.of(Node.of(0, "h0"), Node.of(127, "h127")
                .withPorts(1883, 80, 8083, 8883))).ports(PortPlan.from(20000, 1000)).tls(TLS).build();
        assertThat(d.portsOf(d.nodes().get(0))).isEqualTo(new EntryPorts(20000, 21000, 22000, 23000, -1));
        assertThat(d.portsOf(d.nodes().get(1))).isEqualTo(new EntryPorts(20127, 21127, 22127, 23127, 24127));
    }

    @Test
    void twoListenersOnOnePortAreRefused() {
        assertThatThrownBy(() -> Deployment.builder(Mode.SINGLE_ENTRY, "e", NODES)
                .ports(new PortPlan(11880, 11881, 12080, 13080, 14080)).build())
                .hasMessage("port 11882 would serve both node 1 short HTTP and node 2 MQTT over TCP; move a port base");
        assertThatThrownBy(() -> Deployment.builder(Mode.DIRECT, "e", NODES).httpPort(12082).build())
                .hasMessage("port 12082 would serve both the HTTP port and node 2 WebSocket; move a port base");
        assertThatThrownBy(() -> Deployment.builder(Mode.DIRECT, "e", NODES).tls(TLS).httpsPort(80).build())
                .hasMessageStartingWith("port 80 would serve both the HTTP port and the HTTPS port");
        // without TLS the HTTPS port is not used, so it cannot collide
        assertThat(Deployment.builder(Mode.DIRECT, "e", NODES).httpsPort(80).build()).isNotNull();
    }

    @Test
    void refusesWhatNginxOrClientsCannotUse() {
        assertThatThrownBy(() -> Deployment.builder(Mode.DIRECT, "e", NODES).idleTimeoutSeconds(300).build())
                .hasMessageStartingWith("idle timeout 300 s is below 600 s");
        assertThatThrownBy(() -> Deployment.builder(Mode.DIRECT, "im.example.com;", NODES).build())
                .hasMessage("entry 'im.example.com;' is not a host name or IP address");
        assertThatThrownBy(() -> Deployment.builder(Mode.DIRECT, "e", NODES).listen("0.0.0.0 x").build())
                .hasMessageStartingWith("listen address");
        assertThatThrownBy(() -> Deployment.builder(Mode.DIRECT, "e", List.of()).build()).hasMessage("no nodes");
        assertThatThrownBy(() -> Deployment.builder(Mode.DIRECT, "e", List.of(Node.of(1, "a"), Node.of(1, "b")))
                .build()).hasMessage("node_id 1 appears twice");
        assertThatThrownBy(() -> Deployment.builder(Mode.DIRECT, "e", NODES).httpPort(0).build())
                .hasMessage("port 0 (the HTTP port) is outside 1..65535");
        assertThatThrownBy(() -> new Tls("/a b.pem", "/k")).hasMessageStartingWith("TLS certificate path");
        assertThatThrownBy(() -> StreamModule.parse("x; y")).hasMessageStartingWith("stream module");
        assertThatThrownBy(() -> Mode.parse("proxy")).hasMessage("mode 'proxy' is neither direct nor single-entry");
        assertThatThrownBy(() -> new PortPlan(65500, 1, 1, 1, 1)).hasMessageStartingWith("port base 65500");
    }
}
