package io.hearth.server.mqtt;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.message.MessageService;
import io.hearth.server.session.ClientIds;
import io.hearth.server.session.ClientSession;
import io.hearth.server.event.EventHook;
import io.hearth.server.session.ClientPresence;
import io.hearth.server.session.Kicker;
import io.hearth.server.session.SessionService;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import java.util.concurrent.TimeUnit;

/**
 * The connect gate, right after the MQTT codec: nothing passes before a CONNECT has been authenticated. It checks
 * the token (off the event loop), registers the connection (taking over a live one with the same client id),
 * swaps the pre-CONNECT timeout for the keep-alive timeout, and answers CONNACK. It also turns every malformed
 * packet, before or after login, into a clean close. One instance per channel.
 */
final class ConnectHandler extends ChannelInboundHandlerAdapter {

    /**
     * What every connection's login uses, shared by the handlers of a node; {@code takeOverElsewhere} closes a
     * session with the same (user, client id) held by another node.
     */
    record Services(SessionService sessions, MessageService messages, ConnectionRegistry registry,
                    BiConsumer<String, String> takeOverElsewhere, EventHook events, int maxPacketSize,
                    HearthConfig.Connections limits, PendingConnections pending, int nodeId, Clock clock) {
    }

    private final SessionService sessions;
    private final MessageService messages;
    private final ConnectionRegistry registry;
    private final BiConsumer<String, String> takeOverElsewhere;
    private final EventHook events;
    private final int maxPacketSize;
    private final HearthConfig.Connections limits;
    private final PendingConnections pending;
    private final int nodeId;
    private final Clock clock;
    private static final int MAX_EARLY_PACKETS = 64;

    /** Packets that arrived after CONNECT but before its CONNACK (allowed by MQTT); replayed after login. */
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    private boolean connectSeen;

