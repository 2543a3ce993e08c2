package io.hearth.server.it;

import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.testing.TestNode;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Small shared helpers of the integration tests: unique ids, users with tokens, text messages. */
final class Fixtures {

    /** Android, as in the reference's platform numbers. */
    static final int ANDROID = 2;
    /** Content type 1: text. */
    static final int TEXT = 1;

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

    private Fixtures() {
    }

    /** An id that no other test of this JVM uses, e.g. {@code alice-k3f-7}. */
    static String id(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }

    /** A user created through the server API and one token for it. */
    record Login(String userId, String clientId, String token) {
    }

    /** Creates a fresh user and issues a token for a fresh Android client id. */
    static Login newUser(TestNode node, String prefix) {
        String userId = id(prefix);
        node.admin().createUser(userId);
        String clientId = id(prefix + "-phone");
        return new Login(userId, clientId, node.admin().token(userId, clientId, ANDROID));
    }

    /** Connects a third-party MQTT 5 client for this login and subscribes to its push and reply topics. */
    static Mqtt5Peer online(TestNode node, Login login) {
        return Mqtt5Peer.connect(node.mqttPort(), login.userId(), login.clientId(), login.token()).subscribeDefaults();
    }

    /** A bare MQTT peer (TCP or WebSocket) logged in for this login; fails the test when refused. */
    static RawMqtt rawLogin(TestNode node, Login login, MqttVersion version,
                            boolean webSocket) {
        RawMqtt raw = webSocket ? RawMqtt.webSocket(node.host(), node.wsPort()) : RawMqtt.tcp(node.host(), node.mqttPort());
        var ack = raw.connect(version, login.clientId(), login.userId(), login.token());
        if (ack.variableHeader().connectReturnCode().byteValue() != 0) {
            raw.close();
            throw new AssertionError("login refused: " + ack.variableHeader().connectReturnCode());
        }
        return raw;
    }

    /** A single-chat text message to {@code target}. */
    static SendMessageRequest text(String target, String text) {
        return SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(target))
                .setContent(MessageContent.newBuilder().setType(TEXT).setSearchableContent(text).setPersistFlag(3))
                .build();
    }
}
