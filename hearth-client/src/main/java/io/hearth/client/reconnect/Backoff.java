package io.hearth.client.reconnect;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": before retry {@code n} (0-based) the ceiling is {@code min * 2^n} capped
 * at {@code max}, and the delay is half the ceiling plus a random part of the other half, never below {@code min}.
 * Spreads the reconnects of many clients that lost the same server. Stateless; the caller counts failures. Thread-safe
 * if the random generator is.
 */
public final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    public Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.random = random;
    }

    /** The delay in milliseconds before retry number {@code failures} (0 for the first retry). */
    public long delayMillis(int failures) {
        int shift = Math.min(Math.max(failures, 0), 30);
        long ceiling = minMillis << shift;
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        }
        long half = ceiling / 2;
        long delay = half + random.nextLong(ceiling - half + 1);
        return Math.max(minMillis, delay);
    }
}
