package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What is stored stays stored: an offline receiver pulls everything it missed, in order and gap-free, also after
 * the node restarts; and a retried send with the same {@code client_message_id} is stored once.
 */
class DurabilityIT {

    private static final int COUNT = 200;

    private TestNode node;

    @BeforeEach
    void startNode() {
        node = TestNode.start(Map.of("message.roaming", 1));
    }

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void offlineReceiverPullsAllMessagesInOrderAndTheHistorySurvivesARestart() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        List<Long> sentUids = new ArrayList<>();
        try (Mqtt5Peer a = Fixtures.online(node, alice)) {
            for (int i = 1; i <= COUNT; i++) {
                Reply r = a.call(Methods.MESSAGE_SEND, text(bob.userId(), "m-" + i));
                assertThat(r.getCode()).as("send %d", i).isZero();
                assertThat(r.getSend().getSeq()).as("sender seq of %d", i).isEqualTo(i);
                sentUids.add(r.getSend().getMessageUid());
            }
        }

        List<Message> firstPull;
        try (Mqtt5Peer b = Fixtures.online(node, bob)) {
            assertThat(userProperty(b, "head")).isEqualTo(Integer.toString(COUNT));
            firstPull = pullAll(b);
        }
        assertTimelineIsTheSentMessages(firstPull, sentUids, alice.userId());

        node.restart();

