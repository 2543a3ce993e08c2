package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.ANDROID;
import static io.hearth.server.it.Fixtures.id;
import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.KickPush;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SessionInfoRequest;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may not log in, and what a live session sees when it is kicked or taken over: CONNACK reason codes with the
 * Hearth code (MQTT 5 reason string and user property {@code hearth-code}), 3.1.1 return codes, KickPush and
 * DISCONNECT reason codes.
 */
class ConnectRefusalIT {

    private static TestNode node;

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
    void wrongTokenIsRefusedWithBadUserNameOrPasswordAndCode6() {
        Login alice = newUser(node, "alice");

        Mqtt5ConnAck ack = refusedMqtt5(node, alice.userId(), alice.clientId(), "v1.not-a-token.at-all");

        assertRefused(ack, Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, 6);
        assertThat(refusedMqtt311(node, alice.userId(), alice.clientId(), "wrong")).isEqualTo(0x04);
        // a real token of this user, tampered with
        assertRefused(refusedMqtt5(node, alice.userId(), alice.clientId(), alice.token() + "x"),
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, 6);
    }

    @Test
    void missingPasswordIsRefusedWithCode6() {
        Login alice = newUser(node, "alice");
        try (RawMqtt raw = RawMqtt.tcp(node.host(), node.mqttPort())) {
            MqttConnAckMessage ack = raw.connect(MqttVersion.MQTT_5, alice.clientId(), alice.userId(), null);

            assertThat(ack.variableHeader().connectReturnCode().byteValue() & 0xff).isEqualTo(0x86);
            assertThat(userProperty(ack, "hearth-code")).isEqualTo("6");
            raw.awaitClosed();
        }
    }

    @Test
    void tokenIssuedForAnotherClientIdOrUserIsRefused() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");

