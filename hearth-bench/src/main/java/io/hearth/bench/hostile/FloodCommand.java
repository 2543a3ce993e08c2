package io.hearth.bench.hostile;

import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The connection flood's worker, run as a child process by {@link ConnectionFlood} so that its sockets count
 * against a descriptor limit of their own: opens TCP connections to the node that never send a byte, as fast as
 * {@code --pending} connects in flight allow, up to {@code --count} (or this process's descriptor limit less a
 * margin), from the source addresses given, and reopens every one the node closes. Prints
 * {@code flood open=… pending=… opened=… failed=… closed=… limit=…} every second; exits when its standard input
 * closes (the parent is gone) or after {@code --seconds}.
 */
@Command(name = "flood", hidden = true, description = "Connection-flood worker of 'hostile' (child process).")
public final class FloodCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1") String host;
    @Option(names = "--port", required = true) int port;
    @Option(names = "--count", defaultValue = "1000000") int count;
    @Option(names = "--sources", split = ",", defaultValue = "127.0.77.1,127.0.77.2") List<String> sources;
    @Option(names = "--pending", defaultValue = "256") int pending;
    @Option(names = "--seconds", defaultValue = "3600") int seconds;

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger connecting = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();
    private final AtomicLong next = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        var os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int limit = (int) Math.min(count, os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 100);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new Idle());
        Thread watchStdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent keeps the pipe open while it wants the flood
                }
            } catch (java.io.IOException ignored) {
                // parent gone
            }
            System.exit(0);
        }, "stdin-watch");
        watchStdin.setDaemon(true);
        watchStdin.start();
        group.scheduleAtFixedRate(() -> fill(b, limit), 0, 10, TimeUnit.MILLISECONDS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            System.out.printf("flood open=%d pending=%d opened=%d failed=%d closed=%d limit=%d%n", open.get(),
                    connecting.get(), opened.get(), failed.get(), closed.get(), limit);
            System.out.flush();
            Thread.sleep(1000);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        return 0;
    }

    /** Starts connects until {@code limit} are open or connecting, at most {@code pending} connecting. */
    private void fill(Bootstrap b, int limit) {
        while (open.get() + connecting.get() < limit && connecting.get() < pending) {
            connecting.incrementAndGet();
            String source = sources.get((int) (next.getAndIncrement() % sources.size()));
            b.connect(new InetSocketAddress(host, port), new InetSocketAddress(source, 0)).addListener(f -> {
                connecting.decrementAndGet();
                if (f.isSuccess()) {
                    open.incrementAndGet();
                    opened.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            });
        }
    }

    /** Reads and drops whatever the node sends; counts the close. */
    private final class Idle extends ChannelInboundHandlerAdapter {
        @Override
        public boolean isSharable() {
            return true;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open.decrementAndGet();
            closed.incrementAndGet();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
