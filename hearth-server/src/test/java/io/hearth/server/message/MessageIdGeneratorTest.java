package io.hearth.server.message;

import io.hearth.server.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageIdGeneratorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

    @Test
    void uidsCarryNodeAndTimeAndAreStrictlyIncreasing() {
        MessageIdGenerator ids = new MessageIdGenerator(clock, 42);
        long previous = 0;
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            assertThat(MessageIdGenerator.nodeOf(id)).isEqualTo(42);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
        assertThat(MessageIdGenerator.millisOf(previous)).isGreaterThanOrEqualTo(clock.millis());
    }

    @Test
    void clockSteppingBackNeverRepeatsAUid() {
        MessageIdGenerator ids = new MessageIdGenerator(clock, 1);
        long a = ids.next();
        clock.now -= 5_000;
        long b = ids.next();
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void differentNodesNeverCollideInTheSameMillisecond() {
        Set<Long> all = new HashSet<>();
        for (int node = 0; node < 128; node++) {
            MessageIdGenerator ids = new MessageIdGenerator(clock, node);
            for (int i = 0; i < 100; i++) {
                assertThat(all.add(ids.next())).isTrue();
            }
        }
    }

    @Test
    void rejectsNodeIdsThatDoNotFitSevenBits() {
        assertThatThrownBy(() -> new MessageIdGenerator(clock, 128)).isInstanceOf(IllegalArgumentException.class);
    }
}
