package io.hearth.server.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.testing.NginxProcess;
import io.hearth.server.testing.Ports;
import io.hearth.server.testing.TestNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each probe against a real node, on the right port and on the wrong one, and the WebSocket probe through a real
 * nginx with and without the Upgrade headers.
 */
class ProbesIT {

    private static TestNode node;
    private final Probes probes = new Probes(new Dialer(Duration.ofSeconds(3), null), Clock.systemUTC());

    @BeforeAll
    static void startNode() {
        node = TestNode.start();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }


    private static Target at(int port, String keys) {
        return new Target("127.0.0.1", port, keys);
    }

    @Test
    void mqttOnTheMqttPortIsRefusedAnonymousAsExpected() {
        List<CheckResult> out = new ArrayList<>();
        probes.mqtt("node 1", "mqtt", at(node.mqttPort(), "port"), false, out);

        assertThat(out).extracting(CheckResult::line)
                .containsExactly("OK   mqtt: MQTT answered (refused anonymous, as expected)");
    }

    @Test
    void mqttOverWebSocketOnTheWebSocketPortIsRefusedAnonymousAsExpected() {
        List<CheckResult> out = new ArrayList<>();
        probes.webSocket("node 1", "ws", at(node.wsPort(), "websocket_port"), false, "/mqtt", out);

        assertThat(out).extracting(CheckResult::line)
                .containsExactly("OK   ws: MQTT answered (refused anonymous, as expected)");
    }

    @Test
    void mqttOnAnHttpPortIsNotMqtt() {
        List<CheckResult> out = new ArrayList<>();
        probes.mqtt("node 1", "mqtt", at(node.httpPort(), "port"), false, out);

        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.line()).startsWith("FAIL mqtt: the answer is not MQTT: it answered HTTP (HTTP/1.1 ")
                    .contains("must reach the node's port");
        });
    }

    @Test
    void aWebSocketOnTheMqttPortGetsNoHttpAnswer() {
        List<CheckResult> out = new ArrayList<>();
        Target t = at(node.mqttPort(), "websocket_port");
        probes.webSocket("node 1", "ws", t, false, "/mqtt", out);

        assertThat(out).extracting(CheckResult::line).containsExactly("FAIL ws: " + t
                + " closed the connection without an HTTP answer — fix: " + t
                + " must be a WebSocket port: check websocket_port (it must not be the MQTT TCP port)");
    }

    @Test
    void aClosedPortIsNothingListens() throws IOException {
        int closed = Ports.free();
        List<CheckResult> out = new ArrayList<>();
        probes.webSocket("node 1", "ws", at(closed, "websocket_port / websocket_proxy_port"), false, "/mqtt", out);

        assertThat(out).extracting(CheckResult::line).containsExactly("FAIL ws: nothing listens on 127.0.0.1:"
                + closed + " (connection refused) — fix: open the port in the firewall / check websocket_port /"
                + " websocket_proxy_port");
    }

    @Test
    void throughNginxTheWebSocketNeedsTheUpgradeHeaders(@TempDir Path dir) throws Exception {
        int bare = Ports.free();
        int upgrading = Ports.free();
        String block = """
                server {
                    listen 127.0.0.1:%d;
                    location / { proxy_pass http://127.0.0.1:%d; }
                }
                server {
                    listen 127.0.0.1:%d;
                    location / {
                        proxy_pass http://127.0.0.1:%d;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection "upgrade";
                    }
                }
                """.formatted(bare, node.wsPort(), upgrading, node.wsPort());
        try (NginxProcess nginx = NginxProcess.startHttp(dir, block, "127.0.0.1", bare)) {
            List<CheckResult> out = new ArrayList<>();
            probes.webSocket("node 1", "bare", at(bare, "websocket_proxy_port"), false, "/mqtt", out);
            probes.webSocket("node 1", "upgrading", at(upgrading, "websocket_proxy_port"), false, "/mqtt", out);

            assertThat(out).extracting(CheckResult::line).as(nginx.logs()).containsExactly(
                    "FAIL bare: HTTP 400 Bad Request from nginx/1.22.1 instead of 101 Switching Protocols: the proxy"
                    + " does not upgrade to WebSocket — fix: add `proxy_http_version 1.1; proxy_set_header Upgrade"
                    + " $http_upgrade; proxy_set_header Connection \"upgrade\";` to the nginx location that proxies"
                    + " to websocket_port",
                    "OK   upgrading: MQTT answered (refused anonymous, as expected)");
        }
    }
}
