package io.hearth.server.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import io.netty.handler.codec.mqtt.MqttReasonCodes.SubAck;
import io.netty.handler.codec.mqtt.MqttReasonCodes.UnsubAck;

/**
 * Packets of a logged-in connection, after the connect gate: SUBSCRIBE and UNSUBSCRIBE (inside the user's
 * namespace only), PUBLISH (handed to the {@link RpcDispatcher}), PINGREQ and DISCONNECT. Runs on the event loop.
 */
final class SessionHandler extends SimpleChannelInboundHandler<MqttMessage> {

    /** MQTT 3.1.1 has one SUBACK failure code, 0x80, the value MQTT 5 calls Unspecified error. */
    private static final SubAck SUBACK_FAILURE_V3 = SubAck.UNSPECIFIED_ERROR;

    private final RpcDispatcher rpc;

    SessionHandler(RpcDispatcher rpc) {
        this.rpc = rpc;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
        Connection c = Connection.of(ctx.channel());
        switch (msg.fixedHeader().messageType()) {
            case PUBLISH -> publish(c, (MqttPublishMessage) msg);
            case SUBSCRIBE -> subscribe(ctx, c, (MqttSubscribeMessage) msg);
            case UNSUBSCRIBE -> unsubscribe(ctx, c, (MqttUnsubscribeMessage) msg);
            case PINGREQ -> ctx.writeAndFlush(MqttReplies.PINGRESP);
            case DISCONNECT -> {
                Disconnector.EVENTS.info("client disconnect {}", c);
                c.closing();
                ctx.close();
            }
            case PUBACK, PUBREC, PUBREL, PUBCOMP, AUTH -> { }
            default -> Disconnector.disconnect(c, Disconnect.PROTOCOL_ERROR,
                    "unexpected " + msg.fixedHeader().messageType());
        }
    }

    private void publish(Connection c, MqttPublishMessage msg) {
        if (msg.fixedHeader().qosLevel() == MqttQoS.EXACTLY_ONCE) {
            Disconnector.disconnect(c, Disconnect.QOS_NOT_SUPPORTED, "QoS 2 is not supported");
            return;
        }
        rpc.onPublish(c, msg);
    }

    private static void subscribe(ChannelHandlerContext ctx, Connection c, MqttSubscribeMessage msg) {
        var subs = msg.payload().topicSubscriptions();
        SubAck[] codes = new SubAck[subs.size()];
        int refusedOverLimit = 0;
        for (int i = 0; i < subs.size(); i++) {
            MqttTopicSubscription s = subs.get(i);
            if (!TopicAcl.maySubscribe(c.userId(), s.topicName())) {
                Disconnector.EVENTS.info("refuse subscription {} to {}", c, s.topicName());
                codes[i] = c.isMqtt5() ? SubAck.NOT_AUTHORIZED : SUBACK_FAILURE_V3;
            } else if (c.subscriptions().add(s.topicName()) == Subscriptions.Added.GRANTED) {
                codes[i] = SubAck.GRANTED_QOS_0;
            } else {
                if (refusedOverLimit++ == 0) {
                    Disconnector.EVENTS.info("refuse subscriptions of {} over the limit of {} filters", c,
                            c.subscriptions().size());
                }
                codes[i] = c.isMqtt5() ? SubAck.QUOTA_EXCEEDED : SUBACK_FAILURE_V3;
            }
        }
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0);
        var vh = new MqttMessageIdAndPropertiesVariableHeader(msg.variableHeader().messageId(),
                MqttProperties.NO_PROPERTIES);
        ctx.writeAndFlush(new MqttSubAckMessage(header, vh, new MqttSubAckPayload(codes)));
    }

    private static void unsubscribe(ChannelHandlerContext ctx, Connection c, MqttUnsubscribeMessage msg) {
        var builder = MqttMessageBuilders.unsubAck().packetId(msg.variableHeader().messageId());
        for (boolean held : c.subscriptions().removeAll(msg.payload().topics())) {
            builder.addReasonCode((held ? UnsubAck.SUCCESS : UnsubAck.NO_SUBSCRIPTION_EXISTED).byteValue());
        }
        ctx.writeAndFlush(builder.build());
    }
}
