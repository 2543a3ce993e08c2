package io.hearth.server.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A drain redirects a client that speaks TLS to this node to the same kind of port on the other node: MQTT over TLS
 * to its {@code sslPort}, WSS to its {@code wssPort} — never to a plain port the client would fail on.
 */
class TlsDrainIT {

    @RegisterExtension
    final Closer closing = new Closer();

    @Test
    void tlsClientsAreSentToTheTlsPortsOfTheOtherNode() throws Exception {
        Path dir = Files.createTempDirectory("hearth-tls-drain");
        TestPki pki = TestPki.create(dir);
        Path store = pki.server("node", "127.0.0.1").pkcs12("pw");
        TwoNodes cluster = new TwoNodes(Map.of("ssl_port", 0, "secure_websocket_port", 0,
                "jks_path", store.toString(), "key_store_password", "pw"));
        closing.keep(cluster);
        await().atMost(15, TimeUnit.SECONDS).until(() ->
                Http.get(cluster.a.httpUrl() + "/api/version").get("liveNodeIds").size() == 2);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(pki.trustStore());
        Users users = new Users(cluster.a);
        Users.Login carol = users.login("carol");
        Users.Login dave = users.login("dave");
        MqttPeer overTls = MqttPeer.mqtt5("127.0.0.1", cluster.a.server().sslPort(), false, trust, carol.userId(),
                carol.clientId(), carol.token());
        closing.keep(overTls);
        MqttPeer overWss = MqttPeer.mqtt5("127.0.0.1", cluster.a.server().wssPort(), true, trust, dave.userId(),
                dave.clientId(), dave.token());
        closing.keep(overWss);

        assertThat(cluster.b.admin().call("/admin/node/drain", Map.of("nodeId", 1)).get("code").asInt()).isZero();

        Mqtt5Disconnect toCarol = overTls.awaitDisconnect().orElseThrow();
        assertThat(toCarol.getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.USE_ANOTHER_SERVER);
        assertThat(toCarol.getServerReference().orElseThrow().toString())
                .isEqualTo("127.0.0.1:" + cluster.b.server().sslPort());
        Mqtt5Disconnect toDave = overWss.awaitDisconnect().orElseThrow();
        assertThat(toDave.getServerReference().orElseThrow().toString())
                .isEqualTo("127.0.0.1:" + cluster.b.server().wssPort());
    }
}
