package io.hearth.client.transport;

import io.hearth.client.ClientConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.URI;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Builds client pipelines. Each transport adds only its prefix, then {@link #addMqttTail} adds the same MQTT
 * handlers: decoder, encoder, idle, MQTT handler. Handler names are constants for tests and diagnostics.
 */
public final class ClientPipeline {

    public static final String TLS = "tls";
    public static final String HTTP_CODEC = "httpCodec";
    public static final String HTTP_AGGREGATOR = "httpAggregator";
    public static final String WS_PROTOCOL = "wsProtocol";
    public static final String WS_FRAME_DECODER = "wsFrameDecoder";
    public static final String WS_FRAME_ENCODER = "wsFrameEncoder";
    public static final String MQTT_DECODER = "mqttDecoder";
    public static final String MQTT_ENCODER = "mqttEncoder";
    public static final String IDLE = "idle";
    public static final String MQTT_HANDLER = "mqttHandler";

    /** WebSocket subprotocol of MQTT. */
    public static final String MQTT_SUBPROTOCOL = "mqtt";

    private static final int HANDSHAKE_RESPONSE_MAX_BYTES = 64 * 1024;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private ClientPipeline() {
    }

    /**
     * TLS first, for MQTT over TLS and WSS: SNI and host-name verification against {@code host} (endpoint
     * identification "HTTPS", which accepts IP addresses listed in the certificate).
     */
    public static void addTls(ChannelPipeline p, SslContext context, String host, int port) {
        SslHandler tls = context.newHandler(p.channel().alloc(), host, port);
        SSLEngine engine = tls.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(params);
        tls.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
        p.addLast(TLS, tls);
    }

    /** The WebSocket prefix: HTTP codec, aggregator (handshake response), handshake, frame adapters. */
    public static void addWebSocketPrefix(ChannelPipeline p, URI uri, int maxFrameBytes) {
        WebSocketClientProtocolConfig ws = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(MQTT_SUBPROTOCOL)
                .maxFramePayloadLength(maxFrameBytes)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .build();
        p.addLast(HTTP_CODEC, new HttpClientCodec());
        p.addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(HANDSHAKE_RESPONSE_MAX_BYTES));
        p.addLast(WS_PROTOCOL, new WebSocketClientProtocolHandler(ws));
        p.addLast(WS_FRAME_DECODER, new WebSocketFrameToBytes());
        p.addLast(WS_FRAME_ENCODER, new BytesToWebSocketFrame());
    }

    /** The MQTT tail every transport ends with; a PINGREQ after keep-alive seconds without a write. */
    public static void addMqttTail(ChannelPipeline p, ClientConfig config, ChannelHandler mqttHandler) {
        p.addLast(MQTT_DECODER, new MqttDecoder(config.maxPacketBytes()));
        p.addLast(MQTT_ENCODER, MqttEncoder.INSTANCE);
        int keepAlive = config.keepAliveSeconds();
        if (keepAlive > 0) {
            p.addLast(IDLE, new IdleStateHandler(2 * keepAlive, keepAlive, 0));
        }
        p.addLast(MQTT_HANDLER, mqttHandler);
    }
}
