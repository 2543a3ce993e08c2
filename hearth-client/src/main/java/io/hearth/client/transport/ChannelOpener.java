package io.hearth.client.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import java.util.concurrent.CompletableFuture;

/** Opens one channel on the client's event loop whose pipeline ends with the given MQTT handler. */
@FunctionalInterface
public interface ChannelOpener {

    /**
     * Connects to {@code endpoint}, with the transport's prefix and the MQTT tail ending in {@code mqttHandler}.
     * The future fails if the connection cannot be made; after it succeeds, losses are reported by the handler.
     */
    CompletableFuture<Channel> open(Endpoint endpoint, ChannelHandler mqttHandler);
}
