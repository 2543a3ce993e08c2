package io.hearth.client.transport;

import io.hearth.protocol.pb.PullMessageRequest;
import io.hearth.protocol.pb.PullMessageResult;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageResult;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Hearth-like MQTT 5 server on real sockets for tests: accepts token "good" (else CONNACK 0x86 with
 * hearth-code 6), grants subscriptions, answers pulls with an empty timeline, session.info with the head and sends with increasing seqs.
 */
final class LoopbackServer implements AutoCloseable {

    final List<String> connects = new CopyOnWriteArrayList<>();
    private final AtomicLong head = new AtomicLong();
    private final Channel tcp;
    private final Channel ws;

    LoopbackServer(EventLoopGroup group) throws InterruptedException {
        tcp = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        mqttTail(ch);
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        ws = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler("/mqtt", "mqtt"),
                                new WebSocketFrameToBytes(), new BytesToWebSocketFrame());
                        mqttTail(ch);
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int tcpPort() {
        return ((java.net.InetSocketAddress) tcp.localAddress()).getPort();
    }

    int wsPort() {
        return ((java.net.InetSocketAddress) ws.localAddress()).getPort();
    }

    private void mqttTail(Channel ch) {
        ch.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, new Session());
    }

    @Override
    public void close() {
        tcp.close().syncUninterruptibly();
        ws.close().syncUninterruptibly();
    }

    private final class Session extends SimpleChannelInboundHandler<MqttMessage> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) throws Exception {
            switch (msg.fixedHeader().messageType()) {
                case CONNECT -> {
                    MqttConnectMessage c = (MqttConnectMessage) msg;
                    connects.add(c.payload().userName() + "/" + c.payload().clientIdentifier() + "/v"
                            + c.variableHeader().version());
                    boolean ok = "good".equals(new String(c.payload().passwordInBytes()));
                    ctx.writeAndFlush(MqttMessageBuilders.connAck()
                            .returnCode(ok ? MqttConnectReturnCode.CONNECTION_ACCEPTED
                                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD)
                            .properties(new MqttMessageBuilders.ConnAckPropertiesBuilder()
                                    .userProperty("hearth-code", ok ? "0" : "6").build())
                            .build());
                }
                case SUBSCRIBE -> ctx.writeAndFlush(MqttMessageBuilders.subAck()
                        .packetId(((MqttSubscribeMessage) msg).variableHeader().messageId())
                        .addGrantedQos(MqttQoS.AT_MOST_ONCE).build());
                case PUBLISH -> answer(ctx, (MqttPublishMessage) msg);
                case PINGREQ -> ctx.writeAndFlush(MqttMessage.PINGRESP);
                default -> { }
            }
        }

        private void answer(ChannelHandlerContext ctx, MqttPublishMessage p) throws Exception {
            MqttProperties in = p.variableHeader().properties();
            String topic = p.variableHeader().topicName();
            Reply reply;
            if (topic.equals("rpc/message.pull")) {
                long since = PullMessageRequest.parseFrom(ByteBufUtil.getBytes(p.content())).getSinceSeq();
                reply = Reply.newBuilder().setPull(PullMessageResult.newBuilder().setCurrent(since)
                        .setHead(Math.max(since, head.get()))).build();
            } else if (topic.equals("rpc/session.info")) {
                reply = Reply.newBuilder().setSession(io.hearth.protocol.pb.SessionInfoResult.newBuilder()
                        .setHead(head.get())).build();
            } else {
                long seq = head.incrementAndGet();
                reply = Reply.newBuilder().setSend(SendMessageResult.newBuilder().setSeq(seq).setMessageUid(100 + seq))
                        .build();
            }
            MqttProperties out = new MqttProperties();
            out.add(in.getProperty(MqttProperties.CORRELATION_DATA));
            ctx.write(MqttMessageBuilders.publish()
                    .topicName((String) in.getProperty(MqttProperties.RESPONSE_TOPIC).value())
                    .qos(MqttQoS.AT_MOST_ONCE).properties(out).payload(Unpooled.wrappedBuffer(reply.toByteArray()))
                    .build());
            ctx.writeAndFlush(MqttMessageBuilders.pubAck().packetId(p.variableHeader().packetId()).build());
        }
    }
}
