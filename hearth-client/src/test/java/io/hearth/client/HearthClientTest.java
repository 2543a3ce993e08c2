package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.protocol.pb.SendMessageResult;
import io.hearth.protocol.pb.SessionInfoRequest;
import io.hearth.protocol.pb.SessionInfoResult;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Connect, CONNACK refusals, RPC correlation and timeouts, keepalive and close, over EmbeddedChannels. */
class HearthClientTest extends EmbeddedClientTest {

    @Test
    void connectSendsMqtt5ConnectSubscribesAndCompletesOnlyWhenCaughtUp() throws Exception {
        CompletableFuture<Void> connect = client.connect();
        MqttConnectMessage c = server().expectConnect();
        assertThat(c.variableHeader().version()).isEqualTo(MqttVersion.MQTT_5.protocolLevel());
        assertThat(c.variableHeader().keepAliveTimeSeconds()).isEqualTo(30);
        assertThat(c.payload().clientIdentifier()).isEqualTo("phone-1");
        assertThat(c.payload().userName()).isEqualTo("alice");
        assertThat(new String(c.payload().passwordInBytes(), StandardCharsets.UTF_8)).isEqualTo("tok-1");

        server().send(MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).build());
        MqttSubscribeMessage sub = (MqttSubscribeMessage) server().nextOfType(MqttMessageType.SUBSCRIBE);
        assertThat(sub.payload().topicSubscriptions().get(0).topicFilter()).isEqualTo("u/alice/push/#");
        server().send(MqttMessageBuilders.subAck().packetId(sub.variableHeader().messageId())
                .addGrantedQos(MqttQoS.AT_MOST_ONCE).build());

        ScriptedServer.Request pull = server().nextRequest();
        assertThat(pull.topic()).isEqualTo("rpc/message.pull");
        assertThat(pull.responseTopic()).isEqualTo("u/alice/reply/sdk");
        assertThat(pull.correlation()).hasSize(8);
        assertThat(pull.qos()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        assertThat(PullMessageRequest.parseFrom(pull.payload()).getSinceSeq()).isZero();
        assertThat(connect).isNotDone();

        server().reply(pull, pullReply(1, 2, 3));
        ScriptedServer.Request more = server().nextRequest();
        assertThat(PullMessageRequest.parseFrom(more.payload()).getSinceSeq()).isEqualTo(2);
        assertThat(connect).isNotDone();
        server().reply(more, pullReply(3, 3, 3));

        assertThat(connect).isCompleted();
        assertThat(client.isConnected()).isTrue();
        assertThat(client.lastSeq()).isEqualTo(3);
        assertThat(listener.events).containsExactly("messages[1, 2]", "messages[3]", "connected");
    }