    ConnectHandler(Services s) {
        this.takeOverElsewhere = s.takeOverElsewhere();
        this.sessions = s.sessions();
        this.messages = s.messages();
        this.registry = s.registry();
        this.events = s.events();
        this.maxPacketSize = s.maxPacketSize();
        this.limits = s.limits();
        this.pending = s.pending();
        this.nodeId = s.nodeId();
        this.clock = s.clock();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Connection c = Connection.of(ctx.channel());
        if (!(msg instanceof MqttMessage m)) {
            ReferenceCountUtil.release(msg);
            Disconnector.close(c, "not an MQTT packet");
            return;
        }
        if (m.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            invalid(ctx, c, m.decoderResult().cause());
            return;
        }
        if (c.state() == Connection.State.ACTIVE) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (connectSeen && m.fixedHeader().messageType() != MqttMessageType.CONNECT
                && early.size() < MAX_EARLY_PACKETS) {
            early.add(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        if (connectSeen || m.fixedHeader().messageType() != MqttMessageType.CONNECT) {
            Disconnector.close(c, connectSeen ? "second CONNECT or too many packets before CONNACK"
                    : "first packet is not CONNECT");
            return;
        }
        connectSeen = true;
        connect(ctx, c, (MqttConnectMessage) m);
    }

    private void connect(ChannelHandlerContext ctx, Connection c, MqttConnectMessage m) {
        MqttVersion version = MqttVersion.fromProtocolNameAndLevel(m.variableHeader().name(),
                (byte) m.variableHeader().version());
        c.version(version);
        c.webSocket(ctx.pipeline().get(WebSocketServerProtocolHandler.class) != null);
        c.secure(ctx.pipeline().get(SslHandler.class) != null);
        boolean mqtt5 = version == MqttVersion.MQTT_5;
        if (version != MqttVersion.MQTT_3_1_1 && !mqtt5) {
            c.closing();
            ctx.writeAndFlush(MqttMessageBuilders.connAck()
                    .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION).build())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String clientId = m.payload().clientIdentifier();
        String userId = m.variableHeader().hasUserName() ? m.payload().userName() : null;
        byte[] password = m.variableHeader().hasPassword() ? m.payload().passwordInBytes() : null;
        if (clientId == null || clientId.isEmpty()) {
            refuse(ctx, c, mqtt5, Status.INVALID_PARAMETER, "client identifier required");
            return;
        }
        try {
            ClientIds.check("client identifier", clientId);
        } catch (StatusException e) {
            refuse(ctx, c, mqtt5, e.status(), e.getMessage());
            return;
        }
        if (userId == null || userId.isEmpty() || password == null) {
            refuse(ctx, c, mqtt5, Status.TOKEN_ERROR, "user name and password (token) required");
            return;
        }
        int keepAlive = m.variableHeader().keepAliveTimeSeconds();
        ctx.channel().config().setAutoRead(false);
        sessions.authenticate(userId, clientId, new String(password, StandardCharsets.UTF_8))
                .thenCompose(s -> messages.head(userId).thenApply(head -> new Login(s, head)))
                .whenComplete((login, error) -> ctx.executor().execute(() -> {
                    if (!ctx.channel().isActive()) {
                        return;
                    }
                    if (error != null) {
                        refuse(ctx, c, mqtt5, StatusException.statusOf(error), StatusException.messageOf(error));
                    } else {
                        accept(ctx, c, login, version, keepAlive);
                    }
                }));
    }

    private record Login(ClientSession session, long head) {
    }

    private void accept(ChannelHandlerContext ctx, Connection c, Login login, MqttVersion version, int keepAlive) {
        ClientSession s = login.session();
        c.authenticated(s.userId(), s.clientId(), s.platform(), version, limits);
        if (!c.moveTo(Connection.State.CONNECTING, Connection.State.ACTIVE)) {
            return;
        }
        pending.left(c);
        Connection old = registry.register(c);
        if (old != null) {
            registry.takeOver(old, Kicker.Cause.TAKEN_OVER);
        }
        events.publish(new ClientPresence(s.userId(), s.clientId(), s.platform(), true, nodeId, clock.millis()));
        ctx.channel().closeFuture().addListener(f -> {
            registry.unregister(c);
            events.publish(new ClientPresence(s.userId(), s.clientId(), s.platform(), false, nodeId, clock.millis()));
            sessions.touch(s.userId(), s.clientId());
            Disconnector.EVENTS.info("logout {}", c);
        });
        ctx.pipeline().remove(HandlerNames.IDLE);
        if (keepAlive > 0) {
            long idleMillis = keepAlive * 1500L;
            ctx.pipeline().addBefore(HandlerNames.IDLE_CLOSER, HandlerNames.IDLE,
                    new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
        }
        registry.announce(s.userId()).thenRun(() -> takeOverElsewhere.accept(s.userId(), s.clientId()))
                .whenComplete((v, error) -> ctx.executor().execute(() -> {
            if (error != null) {
                Disconnector.EVENTS.warn("presence of {} not recorded; pushes from other nodes may be late: {}", c,
                        error.toString());
            }
            ctx.writeAndFlush(ConnAcks.accepted(c.isMqtt5(), maxPacketSize, limits.maxInflight(), nodeId, clock.millis(),
                    login.head()));
            Disconnector.EVENTS.info("login {} platform={} mqtt={} keepAlive={}", c, s.platform(), version,
                    keepAlive);
            ctx.channel().config().setAutoRead(true);
            while (!early.isEmpty()) {
                ctx.fireChannelRead(early.poll());
            }
        }));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseEarly();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseEarly();
        ctx.fireChannelInactive();
    }

    private void releaseEarly() {
        while (!early.isEmpty()) {
            ReferenceCountUtil.release(early.poll());
        }
    }

    private static void refuse(ChannelHandlerContext ctx, Connection c, boolean mqtt5, Status status, String message) {
        Disconnector.EVENTS.info("refuse {} code={} {}", ctx.channel().remoteAddress(), status.code(), message);
        c.closing();
        ctx.writeAndFlush(ConnAcks.refused(mqtt5, status, message)).addListener(ChannelFutureListener.CLOSE);
    }

    private static void invalid(ChannelHandlerContext ctx, Connection c, Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException && c.state() == Connection.State.CONNECTING) {
            c.closing();
            ctx.writeAndFlush(MqttMessageBuilders.connAck()
                    .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION).build())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        boolean tooLarge = cause instanceof TooLongFrameException;
        String reason = (tooLarge ? "packet too large: " : "malformed packet: ") + cause.getMessage();
        if (c.state() == Connection.State.ACTIVE) {
            Disconnector.disconnect(c, tooLarge ? Disconnect.PACKET_TOO_LARGE : Disconnect.MALFORMED_PACKET, reason);
        } else {
            Disconnector.close(c, reason);
        }
    }
}
