package io.hearth.server.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxNodeFileTest {

    @Test
    void readsNodesWithDefaultsCommentsAndDisabledPorts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("nodes.txt"), """
                # the cluster
                1 10.0.0.11
                  2   10.0.0.12   ssl_port=8883 public=203.0.113.12   # the second one

                3 node3.internal local_port=8080 websocket_port=disabled port=disabled
                """);

        List<Node> nodes = NodeFile.read(file);

        assertThat(nodes).containsExactly(
                new Node(1, "10.0.0.11", "10.0.0.11", 1883, 80, 8083, Node.DISABLED),
                new Node(2, "10.0.0.12", "203.0.113.12", 1883, 80, 8083, 8883),
                new Node(3, "node3.internal", "node3.internal", Node.DISABLED, 8080, Node.DISABLED, Node.DISABLED));
    }

    @Test
    void acceptsIpv6() {
        assertThat(NodeFile.parse("n", List.of("4 fd00::4")).get(0).address(80)).isEqualTo("[fd00::4]:80");
    }

    @Test
    void everyErrorNamesFileAndLine() {
        assertError(List.of("1 10.0.0.11", "", "1 10.0.0.12"), "nodes.txt:3: node_id 1 is already on line 1");
        assertError(List.of("1"), "nodes.txt:1: expected '<node_id> <host> [key=value]...', got '1'");
        assertError(List.of("x 10.0.0.11"), "nodes.txt:1: node_id 'x' is not a number");
        assertError(List.of("200 10.0.0.11"), "nodes.txt:1: node_id 200 is outside 0..127");
        assertError(List.of("1 10.0.0.11 port=70000"), "nodes.txt:1: port 70000 of node 1 is outside 1..65535");
        assertError(List.of("1 10.0.0.11 local_port=disabled"), "nodes.txt:1: local_port 'disabled' is not a number");
        assertError(List.of("1 10.0.0.11 colour=red"), "nodes.txt:1: 'colour=red' is not key=value with a key of");
        assertError(List.of("1 10.0.0.11 8083"), "nodes.txt:1: '8083' is not key=value");
        assertError(List.of("1 10.0.0.11 port=1 port=2"), "nodes.txt:1: port is given twice");
        assertError(List.of("# nothing", "1 0.0.0.0"), "nodes.txt:2: host 0.0.0.0 of node 1 is a wildcard");
        assertError(List.of("1 bad;host"), "nodes.txt:1: host 'bad;host' is not a host name or IP address");
        assertError(List.of("# only comments"), "nodes.txt: no nodes");
    }

    @Test
    void aMissingFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> NodeFile.read(dir.resolve("absent.txt")))
                .isInstanceOf(NodeListException.class).hasMessageContaining("absent.txt: cannot read the node file");
    }

    private static void assertError(List<String> lines, String message) {
        assertThatThrownBy(() -> NodeFile.parse("nodes.txt", lines))
                .isInstanceOf(NodeListException.class).hasMessageStartingWith(message);
    }
}
