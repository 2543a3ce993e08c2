package io.hearth.server.cluster;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import io.hearth.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A third-party MQTT 5 session (HiveMQ MQTT Client), to see the DISCONNECT reason code a server sends, which the
 * SDK folds into {@code onKicked}.
 */
final class RawMqtt5 implements AutoCloseable {

    private final Mqtt5AsyncClient client;
    private final CompletableFuture<Integer> disconnectReason = new CompletableFuture<>();

    private RawMqtt5(String host, int port, String clientId) {
        this.client = Mqtt5Client.builder().identifier(clientId).serverHost(host).serverPort(port)
                .addDisconnectedListener(ctx -> disconnectReason.complete(
                        ctx.getCause() instanceof Mqtt5DisconnectException d
                                ? d.getMqttMessage().getReasonCode().getCode() : -1))
                .buildAsync();
    }

    /** Logs in and subscribes to the user's pushes. */
    static RawMqtt5 connect(String host, int port, String userId, String clientId, String token) {
        RawMqtt5 s = new RawMqtt5(host, port, clientId);
        s.client.connectWith().cleanStart(true).keepAlive(60)
                .simpleAuth().username(userId).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .send().orTimeout(20, TimeUnit.SECONDS).join();
        s.client.subscribeWith().topicFilter(Topics.namespace(userId) + "push/#").qos(MqttQos.AT_MOST_ONCE).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
        return s;
    }

    /** The reason code of the server's DISCONNECT; -1 when the connection ended without one. */
    CompletableFuture<Integer> disconnectReason() {
        return disconnectReason;
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            client.disconnect();
        }
    }
}
