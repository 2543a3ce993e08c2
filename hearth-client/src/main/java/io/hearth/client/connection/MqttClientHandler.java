package io.hearth.client.connection;

import io.hearth.client.ClientConfig;
import io.hearth.client.HearthException;
import io.hearth.client.rpc.Correlation;
import io.hearth.client.rpc.RequestWriter;
import io.hearth.protocol.Status;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.KickPush;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.Reply;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client pipeline (after the MQTT decoder, encoder and idle handler): one connection's MQTT
 * session. Sends CONNECT when the channel is active (TCP) or the WebSocket handshake is complete, SUBSCRIBE after
 * CONNACK, PINGREQ on write idleness; writes requests for the {@link io.hearth.client.rpc.RpcClient}; dispatches
 * CONNACK, SUBACK, PUBLISH, PUBACK and DISCONNECT to its {@link ConnectionListener}. A DISCONNECT 0x9C or 0x9D
 * closes with a {@link ServerRedirect} as the cause.
 *
 * <p>The MQTT version: {@code MqttEncoder} records MQTT 5 in the channel attribute when it encodes our CONNECT, and
 * {@code MqttDecoder} reads it back, so CONNACK, PUBLISH and DISCONNECT properties are decoded. Every method runs
 * on the channel's event loop (the client's).
 */
public final class MqttClientHandler extends SimpleChannelInboundHandler<MqttMessage> implements RequestWriter {

    private static final Logger log = LoggerFactory.getLogger(MqttClientHandler.class);
    private static final int SESSION_TAKEN_OVER = 0x8E;
    private static final int ADMINISTRATIVE_ACTION = 0x98;

    private final ClientConfig config;
    private final boolean waitForWebSocket;
    private final ConnectionListener listener;
    private final String replyTopic;
    private final String messageTopic;
    private final String kickTopic;
    private final String noticeTopic;
    private final Map<Integer, Long> requestsByPacketId = new HashMap<>();
    private ChannelHandlerContext ctx;
    private int lastPacketId;
    private boolean connectSent;
    private Throwable closeCause;

