package io.hearth.server.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand: set {@link #now} (epoch milliseconds). Volatile, so a node that runs on it sees a
 * step the test thread makes.
 */
public final class ManualClock extends Clock {

    public volatile long now;

    public ManualClock(long now) {
        this.now = now;
    }

    @Override
    public long millis() {
        return now;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(now);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
