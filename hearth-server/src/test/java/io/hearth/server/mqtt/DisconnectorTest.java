package io.hearth.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.transport.ExceptionHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class DisconnectorTest {

    @Test
    void anErrorClosesAConnectionThroughTheDisconnector() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Connection c = Connection.of(ch);
        ch.pipeline().addLast(new Failing(), new ExceptionHandler(Disconnector::closeAfterError));
        ch.writeInbound("anything");
        assertThat(c.state()).isEqualTo(Connection.State.CLOSING);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void anErrorOnAChannelWithoutConnectionClosesTheChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(new Failing(), new ExceptionHandler(Disconnector::closeAfterError));
        ch.writeInbound("anything");
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.attr(Connection.KEY).get()).isNull();
    }

    private static final class Failing extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            throw new IllegalStateException("boom");
        }
    }
}
