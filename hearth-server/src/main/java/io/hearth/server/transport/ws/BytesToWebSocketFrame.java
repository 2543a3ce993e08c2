package io.hearth.server.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.List;

/** Wraps each encoded MQTT packet in one binary WebSocket frame. Shared. */
@ChannelHandler.Sharable
final class BytesToWebSocketFrame extends MessageToMessageEncoder<ByteBuf> {

    static final BytesToWebSocketFrame INSTANCE = new BytesToWebSocketFrame();

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        out.add(new BinaryWebSocketFrame(msg.retain()));
    }
}
