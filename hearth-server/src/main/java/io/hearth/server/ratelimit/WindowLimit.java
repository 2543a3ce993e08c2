package io.hearth.server.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;

/**
 * At most {@code permits} acquisitions in each fixed {@code window}: one token bucket of that capacity, refilled in
 * full when a window ends. 0 permits means no limit. Lock-free; any thread.
 */
public final class WindowLimit {

    private final Bucket bucket;

    public WindowLimit(int permits, Duration window, Clock clock) {
        this.bucket = permits <= 0 ? null : bucket(permits, window, clock);
    }

    static Bucket bucket(int permits, Duration window, Clock clock) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(permits).refillIntervally(permits, window).build())
                .withCustomTimePrecision(new ClockTime(clock))
                .build();
    }

    /** True when this acquisition is within the limit (and counts against it). */
    public boolean tryAcquire() {
        return bucket == null || bucket.tryConsume(1);
    }
}
