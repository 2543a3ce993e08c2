package io.hearth.server.it;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.FriendSince;
import io.hearth.protocol.pb.FriendsResult;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.testing.TestNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Devices of the relation tests: a phone over TCP and a PC over WebSocket (both HiveMQ MQTT 5 clients), and what
 * they received: Notices (read without taking them, so a test can also check which never came), pulled friend
 * lists and timelines.
 */
final class Devices {

    static final int WINDOWS = 3;

    private Devices() {
    }

    /** A fresh Android client of {@code userId} over TCP. */
    static Mqtt5Peer phone(TestNode node, String userId) {
        return phone(node, userId, Fixtures.id(userId + "-phone"));
    }

    /** The Android client {@code clientId} of {@code userId} over TCP, logged in again with a new token. */
    static Mqtt5Peer phone(TestNode node, String userId, String clientId) {
        return Mqtt5Peer.connect(node.mqttPort(), userId, clientId,
                node.admin().token(userId, clientId, Fixtures.ANDROID)).subscribeDefaults();
    }

    /** A fresh Windows client of {@code userId} over WebSocket ({@code /mqtt}). */
    static Mqtt5Peer pc(TestNode node, String userId) {
        String clientId = Fixtures.id(userId + "-pc");
        return pc(node, userId, clientId);
    }

    /** The Windows client {@code clientId} of {@code userId} over WebSocket, logged in again with a new token. */
    static Mqtt5Peer pc(TestNode node, String userId, String clientId) {
        var ws = Mqtt5Client.builder().serverHost("127.0.0.1").serverPort(node.wsPort())
                .webSocketConfig().serverPath("mqtt").applyWebSocketConfig();
        return Mqtt5Peer.connect(ws, userId, clientId, node.admin().token(userId, clientId, WINDOWS))
                .subscribeDefaults();
    }

    /** Every Notice the device has received and not taken, in arrival order. */
    static List<Notice> notices(Mqtt5Peer p) {
        String topic = Topics.push(p.userId, Topics.PUSH_NOTICE);
        List<Notice> out = new ArrayList<>();
        for (Mqtt5Publish m : p.pending()) {
            if (m.getTopic().toString().equals(topic)) {
                try {
                    out.add(Notice.parseFrom(m.getPayloadAsBytes()));
                } catch (InvalidProtocolBufferException e) {
                    throw new AssertionError("a notice push is not a Notice", e);
                }
            }
        }
        return out;
    }

    /** Waits until the device has received a Notice of this kind and version. */
    static Notice awaitNotice(Mqtt5Peer p, String kind, long version) {
        Predicate<Notice> match = n -> n.getKind().equals(kind) && n.getVersion() == version;
        await().atMost(Mqtt5Peer.WAIT).until(() -> notices(p).stream().anyMatch(match));
        return notices(p).stream().filter(match).findFirst().orElseThrow();
    }

    static boolean gotNotice(Mqtt5Peer p, String kind, long version) {
        return notices(p).stream().anyMatch(n -> n.getKind().equals(kind) && n.getVersion() == version);
    }

    static FriendsResult friends(Mqtt5Peer p, long since) {
        Reply r = ok(p.call(Methods.FRIEND_PULL, FriendSince.newBuilder().setVersion(since).build()));
        return r.getFriends();
    }

    /** The device's whole timeline, pulled from 0 (within the roaming window). */
    static List<Message> timeline(Mqtt5Peer p) {
        List<Message> out = new ArrayList<>();
        long since = 0;
        while (true) {
            Reply r = ok(p.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setSinceSeq(since).build()));
            out.addAll(r.getPull().getMessagesList());
            if (r.getPull().getCurrent() >= r.getPull().getHead() || r.getPull().getMessagesCount() == 0) {
                return out;
            }
            since = r.getPull().getCurrent();
        }
    }

    static Reply ok(Reply r) {
        if (r.getCode() != 0) {
            throw new AssertionError("RPC refused: " + r.getCode() + " " + r.getMsg());
        }
        return r;
    }
}
