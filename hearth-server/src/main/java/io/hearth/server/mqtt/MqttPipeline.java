package io.hearth.server.mqtt;

import io.hearth.server.config.HearthConfig;
import io.hearth.server.event.EventHook;
import io.hearth.server.message.MessageService;
import io.hearth.server.rpc.RpcMethod;
import io.hearth.server.session.SessionService;
import io.hearth.server.transport.ExceptionHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT tail shared by every transport: TCP adds it directly, WebSocket after its frame adapters. Order:
 * decoder → encoder → idle → idle closer → outbound watch → connect gate → session → exceptions. Every
 * connection's channel gets the outbound water marks of {@code mqtt.outbound_buffer_bytes}.
 */
public final class MqttPipeline {

    private static final ExceptionHandler EXCEPTIONS = new ExceptionHandler(Disconnector::closeAfterError);

    private final ConnectHandler.Services login;
    private final RpcDispatcher rpc;
    private final HearthConfig.Network network;
    private final OutboundWatch outbound;
    private final WriteBufferWaterMark waterMark;

    /**
     * {@code takeOverElsewhere} closes a session with the same (user, client id) held by another node; it runs off
     * the event loop before the CONNACK ({@code (u, c) -> { }} for a single node).
     */
    public MqttPipeline(SessionService sessions, MessageService messages, ConnectionRegistry registry,
                        BiConsumer<String, String> takeOverElsewhere,
                        Map<String, RpcMethod> methods, EventHook events, HearthConfig.Network network,
                        HearthConfig.Connections limits, PushWriter pushes, int nodeId, Clock clock,
                        MeterRegistry meters) {
        SlowConsumers slowConsumers = new SlowConsumers(limits.outboundBytes(), meters);
        this.rpc = new RpcDispatcher(methods, slowConsumers, meters);
        this.network = network;
        this.outbound = new OutboundWatch(pushes, limits.slowConsumerTimeoutSeconds(), slowConsumers);
        this.waterMark = new WriteBufferWaterMark(limits.outboundBytes() / 2, limits.outboundBytes());
        this.login = new ConnectHandler.Services(sessions, messages, registry, takeOverElsewhere, events,
                network.maxPacketSize(), limits, new PendingConnections(limits.maxPending(), meters), nodeId, clock);
    }

    public void addTail(ChannelPipeline p) {
        p.channel().config().setWriteBufferWaterMark(waterMark);
        login.pending().arrived(Connection.of(p.channel()));
        p.addLast(HandlerNames.MQTT_DECODER, new MqttDecoder(network.maxPacketSize()));
        p.addLast(HandlerNames.MQTT_ENCODER, MqttEncoder.INSTANCE);
        p.addLast(HandlerNames.IDLE, new IdleStateHandler(network.channelTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
        p.addLast(HandlerNames.IDLE_CLOSER, IdleCloser.INSTANCE);
        p.addLast(HandlerNames.OUTBOUND, outbound);
        p.addLast(HandlerNames.CONNECT, new ConnectHandler(login));
        p.addLast(HandlerNames.SESSION, new SessionHandler(rpc));
        p.addLast(HandlerNames.EXCEPTIONS, EXCEPTIONS);
    }
}
