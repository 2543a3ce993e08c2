package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.Fixtures.text;
import static io.hearth.server.it.UsersIT.assertCode;
import static io.hearth.server.it.UsersIT.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.Postgres;
import io.hearth.server.testing.TestNode;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mute and ban end to end: a muted user's client sends are refused with 245 while the server API still sends for it;
 * a banned user is kicked, refused at CONNECT (MQTT 5 Banned, MQTT 3.1.1 not authorized), at the route and at
 * get_token, and works again with the same token once unbanned. The last test runs two nodes on one PostgreSQL
 * database without a cluster between them: a status set through one reaches the other by its poll.
 */
class BlockStatusIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    @BeforeAll
    static void startNode() {
        node = TestNode.start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aMutedUsersClientSendsAreRefusedWith245ButTheServerApiSendsForIt() {
        Login alice = newUser(node, "mia");
        Login bob = newUser(node, "mo");
        try (Mqtt5Peer phone = Fixtures.online(node, alice)) {
            setStatus(node, alice.userId(), "status", 1);

            Reply refused = phone.call(Methods.MESSAGE_SEND, text(bob.userId(), "muted?"));
            assertThat(refused.getCode()).isEqualTo(245);
            assertThat(refused.getMsg()).contains(alice.userId()).contains("muted").contains("cannot send");
            assertOk(node.admin().call("/admin/message/send", Map.of("sender", alice.userId(),
                    "conv", Map.of("type", 0, "target", bob.userId(), "line", 0),
                    "payload", Map.of("type", 1, "searchableContent", "from the app server"))));

            setStatus(node, alice.userId(), "status", 0);
            assertThat(phone.call(Methods.MESSAGE_SEND, text(bob.userId(), "unmuted")).getCode()).isZero();
        }
    }

    @Test
    void aBannedUserIsKickedAndRefusedAtConnectRouteAndTokenUntilUnbanned() throws Exception {
        Login bob = newUser(node, "ban");
        Mqtt5Peer phone = Fixtures.online(node, bob);
        setStatus(node, bob.userId(), "block", 2);

        assertThat(phone.awaitDisconnected()).map(Mqtt5Disconnect::getReasonCode)
                .contains(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED);
        phone.close();
        Mqtt5ConnAck ack = refusedMqtt5(node, bob);
        assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BANNED);
        assertThat(ack.getReasonString().map(Object::toString).orElse("")).startsWith("245").contains("banned");
        assertThat(refusedMqtt311(node, bob)).as("3.1.1 not authorized").isEqualTo(5);
        assertThat(route(node, bob).path("code").asInt()).isEqualTo(245);
        assertCode(node.admin().call("/admin/user/get_token", Map.of("userId", bob.userId(),
                "clientId", bob.clientId(), "platform", 2)), 245, "banned");

        setStatus(node, bob.userId(), "block", 0);
        assertThat(route(node, bob).path("code").asInt()).isZero();
        try (Mqtt5Peer again = Fixtures.online(node, bob)) {
            assertThat(again.call(Methods.MESSAGE_SEND, text(bob.userId(), "back")).getCode()).isZero();
        }
        assertThat(node.admin().token(bob.userId(), bob.clientId(), 2)).isNotEmpty();
    }

    @Test
    void aStatusSetThroughOneNodeReachesAnotherNodeOnTheSameDatabaseWithinSeconds() {
        Postgres.Db db = Postgres.newDatabase();
        TestNode a = closer.keep(TestNode.start(with(db, 1)));
        TestNode b = closer.keep(TestNode.start(with(db, 2)));
        Login carol = newUser(a, "pg-carol");
        Login dan = newUser(a, "pg-dan");
        Mqtt5Peer onB = closer.keep(Fixtures.online(b, carol));
        assertThat(onB.call(Methods.MESSAGE_SEND, text(dan.userId(), "before")).getCode()).isZero();

        setStatus(a, carol.userId(), "status", 1);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                onB.call(Methods.MESSAGE_SEND, text(dan.userId(), "muted yet?")).getCode() == 245);

        setStatus(a, carol.userId(), "status", 2);
        assertThat(onB.awaitDisconnected()).as("kicked by node 2's poll").map(Mqtt5Disconnect::getReasonCode)
                .contains(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED);
        assertThat(refusedMqtt5(b, carol).getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BANNED);

        setStatus(a, carol.userId(), "status", 0);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            try (Mqtt5Peer back = Fixtures.online(b, carol)) {
                assertThat(back.call(Methods.MESSAGE_SEND, text(dan.userId(), "unmuted")).getCode()).isZero();
            }
        });
    }

    // ---- helpers ----

    private static Map<String, Object> with(Postgres.Db db, int nodeId) {
        Map<String, Object> s = new HashMap<>(db.settings());
        s.put("node_id", nodeId);
        return s;
    }

    private static void setStatus(TestNode n, String userId, String field, int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put(field, status);
        assertOk(n.admin().call("/admin/user/update_block_status", body));
    }

    private static Mqtt5ConnAck refusedMqtt5(TestNode n, Login login) {
        try (Mqtt5Peer p = Mqtt5Peer.create(n.mqttPort(), login.userId(), login.clientId())) {
            Throwable t = catchThrowable(() -> p.tryConnect(login.token()).get(10, TimeUnit.SECONDS));
            Throwable cause = t instanceof CompletionException || t instanceof ExecutionException ? t.getCause() : t;
            assertThat(cause).as("CONNECT must be refused").isInstanceOf(Mqtt5ConnAckException.class);
            return ((Mqtt5ConnAckException) cause).getMqttMessage();
        }
    }

    private static int refusedMqtt311(TestNode n, Login login) {
        try (RawMqtt raw = RawMqtt.tcp(n.host(), n.mqttPort())) {
            MqttConnAckMessage ack = raw.connect(MqttVersion.MQTT_3_1_1, login.clientId(), login.userId(),
                    login.token());
            raw.awaitClosed();
            return ack.variableHeader().connectReturnCode().byteValue() & 0xff;
        }
    }

    private static JsonNode route(TestNode n, Login login) throws Exception {
        String body = JSON.writeValueAsString(Map.of("userId", login.userId(), "clientId", login.clientId(),
                "token", login.token()));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(n.httpUrl() + "/route"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
