package io.hearth.client.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

class WebSocketAdaptersTest {

    @Test
    void binaryAndContinuationFramesBecomeBytes() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFrameToBytes());
        ch.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {1, 2})));
        ch.writeInbound(new ContinuationWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {3})));
        ByteBuf first = ch.readInbound();
        ByteBuf second = ch.readInbound();
        assertThat(first.readableBytes()).isEqualTo(2);
        assertThat(second.getByte(0)).isEqualTo((byte) 3);
        first.release();
        second.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void textFrameClosesWithAnError() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFrameToBytes());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ch.writeInbound(new TextWebSocketFrame("x")))
                .hasMessageContaining("binary frames");
        ch.finishAndReleaseAll();
    }

    @Test
    void bytesGoOutAsBinaryFrames() {
        EmbeddedChannel ch = new EmbeddedChannel(new BytesToWebSocketFrame());
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[] {0x10, 0x00}));
        BinaryWebSocketFrame frame = ch.readOutbound();
        assertThat(frame.content().readableBytes()).isEqualTo(2);
        frame.release();
        ch.finishAndReleaseAll();
    }
}
