package io.hearth.client.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * Inbound WebSocket adapter (after the handshake handler, before the MQTT decoder): binary and continuation frames
 * become plain bytes for the MQTT decoder, which reassembles packets that span frames. A text frame is a protocol
 * error. Runs on the channel's event loop.
 */
final class WebSocketFrameToBytes extends MessageToMessageDecoder<WebSocketFrame> {

    WebSocketFrameToBytes() {
        super(WebSocketFrame.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
        } else {
            throw new CorruptedFrameException("MQTT over WebSocket needs binary frames, got " + frame.getClass().getSimpleName());
        }
    }
}
