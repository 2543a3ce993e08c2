package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.Fixtures.rawLogin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, findings 2 and 3: one connection's subscriptions are capped, and a connection that stops reading gets
 * no more pushes once its outbound limit is reached (its stored messages wait for a pull and nothing is lost),
 * is told to pull when it reads again, and is closed when it stays over the limit — while the other users' sends
 * and pushes on the same node all succeed.
 */
class OutboundLimitsIT {

    private static final int MAX_SUBSCRIPTIONS = 10;
    private static final int MAX_INFLIGHT = 2;
    private static final String BIG = "x".repeat(60_000);
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("mqtt.max_subscriptions", MAX_SUBSCRIPTIONS,
                "mqtt.slow_consumer_timeout_seconds", 4, "mqtt.max_inflight_requests", MAX_INFLIGHT));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void subscriptionsBeyondTheLimitAreRefusedWithQuotaExceededAndPushesStillArrive() {
        Login bob = newUser(node, "bob");
        Login alice = newUser(node, "alice");
        try (RawMqtt raw = rawLogin(node, bob, MqttVersion.MQTT_5, false)) {
            String[] filters = new String[200];
            filters[0] = Topics.namespace(bob.userId()) + "push/#";
            for (int i = 1; i < filters.length; i++) {
                filters[i] = Topics.namespace(bob.userId()) + "flood/" + i;
            }
            List<Integer> codes = raw.subscribe(filters);
            assertThat(codes.subList(0, MAX_SUBSCRIPTIONS)).containsOnly(0x00);
            assertThat(codes.subList(MAX_SUBSCRIPTIONS, codes.size())).containsOnly(0x97);
            // a filter already held is granted again; one more after an unsubscribe fits
            assertThat(raw.subscribe(filters[1])).containsExactly(0x00);

            send(alice.userId(), bob.userId(), "after the flood");
            MessagePush push = parse(raw.nextPublish(Topics.push(bob.userId(), Topics.PUSH_MESSAGE)));
            assertThat(push.getMessages(0).getContent().getSearchableContent()).isEqualTo("after the flood");
        }
    }

    @Test
    void mqtt311GetsTheFailureCodeBeyondTheLimit() {
        Login carl = newUser(node, "carl");
        try (RawMqtt raw = rawLogin(node, carl, MqttVersion.MQTT_3_1_1, false)) {
            String[] filters = IntStream.range(0, MAX_SUBSCRIPTIONS + 2)
                    .mapToObj(i -> Topics.namespace(carl.userId()) + "f/" + i).toArray(String[]::new);
            List<Integer> codes = raw.subscribe(filters);
            assertThat(codes.subList(0, MAX_SUBSCRIPTIONS)).containsOnly(0x00);
            assertThat(codes.subList(MAX_SUBSCRIPTIONS, codes.size())).containsOnly(0x80);
        }
    }

    @Test
    void aConsumerThatStopsReadingIsClosedWhileOthersGetEverythingAndNothingIsLost() throws Exception {
        Login alice = newUser(node, "alice");
        Login slow = newUser(node, "slow");
        Login dave = newUser(node, "dave");
        RawMqtt stuck = rawLogin(node, slow, MqttVersion.MQTT_5, false);
        assertThat(stuck.subscribe(Topics.namespace(slow.userId()) + "push/#")).containsExactly(0);
        stuck.reading(false);
        try (Mqtt5Peer healthy = Fixtures.online(node, dave)) {
            int n = 150;
            for (int i = 0; i < n; i++) {
                send(alice.userId(), slow.userId(), i + BIG);
                send(alice.userId(), dave.userId(), "hello " + i);
            }
            // every send above was answered with code 0 (send() checks); dave got every push
            TreeSet<Long> daveSeqs = new TreeSet<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var p : healthy.pending()) {
                    if (p.getTopic().toString().equals(Topics.push(dave.userId(), Topics.PUSH_MESSAGE))) {
                        MessagePush.parseFrom(Mqtt5Peer.bytes(p.getPayload().orElseThrow()))
                                .getMessagesList().forEach(m -> daveSeqs.add(m.getSeq()));
                    }
                }
                return daveSeqs.size() == n;
            });
            assertThat(daveSeqs).containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());

            assertThat(metric("hearth_push_deferred_total")).isPositive();
            // slow_consumer_timeout_seconds is 4; the client sees the close once it reads again
            await().atMost(Duration.ofSeconds(20)).until(() -> metric("hearth_connections_slow_consumer_total") > 0);
            stuck.reading(true);
            stuck.awaitClosed();
            assertThat(metric("hearth_push_queued_bytes")).isLessThan(1024 * 1024);

            // the slow user loses nothing: a new session pulls every message, in order
            try (Mqtt5Peer again = Fixtures.online(node, slow)) {
                assertThat(pullAll(again)).containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
            }
        } finally {
            stuck.close();
        }
    }

    @Test
    void aConsumerThatReadsAgainIsToldToPullWhatItWasNotPushed() throws Exception {
        try (TestNode patient = TestNode.start(Map.of("mqtt.slow_consumer_timeout_seconds", 600))) {
            Login alice = Fixtures.newUser(patient, "alice");
            Login late = Fixtures.newUser(patient, "late");
            try (RawMqtt raw = rawLogin(patient, late, MqttVersion.MQTT_5, false)) {
                raw.subscribe(Topics.namespace(late.userId()) + "push/#");
                raw.reading(false);
                int n = 150;
                for (int i = 0; i < n; i++) {
                    send(patient, alice.userId(), late.userId(), i + BIG);
                }
                raw.reading(true);
                TreeSet<Long> pushed = new TreeSet<>();
                long hintedHead = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (hintedHead < n && System.nanoTime() < deadline) {
                    MessagePush p = parse(raw.nextPublish(Topics.push(late.userId(), Topics.PUSH_MESSAGE)));
                    p.getMessagesList().forEach(m -> pushed.add(m.getSeq()));
                    if (p.getMessagesCount() == 0) {
                        hintedHead = Math.max(hintedHead, p.getHead());
                    }
                }
                assertThat(hintedHead).as("a push with only the head").isEqualTo(n);
                assertThat(pushed.size()).as("not everything was pushed").isLessThan(n);
            }
        }
    }

    @Test
    void pipelinedRequestsBeyondTheInflightLimitWaitInTcpAndAreAllAnswered() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        try (RawMqtt raw = RawMqtt.tcp(node.host(), node.mqttPort())) {
            var ack = raw.connect(MqttVersion.MQTT_5, alice.clientId(), alice.userId(), alice.token());
            assertThat(ack.variableHeader().properties()
                    .getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value()).value())
                    .isEqualTo(MAX_INFLIGHT);
            List<MqttPublishMessage> burst = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                burst.add(raw.publishPacket(Topics.request(Methods.MESSAGE_SEND),
                        Fixtures.text(bob.userId(), "burst " + i).toByteArray(), MqttQoS.AT_LEAST_ONCE,
                        MqttProperties.NO_PROPERTIES));
            }
            raw.sendAll(burst);
            List<Integer> acked = new ArrayList<>();
            for (int i = 0; i < burst.size(); i++) {
                MqttPubReplyMessageVariableHeader vh =
                        (MqttPubReplyMessageVariableHeader) raw.next(MqttMessageType.PUBACK).variableHeader();
                assertThat(vh.reasonCode()).as("PUBACK of request %d", i).isZero();
                acked.add(vh.messageId());
            }
            assertThat(acked).containsExactlyElementsOf(burst.stream()
                    .map(p -> p.variableHeader().packetId()).toList());
        }
        try (Mqtt5Peer b = Fixtures.online(node, bob)) {
            assertThat(pullAll(b)).hasSize(300);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aClientThatPipelinesPullsWithoutReadingTheRepliesIsClosed() throws Exception {
        try (TestNode small = TestNode.start(Map.of("mqtt.outbound_buffer_bytes", 16384,
                "mqtt.max_inflight_requests", 32))) {
            Login alice = Fixtures.newUser(small, "alice");
            Login hoarder = Fixtures.newUser(small, "hoarder");
            for (int i = 0; i < 100; i++) {
                send(small, alice.userId(), hoarder.userId(), i + "z".repeat(2000));
            }
            try (RawMqtt raw = rawLogin(small, hoarder, MqttVersion.MQTT_5, false)) {
                raw.reading(false);
                List<MqttPublishMessage> pulls = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    pulls.add(raw.publishPacket(Topics.request(Methods.MESSAGE_PULL, "p" + i),
                            PullMessageRequest.newBuilder().setSinceSeq(0).setLimit(500).build().toByteArray(),
                            MqttQoS.AT_LEAST_ONCE, MqttProperties.NO_PROPERTIES));
                }
                raw.sendAll(pulls);
                // 32 replies of about 200 KB each would queue 6 MB; the node closes it at 4 × 16 KB queued
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> metric(small, "hearth_connections_slow_consumer_total") > 0);
                raw.reading(true);
                raw.awaitClosed();
            }
            Login other = Fixtures.newUser(small, "other");
            try (Mqtt5Peer p = Fixtures.online(small, other)) {
                assertThat(p.call(Methods.MESSAGE_SEND, Fixtures.text(alice.userId(), "still here")).getCode())
                        .isZero();
            }
        }
    }

    private static List<Long> pullAll(Mqtt5Peer peer) throws InvalidProtocolBufferException {
        List<Long> seqs = new ArrayList<>();
        long since = 0;
        while (true) {
            PullMessageResult r = peer.call(Methods.MESSAGE_PULL, PullMessageRequest.newBuilder().setSinceSeq(since)
                    .build()).getPull();
            r.getMessagesList().stream().map(Message::getSeq).forEach(seqs::add);
            if (r.getCurrent() >= r.getHead() || r.getMessagesCount() == 0) {
                return seqs;
            }
            since = r.getCurrent();
        }
    }

    private static MessagePush parse(MqttPublishMessage p) {
        try {
            return MessagePush.parseFrom(ByteBufUtil.getBytes(p.content()));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static void send(String from, String to, String text) {
        send(node, from, to, text);
    }

    private static void send(TestNode n, String from, String to, String text) {
        var r = n.admin().call("/admin/message/send", Map.of("sender", from,
                "conv", Map.of("type", 0, "target", to, "line", 0),
                "payload", Map.of("type", 1, "searchableContent", text, "persistFlag", 3)));
        assertThat(r.path("code").asInt()).as("send %s -> %s: %s", from, to, r).isZero();
    }

    private static double metric(String name) throws Exception {
        return metric(node, name);
    }

    private static double metric(TestNode n, String name) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(n.adminUrl() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return r.body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
