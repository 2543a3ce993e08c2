package io.hearth.server.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** One bound server socket. {@link #bind} fails with a message that names the port and what it is for. */
public final class Listener implements AutoCloseable {

    private final String name;
    private final Channel channel;

    private Listener(String name, Channel channel) {
        this.name = name;
        this.channel = channel;
    }

    public static Listener bind(String name, String host, int port, EventLoopGroup boss, EventLoopGroup workers,
                                Consumer<SocketChannel> init) {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        init.accept(ch);
                    }
                });
        try {
            return new Listener(name, b.bind(host, port).sync().channel());
        } catch (Exception e) {
            String why = e instanceof BindException || e.getCause() instanceof BindException
                    ? "already in use or not permitted" : e.getMessage();
            throw new BindFailedException("cannot bind " + name + " on " + host + ":" + port + ": " + why);
        }
    }

    /** The actually bound port (differs from the configured one when that was 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** A listener could not be bound. */
    public static final class BindFailedException extends RuntimeException {
        public BindFailedException(String message) {
            super(message, null, false, false);
        }
    }

}