    public MqttClientHandler(ClientConfig config, boolean waitForWebSocket, ConnectionListener listener) {
        this.config = config;
        this.waitForWebSocket = waitForWebSocket;
        this.listener = listener;
        this.replyTopic = config.replyTopic();
        this.messageTopic = Topics.push(config.userId(), Topics.PUSH_MESSAGE);
        this.kickTopic = Topics.push(config.userId(), Topics.PUSH_KICK);
        this.noticeTopic = Topics.push(config.userId(), Topics.PUSH_NOTICE);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (!waitForWebSocket && ctx.channel().isActive()) {
            sendConnect();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!waitForWebSocket) {
            sendConnect();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            sendConnect();
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            close(new IOException("WebSocket handshake timed out"));
        } else if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(MqttMessage.PINGREQ);
            } else if (idle.state() == IdleState.READER_IDLE) {
                close(new IOException("no packet from the server for " + 2 * config.keepAliveSeconds() + " s"));
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
        if (msg.decoderResult().isFailure()) {
            close(new IOException("malformed packet from the server", msg.decoderResult().cause()));
            return;
        }
        switch (msg.fixedHeader().messageType()) {
            case CONNACK -> onConnAck((MqttConnAckMessage) msg);
            case SUBACK -> onSubAck((MqttSubAckMessage) msg);
            case PUBLISH -> onPublish((MqttPublishMessage) msg);
            case PUBACK -> onPubAck(msg);
            case DISCONNECT -> onDisconnect(msg);
            case PINGRESP -> { }
            default -> log.debug("ignoring {}", msg.fixedHeader().messageType());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        listener.onClosed(closeCause != null ? closeCause : new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        close(cause);
    }

    @Override
    public void writeRequest(String method, long correlationId, byte[] payload) {
        if (ctx == null || !ctx.channel().isActive()) {
            return; // the request times out or fails when the loss is noticed
        }
        int packetId = nextPacketId();
        requestsByPacketId.put(packetId, correlationId);
        ctx.writeAndFlush(MqttPackets.request(Topics.request(method), replyTopic, correlationId, payload, packetId))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    /** Closes the connection; {@code cause} is what {@link ConnectionListener#onClosed} reports (the first one wins). */
    public void close(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        if (ctx != null) {
            ctx.close();
        }
    }

    /** Sends DISCONNECT (normal) and closes. */
    public void disconnect() {
        if (ctx != null && ctx.channel().isActive() && connectSent) {
            ctx.writeAndFlush(MqttPackets.disconnect()).addListener(ChannelFutureListener.CLOSE);
        } else {
            close(new ClosedChannelException());
        }
    }

    private void sendConnect() {
        if (!connectSent) {
            connectSent = true;
            ctx.writeAndFlush(MqttPackets.connect(config)).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }
    }

    private void onConnAck(MqttConnAckMessage msg) {
        if (msg.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            HearthException refusal = ConnackRefusal.toException(msg.variableHeader());
            closeCause = refusal;
            listener.onRefused(refusal);
            ctx.close();
            return;
        }
        ctx.writeAndFlush(MqttPackets.subscribe(nextPacketId(), config.pushFilter()))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    private void onSubAck(MqttSubAckMessage msg) {
        for (int reason : msg.payload().reasonCodes()) {
            if (reason >= 0x80) {
                close(new HearthException(Status.NOT_RIGHT, "push subscription refused: 0x" + Integer.toHexString(reason)));
                return;
            }
        }
        listener.onSessionReady();
    }

    private void onPublish(MqttPublishMessage msg) {
        String topic = msg.variableHeader().topicName();
        if (msg.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            ctx.writeAndFlush(MqttPackets.pubAck(msg.variableHeader().packetId()));
        }
        byte[] payload = ByteBufUtil.getBytes(msg.content());
        try {
            if (topic.equals(replyTopic)) {
                byte[] data = MqttPackets.binaryProperty(msg.variableHeader().properties(), MqttProperties.CORRELATION_DATA);
                long id = Correlation.decode(data);
                if (id < 0) {
                    log.warn("reply without usable correlation data on {}", topic);
                    return;
                }
                listener.onReply(id, Reply.parseFrom(payload));
            } else if (topic.equals(messageTopic)) {
                listener.onPush(MessagePush.parseFrom(payload));
            } else if (topic.equals(noticeTopic)) {
                listener.onNotice(Notice.parseFrom(payload));
            } else if (topic.equals(kickTopic)) {
                KickPush kick = KickPush.parseFrom(payload);
                int code = kick.getCode() != 0 ? kick.getCode() : Status.KICKED_OFF.code();
                listener.onKick(code, kick.getMsg().isEmpty() ? Status.of(code).message() : kick.getMsg());
            } else {
                log.debug("ignoring PUBLISH on {}", topic);
            }
        } catch (IOException e) {
            log.warn("unreadable payload on {}: {}", topic, e.toString());
        }
    }

    private void onPubAck(MqttMessage msg) {
        if (!(msg.variableHeader() instanceof MqttMessageIdVariableHeader header)) {
            return;
        }
        Long id = requestsByPacketId.remove(header.messageId());
        if (id != null && header instanceof MqttPubReplyMessageVariableHeader reply) {
            int reason = reply.reasonCode() & 0xFF;
            if (reason >= 0x80) {
                listener.onRequestRejected(id, reason);
            }
        }
    }

    private void onDisconnect(MqttMessage msg) {
        int reason = 0;
        MqttProperties props = null;
        if (msg.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            reason = header.reasonCode() & 0xFF;
            props = header.properties();
        }
        String reasonString = MqttPackets.stringProperty(props, MqttProperties.REASON_STRING);
        if (reason == ServerRedirect.USE_ANOTHER_SERVER || reason == ServerRedirect.SERVER_MOVED) {
            close(new ServerRedirect(reason, MqttPackets.stringProperty(props, MqttProperties.SERVER_REFERENCE),
                    reasonString));
            return;
        }
        if (reason == SESSION_TAKEN_OVER || reason == ADMINISTRATIVE_ACTION) {
            int code = MqttPackets.hearthCode(props, Status.KICKED_OFF.code());
            String text = reasonString != null ? reasonString
                    : reason == SESSION_TAKEN_OVER ? "session taken over" : "administrative action";
            HearthException kick = new HearthException(code, text);
            closeCause = kick;
            listener.onKick(code, text);
            ctx.close();
            return;
        }
        close(new HearthException(Status.SERVER_ERROR, "server sent DISCONNECT 0x" + Integer.toHexString(reason)
                + (reasonString != null ? ": " + reasonString : "")));
    }

    private int nextPacketId() {
        lastPacketId = lastPacketId % 0xFFFF + 1;
        return lastPacketId;
    }
}
