package io.hearth.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hearth.client.HearthClient;
import io.hearth.client.Transport;
import io.hearth.protocol.Platforms;
import io.hearth.protocol.pb.SendMessageResult;
import io.hearth.server.sdk.SdkMessagingIT.Inbox;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.TestNode;
import io.hearth.server.testing.TestPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Java SDK with TLS on every leg against a node with {@code https_port}, {@code ssl_port} and
 * {@code secure_websocket_port}: the route over HTTPS, then MQTT over TLS or WSS, each with the host name checked.
 */
class SdkTlsIT {

    @RegisterExtension
    final Closer closing = new Closer();

    /** A node whose certificate names {@code names}; it advertises server.ip 127.0.0.1. */
    private TestNode tlsNode(TestPki pki, String... names) {
        Path store = pki.server("node", names).pkcs12("pw");
        TestNode n = TestNode.start(Map.of("https_port", 0, "ssl_port", 0, "secure_websocket_port", 0,
                "jks_path", store.toString(), "key_store_password", "pw"));
        closing.keep(n);
        return n;
    }

    private HearthClient client(TestNode node, String user, Transport transport, SSLContext tls, Inbox inbox) {
        String clientId = user + "-" + transport;
        HearthClient c = HearthClient.builder()
                .routeUrl(URI.create("https://localhost:" + node.server().httpsPort()))
                .tls(tls)
                .userId(user).clientId(clientId).token(node.admin().token(user, clientId, Platforms.ANDROID))
                .platform(Platforms.ANDROID).transport(transport)
                .reconnect(false).backoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .listener(inbox).build();
        closing.keep(c);
        inbox.client = c;
        return c;
    }

    private static TestPki pki() throws Exception {
        return TestPki.create(Files.createTempDirectory("hearth-sdk-tls"));
    }

    @Test
    void mqttOverTlsAndWssExchangeMessagesAfterAnHttpsRoute() throws Exception {
        TestPki pki = pki();
        TestNode node = tlsNode(pki, "localhost", "127.0.0.1");
        node.admin().createUser("alice");
        node.admin().createUser("bob");
        Inbox alice = new Inbox();
        Inbox bob = new Inbox();
        client(node, "alice", Transport.TCP, pki.clientContext(), alice).connect().orTimeout(10, TimeUnit.SECONDS)
                .join();
        client(node, "bob", Transport.WEBSOCKET, pki.clientContext(), bob).connect().orTimeout(10, TimeUnit.SECONDS)
                .join();

        SendMessageResult sent = alice.client.sendText("bob", "secure hello").join();
        bob.client.sendText("alice", "secure reply").join();

        await().atMost(10, TimeUnit.SECONDS).until(() -> bob.messages.size() == 1 && alice.messages.size() == 1);
        assertThat(bob.messages.get(0).getMessageUid()).isEqualTo(sent.getMessageUid());
        assertThat(bob.messages.get(0).getContent().getSearchableContent()).isEqualTo("secure hello");
        assertThat(alice.messages.get(0).getContent().getSearchableContent()).isEqualTo("secure reply");
    }

    @Test
    void aClientThatDoesNotTrustTheServerFailsOnTheRoute() throws Exception {
        TestNode node = tlsNode(pki(), "localhost", "127.0.0.1");
        node.admin().createUser("carol");
        TestPki stranger = pki();
        HearthClient c = client(node, "carol", Transport.TCP, stranger.clientContext(), new Inbox());
        assertThatThrownBy(() -> c.connect().orTimeout(10, TimeUnit.SECONDS).join())
                .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class)
                .hasStackTraceContaining("PKIX path building failed");
    }

    @Test
    void theMqttLegChecksTheHostNameTheRouteAdvertises() throws Exception {
        // the certificate names only "localhost": the HTTPS route to localhost passes, but the route advertises
        // server.ip 127.0.0.1, which the certificate does not name, so the MQTT/TLS and WSS handshakes must fail
        TestPki pki = pki();
        TestNode node = tlsNode(pki, "localhost");
        node.admin().createUser("dave");
        for (Transport t : Transport.values()) {
            HearthClient c = client(node, "dave", t, pki.clientContext(), new Inbox());
            assertThatThrownBy(() -> c.connect().orTimeout(10, TimeUnit.SECONDS).join())
                    .as(t.name()).hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.1");
        }
    }
}
