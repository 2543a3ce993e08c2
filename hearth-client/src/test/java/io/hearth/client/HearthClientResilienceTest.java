package io.hearth.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.pb.KickPush;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageResult;
import io.hearth.protocol.pb.SessionInfoResult;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Pushes and gaps, kicks, connection loss, reconnect and resync, over EmbeddedChannels. */
class HearthClientResilienceTest extends EmbeddedClientTest {

    @Test
    void pushesAreDeliveredInOrderAndAGapIsPulled() throws Exception {
        connected();
        String topic = "u/alice/push/message";
        server().publish(topic, MessagePush.newBuilder().addMessages(msg(3)).setHead(3).build());
        server().publish(topic, MessagePush.newBuilder().addMessages(msg(3)).setHead(3).build());
        server().publish(topic, MessagePush.newBuilder().addMessages(msg(6)).setHead(6).build());
        ScriptedServer.Request pull = server().nextRequest();
        assertThat(PullMessageRequest.parseFrom(pull.payload()).getSinceSeq()).isEqualTo(3);
        server().publish(topic, MessagePush.newBuilder().addMessages(msg(7)).setHead(7).build());
        server().reply(pull, pullReply(4, 6, 6));

        assertThat(server().next()).isNull(); // 7 arrived while pulling and continues the timeline
        assertThat(listener.delivered).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(client.lastSeq()).isEqualTo(7);
    }

    @Test
    void kickDisconnectReportsOnKickedOnceAndNeverReconnects() {
        connected();
        CompletableFuture<SessionInfoResult> pending = client.sessionInfo();
        server().nextRequest();
        server().publish("u/alice/push/kick", KickPush.newBuilder().setCode(7).setMsg("kicked off")
                .setByClientId("tablet").build());
        server().disconnect(0x8E);

        assertThat(listener.events).containsExactly("messages[1, 2]", "connected", "kicked 7 kicked off");
        assertThat(codeOf(pending)).isEqualTo(7);
        assertThat(server().client.isActive()).isFalse();
        advance(Duration.ofMinutes(1));
        assertThat(servers).hasSize(1);
        assertThat(codeOf(client.connect())).isEqualTo(7);
        assertThat(codeOf(client.sendText("bob", "late"))).isEqualTo(7);
    }

    @Test
    void disconnectSessionTakenOverAloneIsAKick() {
        connected();
        server().disconnect(0x8E);
        assertThat(listener.events).containsExactly("messages[1, 2]", "connected", "kicked 7 session taken over");
        advance(Duration.ofMinutes(1));
        assertThat(servers).hasSize(1);
    }

    @Test
    void lossReconnectsAfterBackoffAndResyncsFromLastSeq() throws Exception {
        connected();
        server().client.close();
        assertThat(listener.events).containsExactly("messages[1, 2]", "connected", "disconnected");
        assertThat(client.isConnected()).isFalse();

        CompletableFuture<SendMessageResult> queued = client.sendText("bob", "while offline");
        advance(Duration.ofSeconds(1));
        assertThat(servers).hasSize(2);
        server().acceptSession();
        ScriptedServer.Request send = server().nextRequest(); // held requests go first
        assertThat(send.topic()).isEqualTo("rpc/message.send");
        ScriptedServer.Request pull = server().nextRequest();
        assertThat(PullMessageRequest.parseFrom(pull.payload()).getSinceSeq()).isEqualTo(2);
        server().reply(send, sendReply(900, 4)); // own seq 4 is beyond the gap the pull is filling
        server().reply(pull, pullReply(3, 3, 4));

        assertThat(queued.join().getSeq()).isEqualTo(4);
        assertThat(client.isConnected()).isTrue();
        assertThat(client.lastSeq()).isEqualTo(4);
        assertThat(listener.events).containsExactly("messages[1, 2]", "connected", "disconnected", "messages[3]",
                "connected");
    }

    @Test
    void reconnectRefusedWithTokenErrorStopsAndReports() {
        connected();
        server().client.close();
        advance(Duration.ofSeconds(1));
        server().refuse(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD,
                MqttProperties.NO_PROPERTIES);

        assertThat(listener.events).containsExactly("messages[1, 2]", "connected", "disconnected", "disconnected");
        assertThat(((HearthException) listener.disconnectCauses.get(1)).code()).isEqualTo(6);
        advance(Duration.ofMinutes(1));
        assertThat(servers).hasSize(2);
    }

    @Test
    void reconnectRefusedAsKickedReportsOnKicked() {
        connected();
        server().client.close();
        advance(Duration.ofSeconds(1));
        server().refuse(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5, MqttProperties.NO_PROPERTIES);
        assertThat(listener.events).last().isEqualTo("kicked 7 kicked off");
        advance(Duration.ofMinutes(1));
        assertThat(servers).hasSize(2);
    }

    @Test
    void failedReconnectAttemptsBackOffAndRetry() {
        connected();
        server().client.close();
        advance(Duration.ofSeconds(1));
        server().refuse(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5, MqttProperties.NO_PROPERTIES);
        advance(Duration.ofSeconds(1));
        assertThat(servers).hasSize(3);
        server().acceptSession();
        server().reply(server().nextRequest(), pullReply(3, 2, 2));
        assertThat(client.isConnected()).isTrue();
        assertThat(listener.events).containsExactly("messages[1, 2]", "connected", "disconnected", "connected");
    }

    @Test
    void transparentPushIsDeliveredWithoutMovingLastSeq() {
        connected();
        Message transparent = Message.newBuilder().setSeq(0).setMessageUid(0).setSender("bob").build();
        server().publish("u/alice/push/message", MessagePush.newBuilder().addMessages(transparent).build());
        assertThat(listener.events).containsExactly("messages[1, 2]", "connected", "messages[0]");
        assertThat(client.lastSeq()).isEqualTo(2);
    }

    @Test
    void failedGapPullIsRetriedOnTheSameConnection() throws Exception {
        connected();
        server().publish("u/alice/push/message", MessagePush.newBuilder().addMessages(msg(5)).setHead(5).build());
        server().reply(server().nextRequest(), Reply.newBuilder().setCode(250).setMsg("over frequency").build());
        assertThat(server().next()).isNull();
        advance(Duration.ofSeconds(1));
        ScriptedServer.Request retry = server().nextRequest();
        assertThat(PullMessageRequest.parseFrom(retry.payload()).getSinceSeq()).isEqualTo(2);
        server().reply(retry, pullReply(3, 5, 5));
        assertThat(listener.delivered).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(servers).hasSize(1);
    }

    @Test
    void failedInitialSyncFailsConnectAndClosesTheConnection() {
        CompletableFuture<Void> connect = client.connect();
        server().acceptSession();
        server().reply(server().nextRequest(), Reply.newBuilder().setCode(4).setMsg("storage unavailable").build());
        assertThat(codeOf(connect)).isEqualTo(4);
        assertThat(server().client.isActive()).isFalse();
        assertThat(listener.events).isEmpty();
        assertThat(client.isConnected()).isFalse();
    }
}
