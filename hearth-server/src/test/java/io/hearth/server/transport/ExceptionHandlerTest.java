package io.hearth.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExceptionHandlerTest {

    @Test
    void closeClosesTheChannelAfterAnUnhandledError() {
        EmbeddedChannel ch = new EmbeddedChannel(failingWith(new IllegalStateException("boom")),
                ExceptionHandler.CLOSE);
        ch.writeInbound("anything");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void handsTheReasonToThePipelinesOwnClose() {
        List<String> reasons = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(failingWith(new IOException("reset by peer")),
                new ExceptionHandler((ctx, reason) -> reasons.add(reason)));
        ch.writeInbound("anything");
        assertThat(reasons).containsExactly("error: reset by peer");
        assertThat(ch.isOpen()).as("closing is the close function's job").isTrue();
    }

    private static ChannelInboundHandlerAdapter failingWith(Exception e) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                throw e;
            }
        };
    }
}
