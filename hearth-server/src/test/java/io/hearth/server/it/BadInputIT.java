package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.Fixtures.rawLogin;
import static io.hearth.server.it.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed, oversized, out-of-order and unauthorised input over raw TCP and raw WebSocket: each closes (or is
 * refused on) the offending connection only, while two logged-in third-party clients on the same node keep
 * sending and receiving.
 */
class BadInputIT {

    private static final int MAX_PACKET = 2048;
    private static TestNode node;

    private Login alice;
    private Login bob;
    private Mqtt5Peer a;
    private Mqtt5Peer b;

    @BeforeAll
    static void startNode() {
        node = TestNode.start(Map.of("mqtt.max_packet_size", MAX_PACKET, "netty.channel_timeout.seconds", 1));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void healthyPair() {
        alice = newUser(node, "alice");
        bob = newUser(node, "bob");
        a = Fixtures.online(node, alice);
        b = Fixtures.online(node, bob);
    }

    @AfterEach
    void closePair() {
        a.close();
        b.close();
    }

    @Test
    void connectWithUnknownProtocolNameIsRefusedAndClosed() {
        try (RawMqtt raw = RawMqtt.tcp(node.host(), node.mqttPort())) {
            raw.sendBytes(connectBytes("MQXX", 4));

            MqttConnAckMessage ack = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK);
            assertThat(ack.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0x01);
            raw.awaitClosed();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void connectWithUnsupportedProtocolLevelIsRefusedWithUnacceptableVersion() {
        try (RawMqtt raw = RawMqtt.tcp(node.host(), node.mqttPort())) {
            raw.sendBytes(connectBytes("MQTT", 3));

            MqttConnAckMessage ack = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK);
            assertThat(ack.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0x01);
            raw.awaitClosed();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void mqtt31ConnectIsRefusedWithUnacceptableVersion() {
        try (RawMqtt raw = RawMqtt.tcp(node.host(), node.mqttPort())) {
            raw.sendBytes(connectBytes("MQIsdp", 3));

            MqttConnAckMessage ack = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK);
            assertThat(ack.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0x01);
            raw.awaitClosed();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void garbageBytesCloseThatConnectionWithoutAnswer() {
        try (RawMqtt raw = RawMqtt.tcp(node.host(), node.mqttPort())) {
            byte[] junk = new byte[64];
            new Random(42).nextBytes(junk);
            junk[0] = 0x00; // packet type 0 is reserved: never a valid packet

            raw.sendBytes(junk);

            raw.awaitClosed();
            assertThat(raw.drain()).isEmpty();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void publishWithInvalidRemainingLengthAfterLoginIsAMalformedPacket() {
        Login carol = newUser(node, "carol");
        try (RawMqtt raw = rawLogin(node, carol, MqttVersion.MQTT_5, false)) {
            // PUBLISH whose remaining length has five continuation bytes (at most four are allowed)
            raw.sendBytes(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 0x00});

            MqttMessage disconnect = raw.next(MqttMessageType.DISCONNECT);
            assertThat(RawMqtt.reasonCode(disconnect)).isEqualTo(0x81);
            raw.awaitClosed();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void oversizedPublishAfterLoginGetsPacketTooLargeAndIsClosed() {
        Login carol = newUser(node, "carol");
        try (RawMqtt raw = RawMqtt.tcp(node.host(), node.mqttPort())) {
            MqttConnAckMessage ack = raw.connect(MqttVersion.MQTT_5, carol.clientId(), carol.userId(), carol.token());
            assertThat(ack.variableHeader().connectReturnCode().byteValue()).isZero();
            assertThat(ack.variableHeader().properties()
                    .getProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value()).value())
                    .isEqualTo(MAX_PACKET);

            raw.publish(Topics.request(Methods.MESSAGE_SEND), new byte[10 * 1024], MqttQoS.AT_LEAST_ONCE,
                    MqttProperties.NO_PROPERTIES);

            assertThat(RawMqtt.reasonCode(raw.next(MqttMessageType.DISCONNECT))).isEqualTo(0x95);
            raw.awaitClosed();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void oversizedPublishOnMqtt311ClosesTheConnection() {
        Login carol = newUser(node, "carol");
        try (RawMqtt raw = rawLogin(node, carol, MqttVersion.MQTT_3_1_1, false)) {
            raw.publish(Topics.request(Methods.MESSAGE_SEND), new byte[10 * 1024], MqttQoS.AT_LEAST_ONCE,
                    MqttProperties.NO_PROPERTIES);

            raw.awaitClosed();
            assertThat(raw.drain()).noneMatch(m -> m.fixedHeader().messageType() == MqttMessageType.PUBACK);
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void webSocketLoginWorksAndAGarbageBinaryFrameClosesOnlyThatConnection() {
        Login carol = newUser(node, "carol");
        try (RawMqtt ws = rawLogin(node, carol, MqttVersion.MQTT_5, true)) {
            assertThat(ws.subscribe(Topics.namespace(carol.userId()) + "push/#")).containsExactly(0);
            byte[] junk = new byte[48];
            new Random(7).nextBytes(junk);
            junk[0] = 0x00;

            ws.sendFrame(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(junk)));

            ws.awaitClosed();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void webSocketGarbageBeforeConnectClosesThatConnection() {
        try (RawMqtt ws = RawMqtt.webSocket(node.host(), node.wsPort())) {
            ws.sendFrame(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(
                    "definitely not MQTT".getBytes(StandardCharsets.US_ASCII))));

            ws.awaitClosed();
            assertThat(ws.drain()).isEmpty();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void webSocketTextFrameIsNotMqttAndClosesThatConnection() {
        Login carol = newUser(node, "carol");
        try (RawMqtt ws = rawLogin(node, carol, MqttVersion.MQTT_5, true)) {
            ws.sendFrame(new TextWebSocketFrame("{\"hello\":\"world\"}"));

            ws.awaitClosed();
            assertThat(ws.closeFrame()).isNotNull();
            assertThat(ws.closeFrame().statusCode()).isEqualTo(1003);
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void connectionThatNeverSendsConnectIsClosedAfterTheChannelTimeout() {
        try (RawMqtt raw = RawMqtt.tcp(node.host(), node.mqttPort())) {
            raw.awaitClosed();
            assertThat(raw.drain()).isEmpty();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void aSilentClientIsDisconnectedAfterOneAndAHalfKeepAlivesAndAPingingOneIsNot() throws Exception {
        Fixtures.Login silentUser = Fixtures.newUser(node, "silent");
        Fixtures.Login pingingUser = Fixtures.newUser(node, "pinging");
        try (RawMqtt silent = RawMqtt.tcp(node.host(), node.mqttPort());
             RawMqtt pinging = RawMqtt.tcp(node.host(), node.mqttPort())) {
            assertThat(silent.connect(MqttVersion.MQTT_5, silentUser.clientId(), silentUser.userId(),
                    silentUser.token(), 1).variableHeader().connectReturnCode().byteValue()).isZero();
            assertThat(pinging.connect(MqttVersion.MQTT_5, pingingUser.clientId(), pingingUser.userId(),
                    pingingUser.token(), 1).variableHeader().connectReturnCode().byteValue()).isZero();
            long connected = System.nanoTime();
            while (!silent.isClosed()) {
                pinging.send(RawMqtt.pingReq());
                Thread.sleep(300);
            }
            long silentFor = System.nanoTime() - connected;
            assertThat(silentFor).isGreaterThanOrEqualTo(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1400));
            assertThat(silent.drain()).anySatisfy(m -> {
                assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
                assertThat(RawMqtt.reasonCode(m)).isEqualTo(0x8D);
            });
            assertThat(pinging.isClosed()).isFalse();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void firstPacketOtherThanConnectClosesTheConnection() {
        try (RawMqtt raw = RawMqtt.tcp(node.host(), node.mqttPort())) {
            raw.send(RawMqtt.pingReq());

            raw.awaitClosed();
            assertThat(raw.drain()).isEmpty();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void subscriptionsOutsideTheOwnNamespaceAreRefused() {
        Login carol = newUser(node, "carol");
        String own = Topics.namespace(carol.userId()) + "push/#";
        try (RawMqtt v5 = rawLogin(node, carol, MqttVersion.MQTT_5, false)) {
            assertThat(v5.subscribe("u/" + alice.userId() + "/#", "#", "rpc/#", own, "u/+/push/#"))
                    .containsExactly(0x87, 0x87, 0x87, 0x00, 0x87);

            assertHealthyPairStillWorks();
            // the refused filters deliver nothing: alice's and bob's pushes did not reach carol
            assertThat(v5.drain()).noneMatch(m -> m.fixedHeader().messageType() == MqttMessageType.PUBLISH);
        }
        Login dave = newUser(node, "dave");
        try (RawMqtt v3 = rawLogin(node, dave, MqttVersion.MQTT_3_1_1, false)) {
            assertThat(v3.subscribe("u/" + alice.userId() + "/#", "#", "rpc/#",
                    Topics.namespace(dave.userId()) + "push/#"))
                    .containsExactly(0x80, 0x80, 0x80, 0x00);
        }
    }

    @Test
    void publishOutsideTheNamespaceGetsNotAuthorizedOnMqtt5AndClosesMqtt311() {
        Login carol = newUser(node, "carol");
        try (RawMqtt v5 = rawLogin(node, carol, MqttVersion.MQTT_5, false)) {
            int id = v5.publish("u/" + alice.userId() + "/x", "hi".getBytes(StandardCharsets.UTF_8),
                    MqttQoS.AT_LEAST_ONCE, MqttProperties.NO_PROPERTIES);

            MqttMessage puback = v5.next(MqttMessageType.PUBACK);
            MqttPubReplyMessageVariableHeader vh = (MqttPubReplyMessageVariableHeader) puback.variableHeader();
            assertThat(vh.messageId()).isEqualTo(id);
            assertThat(vh.reasonCode() & 0xff).isEqualTo(0x87);
            // the connection stays usable
            v5.send(RawMqtt.pingReq());
            v5.next(MqttMessageType.PINGRESP);
        }
        Login dave = newUser(node, "dave");
        try (RawMqtt v3 = rawLogin(node, dave, MqttVersion.MQTT_3_1_1, false)) {
            v3.publish("u/" + alice.userId() + "/x", "hi".getBytes(StandardCharsets.UTF_8), MqttQoS.AT_LEAST_ONCE,
                    MqttProperties.NO_PROPERTIES);

            v3.awaitClosed();
        }
        assertHealthyPairStillWorks();
    }

    @Test
    void qos2PublishIsDisconnectedWithQosNotSupported() {
        Login carol = newUser(node, "carol");
        try (RawMqtt raw = rawLogin(node, carol, MqttVersion.MQTT_5, false)) {
            raw.publish(Topics.request(Methods.MESSAGE_SEND), text(bob.userId(), "qos 2").toByteArray(),
                    MqttQoS.EXACTLY_ONCE, MqttProperties.NO_PROPERTIES);

            assertThat(RawMqtt.reasonCode(raw.next(MqttMessageType.DISCONNECT))).isEqualTo(0x9B);
            raw.awaitClosed();
        }
        assertHealthyPairStillWorks();
    }

    // ---- helpers ----

    /** Alice and Bob, logged in before the bad input, can still send to each other and receive the pushes. */
    private void assertHealthyPairStillWorks() {
        assertDelivered(a, b, bob);
        assertDelivered(b, a, alice);
        assertThat(a.isConnected()).isTrue();
        assertThat(b.isConnected()).isTrue();
    }

    private static void assertDelivered(Mqtt5Peer from, Mqtt5Peer to, Login toLogin) {
        String body = "still alive " + UUID.randomUUID();
        assertThat(from.call(Methods.MESSAGE_SEND, text(toLogin.userId(), body)).getCode()).isZero();
        to.awaitPublish(p -> {
            if (!p.getTopic().toString().equals(Topics.push(toLogin.userId(), Topics.PUSH_MESSAGE))) {
                return false;
            }
            try {
                return MessagePush.parseFrom(p.getPayloadAsBytes()).getMessagesList().stream()
                        .anyMatch(m -> m.getContent().getSearchableContent().equals(body));
            } catch (InvalidProtocolBufferException e) {
                return false;
            }
        });
    }

    /** A CONNECT packet with this protocol name and level, client id "c", clean session, no credentials. */
    private static byte[] connectBytes(String protocolName, int level) {
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        int remaining = 2 + name.length + 1 + 1 + 2 + 2 + 1;
        byte[] out = new byte[2 + remaining];
        int i = 0;
        out[i++] = 0x10;
        out[i++] = (byte) remaining;
        out[i++] = 0;
        out[i++] = (byte) name.length;
        for (byte c : name) {
            out[i++] = c;
        }
        out[i++] = (byte) level;
        out[i++] = 0x02;
        out[i++] = 0;
        out[i++] = 60;
        out[i++] = 0;
        out[i++] = 1;
        out[i] = 'c';
        return out;
    }
}
