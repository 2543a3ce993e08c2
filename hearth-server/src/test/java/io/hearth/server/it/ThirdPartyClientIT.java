package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.Fixtures.online;
import static io.hearth.server.it.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SessionInfoRequest;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Any MQTT library can be a Hearth client: third-party MQTT 5 and 3.1.1 clients (HiveMQ MQTT Client) that know only
 * the documented topics and the protobuf/JSON payloads log in, send, receive pushes and pull.
 */
class ThirdPartyClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Windows: a PC, which does not kick an Android session of the same user. */
    private static final int WINDOWS = 3;
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
    void mqtt5ClientSendsReceiverGetsPushAndPullReturnsIt() throws Exception {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        try (Mqtt5Peer a = online(node, alice); Mqtt5Peer b = online(node, bob)) {
            Reply sent = a.call(Methods.MESSAGE_SEND, text(bob.userId(), "hello bob"));

            assertThat(sent.getCode()).isZero();
            assertThat(sent.hasSend()).isTrue();
            long uid = sent.getSend().getMessageUid();
            assertThat(uid).isNotZero();
            assertThat(sent.getSend().getSeq()).isEqualTo(1);

            Mqtt5Publish pushed = b.awaitPublish(Topics.push(bob.userId(), Topics.PUSH_MESSAGE));
            MessagePush push = MessagePush.parseFrom(pushed.getPayloadAsBytes());
            assertThat(push.getMessagesList()).hasSize(1);
            Message m = push.getMessages(0);
            assertThat(m.getMessageUid()).isEqualTo(uid);
            assertThat(m.getSender()).isEqualTo(alice.userId());
            assertThat(m.getConversation().getType()).isZero();
            assertThat(m.getConversation().getTarget()).isEqualTo(alice.userId());
            assertThat(m.getContent().getType()).isEqualTo(Fixtures.TEXT);
            assertThat(m.getContent().getSearchableContent()).isEqualTo("hello bob");
            assertThat(m.getSeq()).isEqualTo(1);
            assertThat(push.getHead()).isEqualTo(1);

            Reply pulled = b.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setSinceSeq(0).build());
            assertThat(pulled.getCode()).isZero();
            assertThat(pulled.getPull().getMessagesList()).extracting(Message::getMessageUid, Message::getSeq,
                    Message::getSender).containsExactly(tuple(uid, 1L, alice.userId()));
            assertThat(pulled.getPull().getCurrent()).isEqualTo(1);
            assertThat(pulled.getPull().getHead()).isEqualTo(1);
        }
    }

    @Test
    void connAckTellsTheClientTheServerLimitsAndTimelineHead() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        try (Mqtt5Peer a = online(node, alice)) {
            assertThat(a.call(Methods.MESSAGE_SEND, text(bob.userId(), "one")).getCode()).isZero();
            assertThat(a.call(Methods.MESSAGE_SEND, text(bob.userId(), "two")).getCode()).isZero();
        }
        try (Mqtt5Peer b = online(node, bob)) {
            Mqtt5ConnAck ack = b.connAck();
            assertThat(ack.isSessionPresent()).isFalse();
            assertThat(ack.getRestrictions().getMaximumQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            assertThat(ack.getRestrictions().isRetainAvailable()).isFalse();
            assertThat(ack.getRestrictions().isSharedSubscriptionAvailable()).isFalse();
            assertThat(ack.getRestrictions().areSubscriptionIdentifiersAvailable()).isFalse();
            assertThat(ack.getRestrictions().getTopicAliasMaximum()).isZero();
            assertThat(ack.getRestrictions().getMaximumPacketSize()).isEqualTo(262144);
            Map<String, String> props = new HashMap<>();
            ack.getUserProperties().asList().forEach(p -> props.put(p.getName().toString(), p.getValue().toString()));
            assertThat(props).containsEntry("node-id", "1").containsEntry("head", "2").containsKey("server-time");
        }
    }

    @Test
    void jsonRequestGetsJsonReplyAndJsonSubscriberGetsJsonPush() throws Exception {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        try (Mqtt5Peer a = online(node, alice);
             Mqtt5Peer b = Mqtt5Peer.connect(node.mqttPort(), bob.userId(), bob.clientId(), bob.token())) {
            assertThat(b.subscribe(Topics.namespace(bob.userId()) + "json/push/#"))
                    .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_0);
            String body = "{\"conversation\":{\"type\":0,\"target\":\"" + bob.userId() + "\"},"
                    + "\"content\":{\"type\":1,\"searchableContent\":\"hi in json\"},\"clientMessageId\":\"j-1\"}";

            Mqtt5Publish reply = a.callRaw("rpc/json/" + Methods.MESSAGE_SEND, body.getBytes(StandardCharsets.UTF_8),
                    null).reply();

            assertThat(reply.getContentType().map(Object::toString)).contains(Topics.JSON_CONTENT_TYPE);
            JsonNode r = JSON.readTree(reply.getPayloadAsBytes());
            assertThat(r.path("code").asInt(-1)).isZero();
            long uid = r.path("send").path("messageUid").asLong();
            assertThat(uid).isNotZero();
            assertThat(r.path("send").path("seq").asLong()).isEqualTo(1);

            Mqtt5Publish pushed = b.awaitPublish(Topics.jsonPush(bob.userId(), Topics.PUSH_MESSAGE));
            assertThat(pushed.getContentType().map(Object::toString)).contains(Topics.JSON_CONTENT_TYPE);
            JsonNode push = JSON.readTree(pushed.getPayloadAsBytes());
            JsonNode m = push.path("messages").path(0);
            assertThat(m.path("messageUid").asLong()).isEqualTo(uid);
            assertThat(m.path("sender").asText()).isEqualTo(alice.userId());
            assertThat(m.path("conversation").path("target").asText()).isEqualTo(alice.userId());
            assertThat(m.path("content").path("searchableContent").asText()).isEqualTo("hi in json");
            assertThat(m.path("seq").asLong()).isEqualTo(1);
            // bob subscribed to the JSON form only: the protobuf push (written first) never came
            assertThat(b.pending()).noneMatch(p -> p.getTopic().toString()
                    .equals(Topics.push(bob.userId(), Topics.PUSH_MESSAGE)));
        }
    }

    @Test
    void mqtt5ContentTypeJsonOnPlainTopicIsAnsweredInJson() throws Exception {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        try (Mqtt5Peer a = online(node, alice)) {
            String body = "{\"conversation\":{\"target\":\"" + bob.userId() + "\"},"
                    + "\"content\":{\"type\":1,\"searchableContent\":\"typed json\"}}";

            Mqtt5Publish reply = a.callRaw(Topics.request(Methods.MESSAGE_SEND), body.getBytes(StandardCharsets.UTF_8),
                    Topics.JSON_CONTENT_TYPE).reply();

            JsonNode r = JSON.readTree(reply.getPayloadAsBytes());
            assertThat(r.path("code").asInt(-1)).isZero();
            assertThat(r.path("send").path("messageUid").asLong()).isNotZero();
        }
    }

    @Test
    void failedSendsAnswerTheStatusInTheReplyAndAFailedPuback() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        try (Mqtt5Peer a = online(node, alice)) {
            Mqtt5Peer.Exchange unknownTarget = a.exchange(Methods.MESSAGE_SEND, text(Fixtures.id("nobody"), "x"));
            Mqtt5Peer.Exchange group = a.exchange(Methods.MESSAGE_SEND, text(bob.userId(), "x").toBuilder()
                    .setConversation(Conversation.newBuilder().setType(1).setTarget(Fixtures.id("no-group"))).build());
            Mqtt5Peer.Exchange chatroom = a.exchange(Methods.MESSAGE_SEND, text(bob.userId(), "x").toBuilder()
                    .setConversation(Conversation.newBuilder().setType(2).setTarget("room1")).build());
            Mqtt5Peer.Exchange missing = a.exchange(Methods.MESSAGE_SEND, SendMessageRequest.getDefaultInstance());
            Mqtt5Peer.Exchange tooLarge = a.exchange(Methods.MESSAGE_SEND, text(bob.userId(), "x".repeat(70_000)));
            Mqtt5Peer.Exchange unknownMethod = a.exchange("no.such.method", SendMessageRequest.getDefaultInstance());
            Mqtt5Publish garbage = a.callRaw(Topics.request(Methods.MESSAGE_SEND), new byte[] {(byte) 0xff, 1, 2},
                    null).reply();

            assertThat(unknownTarget.reply().getCode()).isEqualTo(253);
            assertThat(group.reply().getCode()).as("a group that does not exist").isEqualTo(253);
            assertThat(chatroom.reply().getCode()).as("a chatroom that does not exist").isEqualTo(253);
            assertThat(missing.reply().getCode()).isEqualTo(251);
            assertThat(tooLarge.reply().getCode()).isEqualTo(10);
            assertThat(unknownMethod.reply().getCode()).isEqualTo(254);
            assertThat(Reply.parseFrom(garbage.getPayloadAsBytes()).getCode()).isEqualTo(2);
            assertThat(List.of(unknownTarget, group, chatroom, missing, tooLarge, unknownMethod))
                    .extracting(Mqtt5Peer.Exchange::pubAck)
                    .containsOnly(Mqtt5PubAckReasonCode.UNSPECIFIED_ERROR);
            assertThat(a.exchange(Methods.MESSAGE_SEND, text(bob.userId(), "fine")).pubAck())
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sendersOtherSessionGetsTheMessageButTheSendingSessionDoesNot() throws Exception {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        String pc = Fixtures.id("alice-pc");
        String pcToken = node.admin().token(alice.userId(), pc, WINDOWS);
        try (Mqtt5Peer phone = online(node, alice);
             Mqtt5Peer desktop = Mqtt5Peer.connect(node.mqttPort(), alice.userId(), pc, pcToken).subscribeDefaults();
             Mqtt5Peer b = online(node, bob)) {
            long uid = phone.call(Methods.MESSAGE_SEND, text(bob.userId(), "synced")).getSend().getMessageUid();

            Message copy = MessagePush.parseFrom(desktop.awaitPublish(Topics.push(alice.userId(),
                    Topics.PUSH_MESSAGE)).getPayloadAsBytes()).getMessages(0);
            assertThat(copy.getMessageUid()).isEqualTo(uid);
            assertThat(copy.getSender()).isEqualTo(alice.userId());
            assertThat(copy.getConversation().getTarget()).isEqualTo(bob.userId());
            assertThat(copy.getSeq()).isEqualTo(1);
            b.awaitPublish(Topics.push(bob.userId(), Topics.PUSH_MESSAGE));
            // a round trip on the phone's connection: a push to it would have been written before this reply
            assertThat(phone.call(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance()).getCode()).isZero();
            assertThat(phone.pending()).noneMatch(p -> p.getTopic().toString()
                    .equals(Topics.push(alice.userId(), Topics.PUSH_MESSAGE)));
        }
    }

    @Test
    void transparentMessageReachesTheOnlineReceiverButIsNotStored() throws Exception {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        try (Mqtt5Peer a = online(node, alice); Mqtt5Peer b = online(node, bob)) {
            Reply sent = a.call(Methods.MESSAGE_SEND, text(bob.userId(), "typing...").toBuilder()
                    .setContent(MessageContent.newBuilder().setType(91).setPersistFlag(4)).build());

            assertThat(sent.getCode()).isZero();
            assertThat(sent.getSend().getSeq()).isZero();
            Message m = MessagePush.parseFrom(b.awaitPublish(Topics.push(bob.userId(), Topics.PUSH_MESSAGE))
                    .getPayloadAsBytes()).getMessages(0);
            assertThat(m.getMessageUid()).isEqualTo(sent.getSend().getMessageUid());
            assertThat(m.getContent().getType()).isEqualTo(91);
            assertThat(m.getSeq()).isZero();
            assertThat(b.call(Methods.MESSAGE_PULL, PullMessageRequest.getDefaultInstance()).getPull()
                    .getMessagesList()).isEmpty();
        }
    }

    @Test
    void mqtt311ClientUsesRequestIdTopicsAndGetsReplyOnReplyTopic() throws Exception {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        ConcurrentLinkedQueue<Mqtt3Publish> aliceInbox = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Mqtt3Publish> bobInbox = new ConcurrentLinkedQueue<>();
        Mqtt3AsyncClient a = mqtt3(alice, aliceInbox);
        Mqtt3AsyncClient b = mqtt3(bob, bobInbox);
        try {
            String requestId = "req-42";
            a.publishWith().topic(Topics.request(Methods.MESSAGE_SEND, requestId)).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(text(bob.userId(), "from 3.1.1").toByteArray()).send()
                    .get(10, TimeUnit.SECONDS);

            Mqtt3Publish replyPub = awaitTopic(aliceInbox, Topics.reply(alice.userId(), requestId));
            Reply reply = Reply.parseFrom(replyPub.getPayloadAsBytes());
            assertThat(reply.getCode()).isZero();
            assertThat(reply.getSend().getMessageUid()).isNotZero();

            Mqtt3Publish pushPub = awaitTopic(bobInbox, Topics.push(bob.userId(), Topics.PUSH_MESSAGE));
            Message m = MessagePush.parseFrom(pushPub.getPayloadAsBytes()).getMessages(0);
            assertThat(m.getMessageUid()).isEqualTo(reply.getSend().getMessageUid());
            assertThat(m.getSender()).isEqualTo(alice.userId());
            assertThat(m.getContent().getSearchableContent()).isEqualTo("from 3.1.1");

            b.publishWith().topic(Topics.request(Methods.MESSAGE_PULL, "p1")).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(PullMessageRequest.getDefaultInstance().toByteArray()).send().get(10, TimeUnit.SECONDS);
            Reply pulled = Reply.parseFrom(awaitTopic(bobInbox, Topics.reply(bob.userId(), "p1")).getPayloadAsBytes());
            assertThat(pulled.getPull().getMessagesList()).extracting(Message::getMessageUid)
                    .containsExactly(m.getMessageUid());
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    private static Mqtt3AsyncClient mqtt3(Login login, ConcurrentLinkedQueue<Mqtt3Publish> inbox) throws Exception {
        Mqtt3AsyncClient c = Mqtt3Client.builder().identifier(login.clientId()).serverHost("127.0.0.1")
                .serverPort(node.mqttPort()).buildAsync();
        c.publishes(MqttGlobalPublishFilter.ALL, inbox::add);
        c.connectWith().simpleAuth().username(login.userId()).password(login.token().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().get(10, TimeUnit.SECONDS);
        c.subscribeWith().topicFilter(Topics.namespace(login.userId()) + "push/#").qos(MqttQos.AT_MOST_ONCE)
                .addSubscription().topicFilter(Topics.namespace(login.userId()) + "reply/#").qos(MqttQos.AT_MOST_ONCE)
                .applySubscription().send().get(10, TimeUnit.SECONDS);
        return c;
    }

    private static Mqtt3Publish awaitTopic(ConcurrentLinkedQueue<Mqtt3Publish> inbox, String topic) {
        Mqtt3Publish[] found = new Mqtt3Publish[1];
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Mqtt5Peer.WAIT).until(() -> {
            for (Mqtt3Publish p : inbox) {
                if (p.getTopic().toString().equals(topic)) {
                    inbox.remove(p);
                    found[0] = p;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
