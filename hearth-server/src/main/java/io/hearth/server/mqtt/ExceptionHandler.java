package io.hearth.server.mqtt;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Last handler of every pipeline: logs what nobody handled and closes that connection only. Shared. */
@ChannelHandler.Sharable
public final class ExceptionHandler extends ChannelInboundHandlerAdapter {

    public static final ExceptionHandler INSTANCE = new ExceptionHandler();
    private static final Logger log = LoggerFactory.getLogger(ExceptionHandler.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("{} I/O error: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            log.warn("{} closed after error", ctx.channel().remoteAddress(), cause);
        }
        Connection c = ctx.channel().attr(Connection.KEY).get();
        if (c != null) {
            Disconnector.close(c, "error: " + cause.getMessage());
        } else {
            ctx.close();
        }
    }
}
