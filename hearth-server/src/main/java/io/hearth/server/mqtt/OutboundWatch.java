package io.hearth.server.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;

/**
 * Follows a connection's channel writability (its queued outbound bytes against {@code mqtt.outbound_buffer_bytes}).
 * While it is over, the node stops reading the connection's requests, so a client that does not read its replies
 * cannot queue more of them; if it stays over for {@code mqtt.slow_consumer_timeout_seconds} it is closed as a slow
 * consumer (without a DISCONNECT: it would only queue behind the rest). When it is under again, reading resumes
 * and {@link PushWriter#resume} tells it what it missed. Shared by every connection; runs on their event loops.
 */
@ChannelHandler.Sharable
final class OutboundWatch extends ChannelInboundHandlerAdapter {

    private final PushWriter pushes;
    private final long timeoutNanos;
    private final SlowConsumers slowConsumers;

    OutboundWatch(PushWriter pushes, int slowConsumerTimeoutSeconds, SlowConsumers slowConsumers) {
        this.pushes = pushes;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(slowConsumerTimeoutSeconds);
        this.slowConsumers = slowConsumers;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        Connection c = Connection.of(ch);
        if (ch.isWritable()) {
            c.markWritable();
            c.updateReading();
            pushes.resume(c);
        } else if (c.unwritableSince() == 0) {
            c.updateReading();
            long mark = c.markUnwritable(System.nanoTime());
            ctx.executor().schedule(() -> checkSlow(c, mark), timeoutNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void checkSlow(Connection c, long mark) {
        Channel ch = c.channel();
        if (ch.isActive() && !ch.isWritable() && c.unwritableSince() == mark) {
            slowConsumers.close(c, "slow consumer: " + SlowConsumers.queued(ch) + " bytes not taken for "
                    + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
        }
    }
}
