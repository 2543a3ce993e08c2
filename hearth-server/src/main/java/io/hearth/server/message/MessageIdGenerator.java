package io.hearth.server.message;

import java.time.Clock;

/**
 * Cluster-unique message uids that are JavaScript safe integers: every uid is at most 2^53 − 1
 * ({@code Number.MAX_SAFE_INTEGER}), so a JSON client that parses numbers as doubles keeps it exact.
 *
 * <p>Layout of the 53 bits, high to low: 37 bits of 10 ms ticks since 2026-01-01 UTC, 7 bits of {@code node_id}
 * (0..127), 9 bits of counter. The tick field lasts 2^37 × 10 ms ≈ 43.5 years, until 2069-07-21; after that
 * {@link #next} throws instead of leaving the safe range. One node issues up to 512 uids per tick, 51,200 per second
 * sustained. A burst above that borrows from the next ticks (the time part runs ahead of the clock and falls back to
 * it once the rate drops), so uids of one node are strictly increasing at any rate and also when the clock steps
 * back. Two nodes never collide as their node bits differ. A node restarting while its time part is still ahead of
 * the clock (after sustaining more than 51,200 uids/s, or after the clock stepped back) starts above the largest
 * stored uid ({@code after}), so it does not repeat a uid it stored before the restart.
 *
 * <p>Uids of the earlier layout (42 bits of ms since 2024-01-01, 7 node bits, 14 counter bits) stay valid: they are
 * above 2^53 − 1 from 2024-02-19 on, so {@link #nodeOf} and {@link #millisOf} tell the layouts apart by size. A uid
 * carries no order anyone relies on: messages are ordered by timeline seq and server time. Thread-safe.
 */
public final class MessageIdGenerator {

    /** The largest uid issued: {@code Number.MAX_SAFE_INTEGER}. */
    public static final long MAX_UID = (1L << 53) - 1;
    /** 2026-01-01T00:00:00Z in epoch ms: tick 0. */
    static final long EPOCH = 1767225600000L;
    static final long TICK_MILLIS = 10;
    private static final int NODE_BITS = 7;
    private static final int COUNTER_BITS = 9;
    private static final long MAX_COUNTER = (1L << COUNTER_BITS) - 1;
    private static final long MAX_TICK = (1L << (53 - NODE_BITS - COUNTER_BITS)) - 1;

    private static final long LEGACY_EPOCH = 1704067200000L;
    private static final int LEGACY_COUNTER_BITS = 14;

    private final Clock clock;
    private final long node;
    private long lastTick;
    private long counter;

    public MessageIdGenerator(Clock clock, int nodeId) {
        this(clock, nodeId, 0);
    }

    /**
     * A generator whose uids are all greater than {@code after} (the largest uid stored, of any node; uids above
     * {@link #MAX_UID} are of the earlier layout and ignored), whatever the clock says.
     */
    public MessageIdGenerator(Clock clock, int nodeId, long after) {
        if (nodeId < 0 || nodeId >= (1 << NODE_BITS)) {
            throw new IllegalArgumentException("node_id must be 0..127, was " + nodeId);
        }
        this.clock = clock;
        this.node = nodeId;
        if (after > 0 && after <= MAX_UID) {
            lastTick = after >>> (NODE_BITS + COUNTER_BITS);
            counter = MAX_COUNTER; // the next uid takes the following tick
        }
    }

    /** The next uid of this node: greater than every uid it issued before, at least 1, at most {@link #MAX_UID}. */
    public synchronized long next() {
        long now = Math.max(0, Math.floorDiv(clock.millis() - EPOCH, TICK_MILLIS));
        if (now > lastTick) {
            lastTick = now;
            counter = 0;
        } else if (++counter > MAX_COUNTER) {
            lastTick++;
            counter = 0;
        }
        if (lastTick > MAX_TICK) {
            lastTick = MAX_TICK;
            counter = MAX_COUNTER;
            throw new IllegalStateException("message uid time bits exhausted (they last until 2069-07-21)");
        }
        return (lastTick << (NODE_BITS + COUNTER_BITS)) | (node << COUNTER_BITS) | counter;
    }

    /** The node that generated a uid, of either layout. */
    public static int nodeOf(long uid) {
        int counterBits = uid > MAX_UID ? LEGACY_COUNTER_BITS : COUNTER_BITS;
        return (int) ((uid >>> counterBits) & ((1 << NODE_BITS) - 1));
    }

    /**
     * The approximate creation time of a uid of either layout, epoch ms; a uid issued during a burst above the
     * node's rate reads later than it was made.
     */
    public static long millisOf(long uid) {
        if (uid > MAX_UID) {
            return (uid >>> (NODE_BITS + LEGACY_COUNTER_BITS)) + LEGACY_EPOCH;
        }
        return (uid >>> (NODE_BITS + COUNTER_BITS)) * TICK_MILLIS + EPOCH;
    }
}
