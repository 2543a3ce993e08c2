package io.hearth.server.transport;

import io.hearth.server.common.ThrottledLog;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of every pipeline: logs what nobody handled and closes that connection only, the way its pipeline
 * closes connections (the MQTT tail through its disconnector, an HTTP port by closing the channel). Shared; called
 * on the channel's event loop.
 */
@ChannelHandler.Sharable
public final class ExceptionHandler extends ChannelInboundHandlerAdapter {

    /** For pipelines with no per-connection state to close: closes the channel. */
    public static final ExceptionHandler CLOSE = new ExceptionHandler((ctx, reason) -> ctx.close());

    private static final Logger plain = LoggerFactory.getLogger(ExceptionHandler.class);
    private static final ThrottledLog log = new ThrottledLog(plain, 10, TimeUnit.SECONDS);

    private final BiConsumer<ChannelHandlerContext, String> close;

    /** {@code close} closes the connection of {@code ctx}, given the reason ({@code "error: "} and the message). */
    public ExceptionHandler(BiConsumer<ChannelHandlerContext, String> close) {
        this.close = close;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            plain.debug("{} I/O error: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            // a client can provoke these at will (a refused WebSocket frame): at most one full line per kind
            log.warn(cause.getClass().getName(), "{} closed after error", ctx.channel().remoteAddress(), cause);
        }
        close.accept(ctx, "error: " + cause.getMessage());
    }
}
