package io.hearth.server.it;

import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare MQTT peer over TCP or WebSocket built from Netty's MQTT codec: it sends exactly the packets (or bytes, or
 * WebSocket frames) a test gives it and records every packet the server sends and when the connection closes.
 * Used where a real client library would refuse to misbehave or would hide the server's packets.
 */
final class RawMqtt implements AutoCloseable {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2,
            new DefaultThreadFactory("it-raw-mqtt", true), NioIoHandler.newFactory());
    static final Duration WAIT = Duration.ofSeconds(10);

    private final Channel channel;
    private final LinkedBlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile CloseWebSocketFrame closeFrame;
    private int nextPacketId = 1;

    private RawMqtt(Channel channel) {
        this.channel = channel;
        channel.closeFuture().addListener(f -> closed.complete(null));
    }

    /** A TCP connection to the node's MQTT port; nothing is sent yet. */
    static RawMqtt tcp(String host, int port) {
        Holder h = new Holder();
        Channel ch = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        addMqtt(ch.pipeline(), h);
                    }
                }).connect(host, port).syncUninterruptibly().channel();
        h.client = new RawMqtt(ch);
        return h.client;
    }

    /** A WebSocket connection to {@code ws://host:port/mqtt} with subprotocol {@code mqtt}, handshake done. */
    static RawMqtt webSocket(String host, int port) {
        Holder h = new Holder();
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(URI.create("ws://" + host + ":" + port + "/mqtt"))
                .subprotocol("mqtt")
                .handleCloseFrames(false)
                .maxFramePayloadLength(1 << 20)
                .build();
        Channel ch = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new HttpClientCodec());
                        p.addLast(new HttpObjectAggregator(65536));
                        p.addLast(new WebSocketClientProtocolHandler(config) {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                                if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                                    handshake.complete(null);
                                }
                                super.userEventTriggered(ctx, evt);
                            }
                        });
                        p.addLast(new MessageToMessageDecoder<WebSocketFrame>() {
                            @Override
                            protected void decode(ChannelHandlerContext ctx, WebSocketFrame f, List<Object> out) {
                                if (f instanceof CloseWebSocketFrame close) {
                                    h.client.closeFrame = close.retainedDuplicate();
                                    ctx.close();
                                } else if (f instanceof BinaryWebSocketFrame
                                        || f instanceof ContinuationWebSocketFrame) {
                                    out.add(f.content().retain());
                                }
                            }
                        });
                        p.addLast(new MessageToMessageEncoder<ByteBuf>() {
                            @Override
                            protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
                                out.add(new BinaryWebSocketFrame(msg.retain()));
                            }
                        });
                        addMqtt(p, h);
                    }
                }).connect(host, port).syncUninterruptibly().channel();
        h.client = new RawMqtt(ch);
        handshake.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return h.client;
    }

    private static final class Holder {
        volatile RawMqtt client;
    }

    private static void addMqtt(ChannelPipeline p, Holder h) {
        p.addLast(new MqttDecoder(1 << 20));
        p.addLast(MqttEncoder.INSTANCE);
        p.addLast(new SimpleChannelInboundHandler<MqttMessage>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, MqttMessage m) {
                if (m instanceof MqttPublishMessage pub) {
                    // keep a heap copy: the pooled buffer is released when this method returns
                    m = new MqttPublishMessage(pub.fixedHeader(), pub.variableHeader(),
                            Unpooled.wrappedBuffer(ByteBufUtil.getBytes(pub.content())));
                }
                h.client.received.add(m);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        });
    }

    // ---- sending ----

    /** Writes a packet; a write the server cut short shows up as a closed connection, not as an exception. */
    void send(MqttMessage m) {
        channel.writeAndFlush(m).awaitUninterruptibly();
    }

    /** Writes several packets and flushes once, so that the server reads them together. */
    void sendAll(List<? extends MqttMessage> packets) {
        for (MqttMessage m : packets) {
            channel.write(m);
        }
        channel.flush();
    }

    /** Writes raw bytes: on TCP straight into the stream, on WebSocket as one binary frame. */
    void sendBytes(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).awaitUninterruptibly();
    }

    /** Writes one WebSocket frame as is (WebSocket connections only). */
    void sendFrame(WebSocketFrame frame) {
        channel.writeAndFlush(frame).awaitUninterruptibly();
    }

    /** Sends CONNECT (keep alive 60 s) and waits for the CONNACK. */
    MqttConnAckMessage connect(MqttVersion version, String clientId, String userId, String password) {
        return connect(version, clientId, userId, password, 60);
    }

    /** Sends CONNECT with this keep alive and waits for the CONNACK. */
    MqttConnAckMessage connect(MqttVersion version, String clientId, String userId, String password,
                               int keepAliveSeconds) {
        MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect().protocolVersion(version)
                .clientId(clientId).keepAlive(keepAliveSeconds).cleanSession(true);
        if (userId != null) {
            b.hasUser(true).username(userId);
        }
        if (password != null) {
            b.hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
        }
        send(b.build());
        return (MqttConnAckMessage) next(MqttMessageType.CONNACK);
    }

    /** Subscribes and returns the SUBACK reason codes, one per filter. */
    List<Integer> subscribe(String... filters) {
        MqttMessageBuilders.SubscribeBuilder b = MqttMessageBuilders.subscribe().messageId(packetId());
        for (String f : filters) {
            b.addSubscription(MqttQoS.AT_MOST_ONCE, f);
        }
        send(b.build());
        return ((MqttSubAckMessage) next(MqttMessageType.SUBACK)).payload()
                .reasonCodes();
    }

    /** A PUBLISH with the given QoS; returns its packet id (0 for QoS 0). */
    int publish(String topic, byte[] payload, MqttQoS qos, MqttProperties props) {
        MqttPublishMessage m = publishPacket(topic, payload, qos, props);
        send(m);
        return m.variableHeader().packetId();
    }

    /** A PUBLISH packet with a fresh packet id (0 for QoS 0), not sent yet. */
    MqttPublishMessage publishPacket(String topic, byte[] payload, MqttQoS qos, MqttProperties props) {
        int id = qos == MqttQoS.AT_MOST_ONCE ? 0 : packetId();
        return MqttMessageBuilders.publish().topicName(topic).qos(qos).messageId(id)
                .payload(Unpooled.wrappedBuffer(payload)).properties(props).build();
    }

    private synchronized int packetId() {
        return nextPacketId++;
    }

    // ---- receiving ----

    /** The next packet of {@code type}, skipping others; fails when none arrives in time. */
    MqttMessage next(MqttMessageType type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                MqttMessage m = received.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && m.fixedHeader().messageType() == type) {
                    return m;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no " + type + " within " + WAIT + (isClosed() ? " (connection closed)" : ""));
    }

    /** The next PUBLISH on exactly this topic, skipping other packets. */
    MqttPublishMessage nextPublish(String topic) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            MqttPublishMessage p = (MqttPublishMessage) next(MqttMessageType.PUBLISH);
            if (p.variableHeader().topicName().equals(topic)) {
                return p;
            }
        }
        throw new AssertionError("no PUBLISH on " + topic);
    }

    /** Every packet received so far and not yet taken, oldest first. */
    List<MqttMessage> drain() {
        List<MqttMessage> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    /** Stops (false) or resumes (true) reading the socket: a client that does not take what it is sent. */
    void reading(boolean on) {
        channel.config().setAutoRead(on);
    }

    /** Waits until the server has closed the connection. */
    void awaitClosed() {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(WAIT).until(this::isClosed);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** The WebSocket close frame the server sent, or null. */
    CloseWebSocketFrame closeFrame() {
        return closeFrame;
    }

    /** The reason code of a DISCONNECT packet (MQTT 5). */
    static int reasonCode(MqttMessage disconnect) {
        Object vh = disconnect.variableHeader();
        return vh instanceof MqttReasonCodeAndPropertiesVariableHeader r ? r.reasonCode() & 0xff : 0;
    }

    static MqttMessage pingReq() {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }
}
