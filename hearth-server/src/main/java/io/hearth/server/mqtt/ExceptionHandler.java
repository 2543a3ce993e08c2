package io.hearth.server.mqtt;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.hearth.server.common.ThrottledLog;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Last handler of every pipeline: logs what nobody handled and closes that connection only. Shared. */
@ChannelHandler.Sharable
public final class ExceptionHandler extends ChannelInboundHandlerAdapter {

    public static final ExceptionHandler INSTANCE = new ExceptionHandler();
    private static final Logger plain = LoggerFactory.getLogger(ExceptionHandler.class);
    private static final ThrottledLog log = new ThrottledLog(plain, 10, TimeUnit.SECONDS);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            plain.debug("{} I/O error: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            // a client can provoke these at will (a refused WebSocket frame): at most one full line per kind
            log.warn(cause.getClass().getName(), "{} closed after error", ctx.channel().remoteAddress(), cause);
        }
        Connection c = ctx.channel().attr(Connection.KEY).get();
        if (c != null) {
            Disconnector.close(c, "error: " + cause.getMessage());
        } else {
            ctx.close();
        }
    }
}
