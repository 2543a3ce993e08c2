package io.hearth.server.transport.http;

import io.hearth.server.common.ThrottledLog;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Turns an aggregated HTTP request into an {@link HttpCall}, dispatches it through the port's {@link HttpRouter}
 * and writes the result, honouring keep-alive. A request that does not decode gets 400. Runs on the event loop.
 */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(HttpHandler.class), 10,
            TimeUnit.SECONDS);

    private final HttpRouter router;

    HttpHandler(HttpRouter router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (req.decoderResult().isFailure()) {
            write(ctx, HttpResult.json(400, Map.of("code", 2, "msg", "bad request")), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        HttpCall call = new HttpCall(req.method().name(), uri.path(), uri.rawQuery(), req.headers().copy(),
                ByteBufUtil.getBytes(req.content()), ctx.channel().remoteAddress(), ctx.executor());
        router.dispatch(call).whenComplete((result, error) -> {
            HttpResult r = result;
            if (error != null) {
                log.warn(call.path(), "{} {} failed", call.method(), call.path(), error);
                r = HttpResult.json(500, Map.of("code", 4, "msg", "server error"));
            }
            HttpResult out = r;
            ctx.executor().execute(() -> write(ctx, out, keepAlive));
        });
    }

    private void write(ChannelHandlerContext ctx, HttpResult r, boolean keepAlive) {
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        router.responseHeaders().forEach((k, v) -> resp.headers().set(k, v));
        r.headers().forEach((k, v) -> resp.headers().set(k, v));
        if (keepAlive) {
            resp.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
            ctx.writeAndFlush(resp);
        } else {
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
