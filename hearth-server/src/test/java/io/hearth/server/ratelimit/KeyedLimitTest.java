package io.hearth.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyedLimitTest {

    private final ManualClock clock = new ManualClock(1_000_000);

    @Test
    void eachKeyHasItsOwnFixedWindow() {
        KeyedLimit limit = new KeyedLimit(3, Duration.ofSeconds(5), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limit.tryAcquire("a")).as("call %d", i).isTrue();
        }
        assertThat(limit.tryAcquire("a")).isFalse();
        assertThat(limit.tryAcquire("b")).as("another key").isTrue();
        clock.now += 4_999;
        assertThat(limit.tryAcquire("a")).as("still in the window").isFalse();
        clock.now += 1;
        assertThat(limit.tryAcquire("a")).as("next window").isTrue();
    }

    @Test
    void sweepForgetsOnlyBucketsIdleForAWindow() {
        KeyedLimit limit = new KeyedLimit(1, Duration.ofSeconds(5), clock);
        limit.tryAcquire("old");
        clock.now += 3_000;
        limit.tryAcquire("young");
        clock.now += 2_000;
        assertThat(limit.sweep()).isEqualTo(1);
        assertThat(limit.tryAcquire("young")).as("young keeps its spent bucket").isFalse();
        assertThat(limit.tryAcquire("old")).as("old starts afresh").isTrue();
    }

    @Test
    void zeroMeansNoLimit() {
        KeyedLimit keyed = new KeyedLimit(0, Duration.ofSeconds(5), clock);
        WindowLimit global = new WindowLimit(0, Duration.ofSeconds(10), clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(keyed.tryAcquire("k")).isTrue();
            assertThat(global.tryAcquire()).isTrue();
        }
        assertThat(keyed.sweep()).isZero();
    }

    @Test
    void globalLimitRefillsAtTheEndOfItsWindow() {
        WindowLimit limit = new WindowLimit(2, Duration.ofSeconds(10), clock);
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
        clock.now += 10_000;
        assertThat(limit.tryAcquire()).isTrue();
    }
}
