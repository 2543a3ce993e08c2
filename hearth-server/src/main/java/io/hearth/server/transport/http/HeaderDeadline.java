package io.hearth.server.transport.http;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for the head (request line and headers) of each HTTP request on one connection, as nginx's
 * {@code client_header_timeout}: counted from the accept for the first request and from the first byte of each
 * later one on a keep-alive connection. When it passes, the connection gets {@code 408 Request Timeout} and is
 * closed, and {@code hearth.http.header_timeouts} counts it. An idle keep-alive connection between requests is not
 * timed here (the port's idle timeout closes it), nor is a request's body. After a {@code 101 Switching Protocols}
 * (the WebSocket upgrade) it removes itself. Two handlers around the HTTP codec share this per-connection state:
 * {@link Bytes} before it sees the first byte of a request, {@link Heads} after it sees the decoded head and the
 * end of the response. One instance per connection, used on its event loop only.
 */
public final class HeaderDeadline {

    public static final String BYTES = "headerDeadline";
    public static final String HEADS = "headerDeadlineHeads";

    /** The deadline of a port and the counter of connections it closed. */
    public record Limit(Duration timeout, Counter expired) {
    }

    private static final byte[] TIMEOUT_RESPONSE = ("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private enum State { HEAD, REQUEST, IDLE }

    private final Limit limit;
    private State state = State.HEAD;
    private ScheduledFuture<?> timer;
    private ChannelHandlerContext bytes;

    private HeaderDeadline(Limit limit) {
        this.limit = limit;
    }

    /** Puts the two halves around the HTTP codec already in {@code p} under the name {@code codec}. */
    public static void around(ChannelPipeline p, String codec, Limit limit) {
        HeaderDeadline d = new HeaderDeadline(limit);
        p.addBefore(codec, BYTES, d.new Bytes());
        p.addAfter(codec, HEADS, d.new Heads());
    }

    private void arm(ChannelHandlerContext ctx) {
        cancel();
        timer = ctx.executor().schedule(this::expire, limit.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire() {
        timer = null;
        if (state == State.HEAD && bytes.channel().isActive()) {
            limit.expired().increment();
            bytes.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT_RESPONSE)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Before the codec: starts the clock at the accept and at the first byte after a finished exchange. */
    final class Bytes extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            bytes = ctx;
            arm(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (state == State.IDLE && msg instanceof ByteBuf b && b.isReadable()) {
                state = State.HEAD;
                arm(ctx);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            cancel();
        }
    }

    /** After the codec: stops the clock at the decoded head, and notes the end of each (final) response. */
    final class Heads extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest && state == State.HEAD) {
                cancel();
                state = State.REQUEST;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean informational = msg instanceof HttpResponse r
                    && r.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            boolean upgraded = msg instanceof HttpResponse r
                    && r.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code();
            ctx.write(msg, promise);
            if (upgraded) {
                ctx.pipeline().remove(this);
                ctx.pipeline().remove(bytes.handler());
            } else if (msg instanceof LastHttpContent && !informational && state == State.REQUEST) {
                state = State.IDLE;
            }
        }
    }
}
