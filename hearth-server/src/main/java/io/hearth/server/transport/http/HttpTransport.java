package io.hearth.server.transport.http;

import io.hearth.server.transport.ExceptionHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.function.Consumer;

/**
 * An HTTP/1.1 port: codec, a deadline for each request's head ({@link HeaderDeadline}), 1 MiB aggregation, an idle
 * timeout, and the router of that port.
 */
public final class HttpTransport {

    private static final int MAX_BODY = 1024 * 1024;
    private static final int IDLE_SECONDS = 60;

    private HttpTransport() {
    }

    public static Consumer<SocketChannel> initializer(HttpRouter router, HeaderDeadline.Limit headers) {
        return ch -> {
            ChannelPipeline p = ch.pipeline();
            p.addLast("readTimeout", new ReadTimeoutHandler(IDLE_SECONDS));
            p.addLast("httpCodec", new HttpServerCodec());
            HeaderDeadline.around(p, "httpCodec", headers);
            p.addLast("httpKeepAlive", new HttpServerKeepAliveHandler());
            p.addLast("httpAggregator", new HttpObjectAggregator(MAX_BODY));
            p.addLast("http", new HttpHandler(router));
            p.addLast("exceptions", ExceptionHandler.CLOSE);
        };
    }
}
