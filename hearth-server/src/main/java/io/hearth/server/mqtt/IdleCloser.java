package io.hearth.server.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection whose {@code IdleStateHandler} fired: before login that is the CONNECT timeout, after it
 * 1.5 × the client's keep alive without any packet. Shared by all channels.
 */
@io.netty.channel.ChannelHandler.Sharable
final class IdleCloser extends ChannelInboundHandlerAdapter {

    static final IdleCloser INSTANCE = new IdleCloser();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            Connection c = Connection.of(ctx.channel());
            if (c.state() == Connection.State.CONNECTING) {
                Disconnector.close(c, "no CONNECT in time");
            } else {
                Disconnector.disconnect(c, Disconnect.KEEP_ALIVE_TIMEOUT, "keep alive timeout");
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
