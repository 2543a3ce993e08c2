package io.hearth.server.transport;

import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Puts TLS in front of any transport: HTTPS is {@code TlsFirst.wrap(ctx, HttpTransport...)}, WSS and MQTT/TLS the
 * same. A handshake that does not finish within 10 s closes the connection.
 */
public final class TlsFirst {

    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private TlsFirst() {
    }

    /** {@code context} is asked for each new connection, so a renewed certificate applies from the next one. */
    public static Consumer<SocketChannel> wrap(Supplier<SslContext> context, Consumer<SocketChannel> inner) {
        return ch -> {
            SslHandler tls = context.get().newHandler(ch.alloc());
            tls.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
            ch.pipeline().addLast("tls", tls);
            inner.accept(ch);
        };
    }
}
