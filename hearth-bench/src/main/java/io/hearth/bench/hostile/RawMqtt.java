package io.hearth.bench.hostile;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bare MQTT 5 connection for the attackers, below the SDK: CONNECT with a user's token, SUBSCRIBE with any number
 * of filters per packet, PINGREQ by hand, and a switch that stops reading the socket (the slow consumer). Counts the
 * PUBLISH packets and bytes it reads. Netty does the I/O on the given group; the methods may be called from any
 * thread.
 */
final class RawMqtt {

    private final Channel channel;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final Map<Integer, CompletableFuture<List<Integer>>> subAcks = new ConcurrentHashMap<>();
    private final AtomicInteger packetIds = new AtomicInteger();
    final LongAdder publishes = new LongAdder();
    final LongAdder publishBytes = new LongAdder();

    private RawMqtt(EventLoopGroup group, String host, int port, int receiveBuffer) {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttDecoder(1 << 20), MqttEncoder.INSTANCE, new Handler());
                    }
                });
        if (receiveBuffer > 0) {
            b.option(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
        this.channel = b.connect(host, port).syncUninterruptibly().channel();
    }

    /** Connects and logs in as {@code user}; completes on CONNACK. */
    static RawMqtt login(EventLoopGroup group, String host, int port, String user, String clientId, String token,
                         int receiveBuffer, int keepAliveSeconds) throws Exception {
        RawMqtt m = new RawMqtt(group, host, port, receiveBuffer);
        m.channel.writeAndFlush(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5)
                .clientId(clientId).cleanSession(true).keepAlive(keepAliveSeconds)
                .hasUser(true).username(user).hasPassword(true).password(token.getBytes(StandardCharsets.UTF_8))
                .build());
        m.connected.get(10, java.util.concurrent.TimeUnit.SECONDS);
        return m;
    }

    /** One SUBSCRIBE packet with all these filters at QoS 0; completes with the SUBACK reason codes. */
    CompletableFuture<List<Integer>> subscribe(List<String> filters) {
        int id = packetIds.incrementAndGet() % 65535 + 1;
        CompletableFuture<List<Integer>> ack = new CompletableFuture<>();
        subAcks.put(id, ack);
        MqttMessageBuilders.SubscribeBuilder sub = MqttMessageBuilders.subscribe().messageId(id);
        for (String f : filters) {
            sub.addSubscription(MqttQoS.AT_MOST_ONCE, f);
        }
        channel.writeAndFlush(sub.build()).addListener(f -> {
            if (!f.isSuccess()) {
                ack.completeExceptionally(f.cause());
            }
        });
        return ack;
    }

    void ping() {
        channel.writeAndFlush(MqttMessage.PINGREQ);
    }

    /** Never reads the socket again: the kernel buffers fill and the server's writes to us queue up. */
    void stopReading() {
        channel.config().setAutoRead(false);
    }

    boolean isOpen() {
        return channel.isActive();
    }

    void close() {
        channel.close();
    }

    private final class Handler extends SimpleChannelInboundHandler<MqttMessage> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            MqttMessageType type = msg.fixedHeader().messageType();
            if (type == MqttMessageType.CONNACK) {
                MqttConnectReturnCode code = ((MqttConnAckMessage) msg).variableHeader().connectReturnCode();
                if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                    connected.complete(null);
                } else {
                    connected.completeExceptionally(new IOException("CONNACK " + code));
                }
            } else if (type == MqttMessageType.SUBACK) {
                MqttSubAckMessage ack = (MqttSubAckMessage) msg;
                CompletableFuture<List<Integer>> f = subAcks.remove(ack.variableHeader().messageId());
                if (f != null) {
                    f.complete(ack.payload().reasonCodes());
                }
            } else if (type == MqttMessageType.PUBLISH) {
                publishes.increment();
                publishBytes.add(msg.fixedHeader().remainingLength());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IOException closed = new IOException("connection closed");
            connected.completeExceptionally(closed);
            subAcks.values().forEach(f -> f.completeExceptionally(closed));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
