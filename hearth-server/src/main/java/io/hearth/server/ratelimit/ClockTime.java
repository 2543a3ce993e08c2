package io.hearth.server.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;

/** Bucket4j's time source read from the node's {@link Clock}, so tests can move it by hand. Any thread. */
record ClockTime(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        return clock.millis() * 1_000_000L;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
