package io.hearth.server.drain;

import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;

/**
 * A third-party client (HiveMQ MQTT Client, no reconnect) logged in to one node over MQTT 5 on TCP or WebSocket, or
 * MQTT 3.1.1 on TCP; remembers why the server closed it.
 */
final class MqttPeer implements AutoCloseable {

    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    private final Runnable disconnect;

    private MqttPeer(Runnable disconnect) {
        this.disconnect = disconnect;
    }

    static MqttPeer mqtt5(String host, int port, boolean webSocket, String user, String clientId, String token) {
        return mqtt5(host, port, webSocket, null, user, clientId, token);
    }

    /** With {@code trust} non-null: over TLS (MQTT/TLS, or WSS), trusting that factory's certificates. */
    static MqttPeer mqtt5(String host, int port, boolean webSocket, TrustManagerFactory trust, String user,
                          String clientId, String token) {
        MqttPeer[] peer = new MqttPeer[1];
        var builder = Mqtt5Client.builder().identifier(clientId).serverHost(host).serverPort(port)
                .addDisconnectedListener(ctx -> peer[0].closed.complete(ctx.getCause()));
        if (trust != null) {
            builder = builder.sslConfig().trustManagerFactory(trust).applySslConfig();
        }
        if (webSocket) {
            builder = builder.webSocketConfig().serverPath("mqtt").applyWebSocketConfig();
        }
        Mqtt5AsyncClient client = builder.buildAsync();
        peer[0] = new MqttPeer(() -> client.disconnect());
        client.connectWith().cleanStart(true).keepAlive(60)
                .simpleAuth().username(user).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .send().orTimeout(10, TimeUnit.SECONDS).join();
        return peer[0];
    }

    static MqttPeer mqtt3(String host, int port, String user, String clientId, String token) {
        MqttPeer[] peer = new MqttPeer[1];
        Mqtt3AsyncClient client = Mqtt3Client.builder().identifier(clientId).serverHost(host).serverPort(port)
                .addDisconnectedListener(ctx -> peer[0].closed.complete(ctx.getCause())).buildAsync();
        peer[0] = new MqttPeer(() -> client.disconnect());
        client.connectWith().keepAlive(60)
                .simpleAuth().username(user).password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .send().orTimeout(10, TimeUnit.SECONDS).join();
        return peer[0];
    }

    /** Waits until the server closes the connection; returns why (HiveMQ's exception). */
    Throwable awaitClosed() {
        return closed.orTimeout(15, TimeUnit.SECONDS).join();
    }

    /** The DISCONNECT packet the server sent before closing, if it sent one (MQTT 5). */
    Optional<Mqtt5Disconnect> awaitDisconnect() {
        return awaitClosed() instanceof Mqtt5DisconnectException d ? Optional.of(d.getMqttMessage()) : Optional.empty();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            disconnect.run();
        }
    }
}
