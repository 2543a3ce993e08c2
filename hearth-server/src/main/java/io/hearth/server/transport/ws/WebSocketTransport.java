package io.hearth.server.transport.ws;

import io.hearth.server.mqtt.MqttPipeline;
import io.hearth.server.transport.http.HeaderDeadline;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.function.Consumer;

/**
 * MQTT over WebSocket ({@code websocket_port}, path {@code /mqtt}, subprotocol {@code mqtt}): the HTTP codec with a
 * deadline for the upgrade request's head, the WebSocket handshake, frame↔byte adapters, then the shared MQTT tail.
 */
public final class WebSocketTransport {

    public static final String PATH = "/mqtt";
    public static final String SUBPROTOCOLS = "mqtt,mqttv3.1";

    private WebSocketTransport() {
    }

    public static Consumer<SocketChannel> initializer(MqttPipeline mqtt, int maxPacketSize,
                                                      HeaderDeadline.Limit headers) {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(PATH)
                .subprotocols(SUBPROTOCOLS)
                .maxFramePayloadLength(maxPacketSize)
                .handshakeTimeoutMillis(10_000)
                .checkStartsWith(false)
                .build();
        return ch -> {
            ChannelPipeline p = ch.pipeline();
            p.addLast("httpCodec", new HttpServerCodec());
            p.addLast("wsEarlyFrames", new EarlyFrames());
            HeaderDeadline.around(p, "httpCodec", headers);
            p.addLast("httpAggregator", new HttpObjectAggregator(65536));
            p.addLast("webSocket", new WebSocketServerProtocolHandler(config));
            p.addLast("wsFrameDecoder", new WebSocketFrameToBytes());
            p.addLast("wsFrameEncoder", BytesToWebSocketFrame.INSTANCE);
            mqtt.addTail(p);
        };
    }
}
