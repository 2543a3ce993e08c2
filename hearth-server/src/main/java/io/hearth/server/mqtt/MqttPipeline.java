package io.hearth.server.mqtt;

import io.hearth.server.config.HearthConfig;
import io.hearth.server.message.MessageService;
import io.hearth.server.rpc.RpcMethod;
import io.hearth.server.session.SessionService;
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

    private final SessionService sessions;
    private final MessageService messages;
    private final ConnectionRegistry registry;
    private final BiConsumer<String, String> takeOverElsewhere;
    private final RpcDispatcher rpc;
    private final HearthConfig.Network network;
    private final HearthConfig.Connections limits;
    private final OutboundWatch outbound;
    private final WriteBufferWaterMark waterMark;
    private final PendingConnections pending;
    private final int nodeId;
    private final Clock clock;

    /**
     * {@code takeOverElsewhere} closes a session with the same (user, client id) held by another node; it runs off
     * the event loop before the CONNACK ({@code (u, c) -> { }} for a single node).
     */
    public MqttPipeline(SessionService sessions, MessageService messages, ConnectionRegistry registry,
                        BiConsumer<String, String> takeOverElsewhere,
                        Map<String, RpcMethod> methods, HearthConfig.Network network,
                        HearthConfig.Connections limits, PushWriter pushes, int nodeId, Clock clock,
                        MeterRegistry meters) {
        this.sessions = sessions;
        this.messages = messages;
        this.registry = registry;
        this.takeOverElsewhere = takeOverElsewhere;
        SlowConsumers slowConsumers = new SlowConsumers(limits.outboundBytes(), meters);
        this.rpc = new RpcDispatcher(methods, slowConsumers, meters);
        this.network = network;
        this.limits = limits;
        this.outbound = new OutboundWatch(pushes, limits.slowConsumerTimeoutSeconds(), slowConsumers);
        this.waterMark = new WriteBufferWaterMark(limits.outboundBytes() / 2, limits.outboundBytes());
        this.pending = new PendingConnections(limits.maxPending(), meters);
        this.nodeId = nodeId;
        this.clock = clock;
    }

    public void addTail(ChannelPipeline p) {
        p.channel().config().setWriteBufferWaterMark(waterMark);
        pending.arrived(Connection.of(p.channel()));
        p.addLast(HandlerNames.MQTT_DECODER, new MqttDecoder(network.maxPacketSize()));
        p.addLast(HandlerNames.MQTT_ENCODER, MqttEncoder.INSTANCE);
        p.addLast(HandlerNames.IDLE, new IdleStateHandler(network.channelTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
        p.addLast(HandlerNames.IDLE_CLOSER, IdleCloser.INSTANCE);
        p.addLast(HandlerNames.OUTBOUND, outbound);
        p.addLast(HandlerNames.CONNECT, new ConnectHandler(sessions, messages, registry, takeOverElsewhere,
                network.maxPacketSize(), limits, pending, nodeId, clock));
        p.addLast(HandlerNames.SESSION, new SessionHandler(rpc));
        p.addLast(HandlerNames.EXCEPTIONS, ExceptionHandler.INSTANCE);
    }
}