        try (Mqtt5Peer b = Fixtures.online(node, bob)) {
            List<Message> afterRestart = pullAll(b);
            assertTimelineIsTheSentMessages(afterRestart, sentUids, alice.userId());
            assertThat(afterRestart).isEqualTo(firstPull);
        }
        // the sender's own timeline has the same history
        try (Mqtt5Peer a = Fixtures.online(node, alice)) {
            assertThat(pullAll(a)).extracting(Message::getMessageUid).containsExactlyElementsOf(sentUids);
        }
    }

    @Test
    void retriedSendWithTheSameClientMessageIdIsStoredOnceAlsoAcrossARestart() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        SendMessageRequest first = text(bob.userId(), "only once").toBuilder().setClientMessageId("cm-1").build();
        long uid;
        long seq;
        try (Mqtt5Peer a = Fixtures.online(node, alice)) {
            Reply r1 = a.call(Methods.MESSAGE_SEND, first);
            Reply r2 = a.call(Methods.MESSAGE_SEND, first);
            assertThat(r1.getCode()).isZero();
            assertThat(r2.getCode()).isZero();
            uid = r1.getSend().getMessageUid();
            seq = r1.getSend().getSeq();
            assertThat(r2.getSend().getMessageUid()).isEqualTo(uid);
            assertThat(r2.getSend().getSeq()).isEqualTo(seq);
        }
        try (Mqtt5Peer b = Fixtures.online(node, bob)) {
            assertThat(pullAll(b)).extracting(Message::getMessageUid).containsExactly(uid);
        }

        node.restart();

        try (Mqtt5Peer a = Fixtures.online(node, alice)) {
            Reply r3 = a.call(Methods.MESSAGE_SEND, first);
            assertThat(r3.getCode()).isZero();
            assertThat(r3.getSend().getMessageUid()).isEqualTo(uid);
            assertThat(r3.getSend().getSeq()).isEqualTo(seq);
            Reply other = a.call(Methods.MESSAGE_SEND,
                    text(bob.userId(), "next").toBuilder().setClientMessageId("cm-2").build());
            assertThat(other.getSend().getMessageUid()).isNotEqualTo(uid);
            assertThat(other.getSend().getSeq()).isEqualTo(seq + 1);
        }
        try (Mqtt5Peer b = Fixtures.online(node, bob)) {
            List<Message> timeline = pullAll(b);
            assertThat(timeline).extracting(Message::getSeq).containsExactly(1L, 2L);
            assertThat(timeline.get(0).getMessageUid()).isEqualTo(uid);
            assertThat(timeline.get(0).getClientMessageId()).isEqualTo("cm-1");
            assertThat(timeline.get(1).getContent().getSearchableContent()).isEqualTo("next");
        }
    }

    @Test
    void sameClientMessageIdFromAnotherSenderIsADifferentMessage() {
        Login alice = newUser(node, "alice");
        Login carol = newUser(node, "carol");
        Login bob = newUser(node, "bob");
        SendMessageRequest req = text(bob.userId(), "hi").toBuilder().setClientMessageId("shared-id").build();
        long fromAlice;
        long fromCarol;
        try (Mqtt5Peer a = Fixtures.online(node, alice); Mqtt5Peer c = Fixtures.online(node, carol)) {
            fromAlice = a.call(Methods.MESSAGE_SEND, req).getSend().getMessageUid();
            fromCarol = c.call(Methods.MESSAGE_SEND, req).getSend().getMessageUid();
        }
        assertThat(fromCarol).isNotEqualTo(fromAlice);
        try (Mqtt5Peer b = Fixtures.online(node, bob)) {
            assertThat(pullAll(b)).extracting(Message::getMessageUid).containsExactly(fromAlice, fromCarol);
        }
    }

    /**
     * Messages a client sends back to back (QoS 1, without waiting for each reply) should land in the receiver's
     * timeline in the order they were sent. They do on a warm node, but after a restart the first sends to a user
     * the node has not looked up yet are reordered (see the report: MessageService.send checks the target on the
     * multi-threaded blocking pool, so later sends overtake earlier ones).
     */
    @Test
    void pipelinedSendsKeepTheirOrderAfterARestart() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        node.restart();
        int n = 40;
        try (RawMqtt a = Fixtures.rawLogin(node, alice, MqttVersion.MQTT_5, false)) {
            List<MqttPublishMessage> sends = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                sends.add(a.publishPacket(Topics.request(Methods.MESSAGE_SEND), text(bob.userId(), "p-" + i)
                        .toByteArray(), MqttQoS.AT_LEAST_ONCE, MqttProperties.NO_PROPERTIES));
            }
            a.sendAll(sends);
            for (int i = 1; i <= n; i++) {
                a.next(MqttMessageType.PUBACK);
            }
        }
        try (Mqtt5Peer b = Fixtures.online(node, bob)) {
            assertThat(pullAll(b)).extracting(m -> m.getContent().getSearchableContent())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, n).mapToObj(i -> "p-" + i).toList());
        }
    }

    // ---- helpers ----

    /** Pulls from seq 0 until {@code current == head}, as a client does after a first login. */
    private static List<Message> pullAll(Mqtt5Peer peer) {
        List<Message> out = new ArrayList<>();
        long since = 0;
        for (int page = 0; page < 100; page++) {
            Reply r = peer.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setSinceSeq(since).build());
            assertThat(r.getCode()).isZero();
            PullMessageResult p = r.getPull();
            out.addAll(p.getMessagesList());
            if (p.getCurrent() >= p.getHead()) {
                return out;
            }
            assertThat(p.getCurrent()).as("pull makes progress").isGreaterThan(since);
            since = p.getCurrent();
        }
        throw new AssertionError("pull did not reach head");
    }

    private static void assertTimelineIsTheSentMessages(List<Message> timeline, List<Long> sentUids, String sender) {
        assertThat(timeline).extracting(Message::getSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, sentUids.size()).boxed().toList());
        assertThat(timeline).extracting(Message::getMessageUid).containsExactlyElementsOf(sentUids);
        for (int i = 0; i < timeline.size(); i++) {
            Message m = timeline.get(i);
            assertThat(m.getSender()).isEqualTo(sender);
            assertThat(m.getContent().getSearchableContent()).isEqualTo("m-" + (i + 1));
        }
    }

    private static String userProperty(Mqtt5Peer peer, String name) {
        return peer.connAck().getUserProperties().asList().stream()
                .filter(p -> p.getName().toString().equals(name))
                .map(p -> p.getValue().toString())
                .findFirst().orElse(null);
    }
}
