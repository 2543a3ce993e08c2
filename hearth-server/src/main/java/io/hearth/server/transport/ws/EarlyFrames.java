package io.hearth.server.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;

/**
 * Sends bytes that arrived in the same read as the upgrade request through the WebSocket frame decoder. Sits right
 * after the HTTP codec. When the handshake removes that codec, the codec passes on what it had buffered beyond the
 * request as a raw {@link ByteBuf} to the next handler, that is, past the frame decoder the handshake put in front
 * of it: without this handler those bytes would reach the MQTT decoder unframed (unmasked, any length) or sit there
 * until the CONNECT timer. Here they enter the frame decoder like any later read, so its checks (masking, length
 * limit, RFC 6455 close codes) apply from the first byte. Runs on the connection's event loop.
 */
final class EarlyFrames extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        // the frame encoder is the handler just before the frame decoder: firing from it reaches the decoder
        ChannelHandlerContext beforeDecoder = ctx.pipeline().context(WebSocketFrameEncoder.class);
        if (beforeDecoder == null) {
            bytes.release(); // raw bytes without a handshake behind them: not a WebSocket
            ctx.close();
            return;
        }
        beforeDecoder.fireChannelRead(bytes);
    }
}
