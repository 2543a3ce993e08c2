package io.hearth.server.message;

import java.time.Clock;

/**
 * Cluster-unique 64-bit message uids: 42 bits of milliseconds since 2024-01-01 UTC, 7 bits of {@code node_id},
 * 14 bits of counter. Uids of one node are strictly increasing even if the clock steps back or more than 16,384
 * uids are asked for in one millisecond (the time part then runs ahead of the clock). Thread-safe.
 */
public final class MessageIdGenerator {

    static final long EPOCH = 1704067200000L;
    private static final int NODE_BITS = 7;
    private static final int COUNTER_BITS = 14;
    private static final long MAX_COUNTER = (1L << COUNTER_BITS) - 1;

    private final Clock clock;
    private final long node;
    private long lastMillis;
    private long counter;

    public MessageIdGenerator(Clock clock, int nodeId) {
        if (nodeId < 0 || nodeId >= (1 << NODE_BITS)) {
            throw new IllegalArgumentException("node_id must be 0..127, was " + nodeId);
        }
        this.clock = clock;
        this.node = nodeId;
    }

    public synchronized long next() {
        long now = clock.millis() - EPOCH;
        if (now > lastMillis) {
            lastMillis = now;
            counter = 0;
        } else if (++counter > MAX_COUNTER) {
            lastMillis++;
            counter = 0;
        }
        return (lastMillis << (NODE_BITS + COUNTER_BITS)) | (node << COUNTER_BITS) | counter;
    }

    /** The node that generated a uid. */
    public static int nodeOf(long uid) {
        return (int) ((uid >>> COUNTER_BITS) & ((1 << NODE_BITS) - 1));
    }

    /** The (approximate) creation time of a uid, epoch ms. */
    public static long millisOf(long uid) {
        return (uid >>> (NODE_BITS + COUNTER_BITS)) + EPOCH;
    }
}
