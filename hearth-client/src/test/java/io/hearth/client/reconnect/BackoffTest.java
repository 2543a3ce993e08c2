package io.hearth.client.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), new Random(42));

    @Test
    void delaysGrowExponentiallyWithJitterBetweenMinAndMax() {
        for (int round = 0; round < 200; round++) {
            assertThat(backoff.delayMillis(0)).isEqualTo(200);
            assertThat(backoff.delayMillis(1)).isBetween(200L, 400L);
            assertThat(backoff.delayMillis(3)).isBetween(800L, 1600L);
            assertThat(backoff.delayMillis(10)).isBetween(5000L, 10_000L);
            assertThat(backoff.delayMillis(1000)).isBetween(5000L, 10_000L);
        }
    }

    @Test
    void jitterSpreadsDelays() {
        long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> backoff.delayMillis(6)).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }
}
