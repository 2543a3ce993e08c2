package io.hearth.server.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * Closes connections that do not take what they are sent, and counts them. Two rules: a connection that stays
 * over {@code mqtt.outbound_buffer_bytes} for {@code mqtt.slow_consumer_timeout_seconds} ({@link OutboundWatch}),
 * and one with more than {@link #HARD_FACTOR} times that queued when a reply is due (it pipelined requests it does
 * not read the answers of: replies cannot be withheld like pushes, so the connection goes). Either way one
 * connection can hold at most a few times its limit of the node's memory. No DISCONNECT is sent: it would only
 * queue behind the rest. Any thread.
 */
final class SlowConsumers {

    /** Queued bytes, as a multiple of {@code mqtt.outbound_buffer_bytes}, at which a reply closes the connection. */
    static final int HARD_FACTOR = 4;

    private final long hardLimit;
    private final Counter closed;

    SlowConsumers(int outboundBytes, MeterRegistry meters) {
        this.hardLimit = (long) outboundBytes * HARD_FACTOR;
        this.closed = Counter.builder("hearth.connections.slow_consumer")
                .description("connections closed because they did not take what they were sent").register(meters);
    }

    /** Bytes waiting for the connection's socket (0 once it is closed). */
    static long queued(Channel ch) {
        ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    /** Whether a reply may be written: false (and the connection is closed) when far over its limit. */
    boolean mayReply(Connection c) {
        Channel ch = c.channel();
        if (ch.isWritable()) {
            return true;
        }
        long queued = queued(ch);
        if (queued <= hardLimit) {
            return true;
        }
        close(c, "slow consumer: " + queued + " bytes not taken and more replies due");
        return false;
    }

    void close(Connection c, String reason) {
        if (c.channel().isActive()) {
            closed.increment();
            Disconnector.close(c, reason);
        }
    }
}
