package io.hearth.server.ratelimit;

import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code permits} acquisitions per key in each fixed {@code window} (a {@link WindowLimit} per key, each
 * with its own window). {@link #sweep} forgets the buckets not used for a whole window: such a bucket is full
 * again, so a new one in its place behaves the same, and memory stays proportional to the keys active in the last
 * window. 0 permits means no limit. Any thread; {@link #tryAcquire} does not block.
 */
public final class KeyedLimit {

    private final int permits;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> buckets = new ConcurrentHashMap<>();

    private static final class Entry {
        final Bucket bucket;
        volatile long lastUsed;

        Entry(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    public KeyedLimit(int permits, Duration window, Clock clock) {
        this.permits = permits;
        this.window = window;
        this.clock = clock;
    }

    public boolean tryAcquire(String key) {
        if (permits <= 0) {
            return true;
        }
        Entry e = buckets.computeIfAbsent(key, k -> new Entry(WindowLimit.bucket(permits, window, clock)));
        e.lastUsed = clock.millis();
        return e.bucket.tryConsume(1);
    }

    /** Drops the buckets idle for at least a window; returns how many are left. */
    public int sweep() {
        long cutoff = clock.millis() - window.toMillis();
        buckets.values().removeIf(e -> e.lastUsed <= cutoff);
        return buckets.size();
    }

    /** Runs {@link #sweep} once a window on a daemon thread of its own, until the returned handle is closed. */
    public AutoCloseable sweepEachWindow() {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hearth-ratelimit-sweep");
            t.setDaemon(true);
            return t;
        });
        long ms = window.toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, ms, ms, TimeUnit.MILLISECONDS);
        return sweeper::shutdownNow;
    }

    public int permits() {
        return permits;
    }

    public Duration window() {
        return window;
    }
}
