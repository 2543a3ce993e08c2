package io.hearth.server.deploy.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing {@code GET /admin/nodes} (format in the issue 4 contract). */
class NginxClusterNodesTest {

    @Test
    void boundHostAndPortsBecomeTheNodeAndTheAdvertisedHostItsPublicAddress() {
        String body = """
                {"code":0,"msg":"success","result":{"nodes":[
                 {"nodeId":1,"draining":false,
                  "advertised":{"host":"im1.example.com","longPort":1883,"shortPort":80,"wsPort":8083,"backupAddresses":[]},
                  "bound":{"host":"127.0.0.11","port":1883,"localPort":80,"websocketPort":8083,"secureWebsocketPort":8084,
                           "sslPort":8883,"httpsPort":443}},
                 {"nodeId":2,"draining":true,
                  "advertised":{"host":"127.0.0.12","longPort":1883,"shortPort":80,"backupAddresses":[]},
                  "bound":{"host":"127.0.0.12","localPort":8080}}]}}
                """;

        assertThat(ClusterNodes.parse("src", body)).containsExactly(
                new Node(1, "127.0.0.11", "im1.example.com", 1883, 80, 8083, 8883),
                new Node(2, "127.0.0.12", "127.0.0.12", Node.DISABLED, 8080, Node.DISABLED, Node.DISABLED));
    }

    @Test
    void errorsNameTheSource() {
        assertThatThrownBy(() -> ClusterNodes.parse("http://x/admin/nodes", "{\"code\":9,\"msg\":\"no\"}"))
                .hasMessageStartingWith("http://x/admin/nodes: answered {\"code\":9");
        assertThatThrownBy(() -> ClusterNodes.parse("u", "<html>"))
                .isInstanceOf(NodeListException.class).hasMessageStartingWith("u: not JSON");
        assertThatThrownBy(() -> ClusterNodes.parse("u", "{\"code\":0,\"result\":{\"nodes\":[]}}"))
                .hasMessageStartingWith("u: no nodes");
        assertThatThrownBy(() -> ClusterNodes.parse("u",
                "{\"code\":0,\"result\":{\"nodes\":[{\"nodeId\":1,\"bound\":{\"host\":\"0.0.0.0\",\"localPort\":80}}]}}"))
                .hasMessageContaining("is a wildcard");
    }
}
