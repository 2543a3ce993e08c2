package io.hearth.client.transport;

import io.hearth.client.ClientConfig;
import io.hearth.client.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.CompletableFuture;

/**
 * Opens NIO socket channels registered on the client's one event loop, so the channel's handlers and the client's
 * state share one thread. Thread-safe; the future completes on the event loop.
 */
public final class NettyChannelOpener implements ChannelOpener {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final EventLoop loop;
    private final ClientConfig config;
    private SslContext nettyTls;

    public NettyChannelOpener(EventLoop loop, ClientConfig config) {
        this.loop = loop;
        this.config = config;
    }

    /** The Netty view of the configured TLS context, made once (the SSLContext holds the trust). */
    private synchronized SslContext tls() {
        if (nettyTls == null) {
            if (config.tls() == null) {
                throw new IllegalStateException("a secure endpoint without a TLS context");
            }
            nettyTls = new JdkSslContext(config.tls(), true, ClientAuth.NONE);
        }
        return nettyTls;
    }

    @Override
    public CompletableFuture<Channel> open(Endpoint endpoint, ChannelHandler mqttHandler) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (endpoint.secure()) {
                            ClientPipeline.addTls(ch.pipeline(), tls(), endpoint.host(), endpoint.port());
                        }
                        if (endpoint.transport() == Transport.WEBSOCKET) {
                            ClientPipeline.addWebSocketPrefix(ch.pipeline(), endpoint.webSocketUri(),
                                    config.maxPacketBytes());
                        }
                        ClientPipeline.addMqttTail(ch.pipeline(), config, mqttHandler);
                    }
                });
        CompletableFuture<Channel> opened = new CompletableFuture<>();
        bootstrap.connect(endpoint.host(), endpoint.port()).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                opened.complete(f.channel());
            } else {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }
}