        assertRefused(refusedMqtt5(node, alice.userId(), id("other-client"), alice.token()),
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, 6);
        assertRefused(refusedMqtt5(node, bob.userId(), alice.clientId(), alice.token()),
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, 6);
        assertThat(refusedMqtt311(node, alice.userId(), id("other-client"), alice.token())).isEqualTo(0x04);
    }

    @Test
    void expiredTokenIsRefusedWithCode6() throws InterruptedException {
        try (TestNode shortLived = TestNode.start(Map.of("token.expire_time", 1))) {
            Login alice = newUser(shortLived, "alice");
            Thread.sleep(20); // the token lived 1 ms

            assertRefused(refusedMqtt5(shortLived, alice.userId(), alice.clientId(), alice.token()),
                    Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD, 6);
            assertThat(refusedMqtt311(shortLived, alice.userId(), alice.clientId(), alice.token())).isEqualTo(0x04);
        }
    }

    @Test
    void tokenOfASessionKickedBySamePlatformLoginIsRefusedWithNotAuthorizedAndCode7() {
        Login phone1 = newUser(node, "alice");
        String phone2 = id("alice-phone2");
        node.admin().token(phone1.userId(), phone2, ANDROID);

        assertRefused(refusedMqtt5(node, phone1.userId(), phone1.clientId(), phone1.token()),
                Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, 7);
        assertThat(refusedMqtt311(node, phone1.userId(), phone1.clientId(), phone1.token())).isEqualTo(0x05);
    }

    @Test
    void adminKickoffClosesTheLiveConnectionWithAdministrativeActionAndTheTokenStopsWorking() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        try (Mqtt5Peer a = Fixtures.online(node, alice); Mqtt5Peer b = Fixtures.online(node, bob)) {
            var r = node.admin().call("/admin/user/kickoff_client",
                    Map.of("first", alice.userId(), "second", alice.clientId()));
            assertThat(r.get("code").asInt()).isZero();

            Optional<Mqtt5Disconnect> disconnect = a.awaitDisconnected();
            assertThat(disconnect).map(Mqtt5Disconnect::getReasonCode)
                    .contains(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION);
            // the client library flips its state just after handing over the DISCONNECT
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !a.isConnected());
            assertRefused(refusedMqtt5(node, alice.userId(), alice.clientId(), alice.token()),
                    Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, 7);
            // bob's session was not touched
            assertThat(b.call(Methods.MESSAGE_SEND, text(alice.userId(), "still here")).getCode()).isZero();
        }
    }

    @Test
    void samePlatformLoginKicksTheConnectedSessionWithKickPushThenSessionTakenOver() throws Exception {
        Login phone1 = newUser(node, "alice");
        try (Mqtt5Peer old = Fixtures.online(node, phone1)) {
            String phone2 = id("alice-phone2");
            String token2 = node.admin().token(phone1.userId(), phone2, ANDROID);

            Optional<Mqtt5Disconnect> disconnect = old.awaitDisconnected();
            assertThat(disconnect).map(Mqtt5Disconnect::getReasonCode)
                    .contains(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER);
            KickPush kick = KickPush.parseFrom(old.awaitPublish(Topics.push(phone1.userId(), Topics.PUSH_KICK))
                    .getPayloadAsBytes());
            assertThat(kick.getCode()).isEqualTo(7);

            try (Mqtt5Peer fresh = Mqtt5Peer.connect(node.mqttPort(), phone1.userId(), phone2, token2)
                    .subscribeDefaults()) {
                assertThat(fresh.call(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance()).getSession()
                        .getClientId()).isEqualTo(phone2);
            }
        }
    }

    @Test
    void secondConnectionWithTheSameClientIdTakesOverTheFirst() throws Exception {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        try (Mqtt5Peer first = Fixtures.online(node, alice);
             Mqtt5Peer second = Fixtures.online(node, alice);
             Mqtt5Peer b = Fixtures.online(node, bob)) {

            assertThat(first.awaitDisconnected()).map(Mqtt5Disconnect::getReasonCode)
                    .contains(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER);
            assertThat(KickPush.parseFrom(first.awaitPublish(Topics.push(alice.userId(), Topics.PUSH_KICK))
                    .getPayloadAsBytes()).getCode()).isEqualTo(7);

            assertThat(second.isConnected()).isTrue();
            Reply info = second.call(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance());
            assertThat(info.getSession().getClientId()).isEqualTo(alice.clientId());
            // the new connection receives pushes
            assertThat(b.call(Methods.MESSAGE_SEND, text(alice.userId(), "to the new one")).getCode()).isZero();
            second.awaitPublish(Topics.push(alice.userId(), Topics.PUSH_MESSAGE));
        }
    }

    // ---- helpers ----

    /** Connects a HiveMQ MQTT 5 client that must be refused; returns the server's CONNACK. */
    private static Mqtt5ConnAck refusedMqtt5(TestNode n, String userId, String clientId, String token) {
        try (Mqtt5Peer p = Mqtt5Peer.create(n.mqttPort(), userId, clientId)) {
            Throwable t = catchThrowable(() -> p.tryConnect(token).get(10, TimeUnit.SECONDS));
            Throwable cause = t instanceof CompletionException || t instanceof ExecutionException
                    ? t.getCause() : t;
            assertThat(cause).as("CONNECT must be refused").isInstanceOf(Mqtt5ConnAckException.class);
            return ((Mqtt5ConnAckException) cause).getMqttMessage();
        }
    }

    /** Connects with a bare MQTT 3.1.1 CONNECT that must be refused; returns the CONNACK return code. */
    private static int refusedMqtt311(TestNode n, String userId, String clientId, String token) {
        try (RawMqtt raw = RawMqtt.tcp(n.host(), n.mqttPort())) {
            MqttConnAckMessage ack = raw.connect(MqttVersion.MQTT_3_1_1, clientId, userId, token);
            raw.awaitClosed();
            return ack.variableHeader().connectReturnCode().byteValue() & 0xff;
        }
    }

    private static void assertRefused(Mqtt5ConnAck ack, Mqtt5ConnAckReasonCode reason, int hearthCode) {
        assertThat(ack.getReasonCode()).isEqualTo(reason);
        assertThat(ack.getReasonString().map(Object::toString).orElse("")).startsWith(Integer.toString(hearthCode));
        assertThat(ack.getUserProperties().asList())
                .anySatisfy(p -> {
                    assertThat(p.getName().toString()).isEqualTo("hearth-code");
                    assertThat(p.getValue().toString()).isEqualTo(Integer.toString(hearthCode));
                });
    }

    private static String userProperty(MqttConnAckMessage ack, String name) {
        var props = ack.variableHeader().properties()
                .getProperties(MqttProperties.MqttPropertyType.USER_PROPERTY.value());
        for (var p : props) {
            if (p instanceof MqttProperties.UserProperty u
                    && u.value().key.equals(name)) {
                return u.value().value;
            }
            if (p instanceof MqttProperties.UserProperties all) {
                for (var pair : all.value()) {
                    if (pair.key.equals(name)) {
                        return pair.value;
                    }
                }
            }
        }
        return null;
    }
}
