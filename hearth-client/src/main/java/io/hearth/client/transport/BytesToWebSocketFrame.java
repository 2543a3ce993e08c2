package io.hearth.client.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.List;

/**
 * Outbound WebSocket adapter (before the MQTT encoder in write order): every encoded MQTT packet goes out as one
 * binary frame. Runs on the channel's event loop.
 */
final class BytesToWebSocketFrame extends MessageToMessageEncoder<ByteBuf> {

    BytesToWebSocketFrame() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        out.add(new BinaryWebSocketFrame(bytes.retain()));
    }
}