    @Test
    void connackRefusalFailsConnectWithTheHearthCodeProperty() {
        CompletableFuture<Void> connect = client.connect();
        MqttProperties props = new MqttMessageBuilders.ConnAckPropertiesBuilder()
                .reasonString("token error").userProperty("hearth-code", "6").build();
        server().refuse(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5, props);

        assertThat(codeOf(connect)).isEqualTo(6);
        assertThat(server().client.isActive()).isFalse();
        assertThat(listener.events).isEmpty();
        advance(Duration.ofMinutes(1));
        assertThat(servers).hasSize(1);
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void connackRefusalWithoutPropertyIsMappedFromTheReasonCode() {
        CompletableFuture<Void> connect = client.connect();
        server().refuse(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5, MqttProperties.NO_PROPERTIES);
        assertThat(codeOf(connect)).isEqualTo(7);

        CompletableFuture<Void> again = client.connect();
        server().refuse(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD, MqttProperties.NO_PROPERTIES);
        assertThat(codeOf(again)).isEqualTo(6);
    }

    @Test
    void repliesCompleteTheMatchingFutures() {
        connected();
        CompletableFuture<SendMessageResult> first = client.sendText("bob", "hi");
        CompletableFuture<SendMessageResult> second = client.sendText("bob", "again");
        ScriptedServer.Request r1 = server().nextRequest();
        ScriptedServer.Request r2 = server().nextRequest();
        assertThat(r1.topic()).isEqualTo("rpc/message.send");
        assertThat(r1.correlation()).isNotEqualTo(r2.correlation());

        server().reply(r2, sendReply(502, 4));
        assertThat(first).isNotDone();
        assertThat(client.lastSeq()).isEqualTo(2); // 4 is beyond a gap: own seq 3 is still unknown
        server().pubAck(r1, 0);
        server().reply(r1, sendReply(501, 3));

        assertThat(first.join().getMessageUid()).isEqualTo(501);
        assertThat(second.join().getMessageUid()).isEqualTo(502);
        assertThat(client.lastSeq()).isEqualTo(4);
        assertThat(listener.delivered).containsExactly(1L, 2L); // own sends are never delivered
    }

    @Test
    void sendTextBuildsASingleChatTextMessage() throws Exception {
        connected();
        client.sendText("bob", "hello");
        SendMessageRequest req = SendMessageRequest.parseFrom(server().nextRequest().payload());
        assertThat(req.getConversation().getType()).isZero();
        assertThat(req.getConversation().getTarget()).isEqualTo("bob");
        assertThat(req.getContent().getType()).isEqualTo(1);
        assertThat(req.getContent().getSearchableContent()).isEqualTo("hello");
        assertThat(req.getContent().getPersistFlag()).isEqualTo(3);
        assertThat(req.getClientMessageId()).isNotEmpty();
    }

    @Test
    void errorReplyFailsWithItsCodeAndTimeoutFailsWith249() {
        connected();
        CompletableFuture<SendMessageResult> refused = client.sendText("nobody", "hi");
        server().reply(server().nextRequest(), Reply.newBuilder().setCode(253).setMsg("not exist").build());
        assertThat(codeOf(refused)).isEqualTo(253);

        CompletableFuture<SessionInfoResult> info = client.sessionInfo();
        assertThat(server().nextRequest().topic()).isEqualTo("rpc/session.info");
        advance(Duration.ofSeconds(9));
        assertThat(info).isNotDone();
        advance(Duration.ofSeconds(2));
        assertThat(codeOf(info)).isEqualTo(249);
    }

    @Test
    void pubAckQuotaExceededFailsTheRequestWith250() {
        connected();
        CompletableFuture<PullMessageResult> pull = client.pull(0, 10);
        server().pubAck(server().nextRequest(), 0x97);
        assertThat(codeOf(pull)).isEqualTo(250);
    }

    @Test
    void noticesReachTheListenerAndAnyMethodCanBeCalledByName() {
        connected();
        server().publish("u/alice/push/notice", Notice.newBuilder().setKind("friend").setVersion(7).build());
        assertThat(listener.events).contains("notice friend 7");

        CompletableFuture<Reply> ok = client.call("session.info", SessionInfoRequest.getDefaultInstance());
        ScriptedServer.Request r = server().nextRequest();
        assertThat(r.topic()).isEqualTo("rpc/session.info");
        server().reply(r, Reply.newBuilder().setSession(SessionInfoResult.newBuilder().setHead(3)).build());
        assertThat(ok.join().getSession().getHead()).isEqualTo(3);

        CompletableFuture<Reply> refused = client.call("friend.request", SessionInfoRequest.getDefaultInstance());
        server().reply(server().nextRequest(), Reply.newBuilder().setCode(16).setMsg("already sent").build());
        assertThat(codeOf(refused)).isEqualTo(16);
    }

    @Test
    void writeIdlenessSendsPingreq() {
        connected();
        server().client.advanceTimeBy(31, TimeUnit.SECONDS);
        server().client.runScheduledPendingTasks();
        MqttMessage ping = server().next();
        assertThat(ping.fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGREQ);
    }

    @Test
    void closeSendsDisconnectAndFailsPendingRequests() {
        connected();
        CompletableFuture<SessionInfoResult> pending = client.sessionInfo();
        server().nextRequest();
        client.close();
        assertThat(server().next().fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(codeOf(pending)).isEqualTo(4);
        assertThat(listener.events).containsExactly("messages[1, 2]", "connected");
    }
}
