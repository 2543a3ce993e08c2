package io.hearth.server.drain;

import com.google.protobuf.InvalidProtocolBufferException;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A third-party MQTT 5 client (HiveMQ, no reconnect, no retry) that sends {@code message.send} requests with a
 * Response Topic and records, in arrival order, each reply ({@code reply:<code>}) and how the connection ended
 * ({@code disconnect:<reason code>} or {@code closed}).
 */
final class RpcPeer implements AutoCloseable {

    final List<String> events = new CopyOnWriteArrayList<>();
    private final Mqtt5AsyncClient client;
    private final String userId;

    RpcPeer(String host, int port, Users.Login login) {
        this.userId = login.userId();
        this.client = Mqtt5Client.builder().identifier(login.clientId()).serverHost(host).serverPort(port)
                .addDisconnectedListener(ctx -> events.add(ctx.getCause() instanceof Mqtt5DisconnectException d
                        ? "disconnect:" + d.getMqttMessage().getReasonCode() : "closed"))
                .buildAsync();
        client.connectWith().cleanStart(true).keepAlive(60)
                .simpleAuth().username(login.userId()).password(login.token().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().orTimeout(10, TimeUnit.SECONDS).join();
        client.subscribeWith().topicFilter(Topics.namespace(userId) + "reply/#").callback(publish -> {
            try {
                events.add("reply:" + Reply.parseFrom(publish.getPayloadAsBytes()).getCode());
            } catch (InvalidProtocolBufferException e) {
                events.add("unreadable reply");
            }
        }).send().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Publishes a text message to {@code to} with client message id {@code clientMessageId}; does not wait. */
    void send(String to, String text, String clientMessageId) {
        SendMessageRequest request = SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(to))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent(text).setPersistFlag(3))
                .setClientMessageId(clientMessageId).build();
        client.publishWith().topic(Topics.request(Methods.MESSAGE_SEND)).qos(MqttQos.AT_LEAST_ONCE)
                .responseTopic(Topics.namespace(userId) + "reply/" + clientMessageId)
                .correlationData(clientMessageId.getBytes(StandardCharsets.UTF_8))
                .payload(request.toByteArray()).send();
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            client.disconnect();
        }
    }
}
