package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import io.hearth.server.testing.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node with all three TLS listeners ({@code https_port}, {@code secure_websocket_port}, {@code ssl_port}) from a
 * PKCS12 key store signed by a test CA. Clients verify the chain against that CA and check the host name.
 */
class TlsListenersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestPki pki;
    private static TestNode node;

    @BeforeAll
    static void startNode() throws Exception {
        Path dir = Files.createTempDirectory("hearth-tls");
        pki = TestPki.create(dir);
        Path store = pki.server("node", "localhost", "127.0.0.1").pkcs12("store-pass");
        node = TestNode.start(Map.of(
                "https_port", 0, "secure_websocket_port", 0, "ssl_port", 0,
                "jks_path", store.toString(), "key_store_password", "store-pass",
                "websocket_proxy_host", "ws.example.com",
                "server.backup_address", "10.9.8.7:81:1881:8081, 10.9.8.6:82:1882:8082"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static HttpClient https() {
        return HttpClient.newBuilder().sslContext(pki.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static JsonNode get(HttpClient client, String url) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void httpsServesVersionAndNodesWithAVerifiedHostName() throws Exception {
        int port = node.server().httpsPort();
        JsonNode version = get(https(), "https://localhost:" + port + "/api/version");
        assertThat(version.path("nodeId").asInt()).isEqualTo(1);

        JsonNode nodes = get(https(), "https://127.0.0.1:" + port + "/api/nodes").path("result").path("nodes");
        assertThat(nodes).hasSize(1);
        JsonNode n = nodes.get(0);
        assertThat(n.path("sslPort").asInt()).isEqualTo(node.server().sslPort());
        assertThat(n.path("wssPort").asInt()).isEqualTo(node.server().wssPort());
        assertThat(n.path("wsHost").asText()).isEqualTo("ws.example.com");
        assertThat(n.path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(n.path("backupAddresses")).hasSize(2);
        assertThat(n.path("backupAddresses").get(1))
                .isEqualTo(JSON.readTree("{\"host\":\"10.9.8.6\",\"shortPort\":82,\"longPort\":1882,\"wsPort\":8082}"));
    }

    @Test
    void theRouteOverHttpsTellsWebClientsTheProxyAndEveryoneTheBackups() throws Exception {
        Login dave = newUser(node, "dave");
        String body = JSON.writeValueAsString(Map.of("userId", dave.userId(), "clientId", dave.clientId(),
                "token", dave.token(), "clientKind", "js"));
        HttpResponse<String> r = https().send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + node.server().httpsPort() + "/route"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode route = JSON.readTree(r.body());
        assertThat(route.path("code").asInt()).as(r.body()).isZero();
        JsonNode result = route.path("result");
        assertThat(result.path("nodeId").asInt()).isEqualTo(1);
        assertThat(result.path("wsHost").asText()).isEqualTo("ws.example.com");
        assertThat(result.path("wssPort").asInt()).isEqualTo(node.server().wssPort());
        assertThat(result.path("sslPort").asInt()).isEqualTo(node.server().sslPort());
        assertThat(result.path("backupAddresses").get(0).path("longPort").asInt()).isEqualTo(1881);
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefused() {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> get(untrusting, "https://localhost:" + node.server().httpsPort() + "/api/version"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpOnTheHttpsPortGetsNoAnswer() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.server().httpsPort() + "/api/version"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
        // the node is unharmed
        assertThat(get(https(), "https://localhost:" + node.server().httpsPort() + "/api/version").path("nodeId")
                .asInt()).isEqualTo(1);
    }

    private static Mqtt5ClientBuilder tls(String host, int port) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(pki.trustStore());
        return Mqtt5Client.builder().serverHost(host).serverPort(port)
                .sslConfig().trustManagerFactory(tmf).applySslConfig();
    }

    @Test
    void mqttOverTlsAndMqttOverWssExchangeMessages() throws Exception {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        Mqtt5ClientBuilder overTls = tls("localhost", node.server().sslPort());
        Mqtt5ClientBuilder overWss = tls("localhost", node.server().wssPort())
                .webSocketConfig().serverPath("/mqtt").subprotocol("mqtt").applyWebSocketConfig();
        try (Mqtt5Peer a = Mqtt5Peer.connect(overTls, alice.userId(), alice.clientId(), alice.token())
                .subscribeDefaults();
             Mqtt5Peer b = Mqtt5Peer.connect(overWss, bob.userId(), bob.clientId(), bob.token())
                     .subscribeDefaults()) {
            Reply sent = a.call(Methods.MESSAGE_SEND, text(bob.userId(), "over tls"));
            assertThat(sent.getCode()).isZero();
            MessagePush push = MessagePush.parseFrom(
                    b.awaitPublish(Topics.push(bob.userId(), Topics.PUSH_MESSAGE)).getPayloadAsBytes());
            assertThat(push.getMessages(0).getContent().getSearchableContent()).isEqualTo("over tls");
            assertThat(push.getMessages(0).getSender()).isEqualTo(alice.userId());
        }
    }
}
