package io.hearth.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventHookTest {

    record Ping(int n) {
    }

    @Test
    void listenersGetTheirTypeInPublishOrder() {
        try (EventHook hook = new EventHook(new SimpleMeterRegistry(), 100)) {
            List<Object> pings = new CopyOnWriteArrayList<>();
            List<Object> strings = new CopyOnWriteArrayList<>();
            hook.listen("pings", Ping.class, pings::add);
            hook.listen("strings", String.class, strings::add);
            for (int i = 0; i < 50; i++) {
                hook.publish(new Ping(i));
            }
            hook.publish("hello");
            await().atMost(5, TimeUnit.SECONDS).until(() -> pings.size() == 50 && strings.size() == 1);
            assertThat(pings).extracting(p -> ((Ping) p).n()).isSorted();
            assertThat(strings).containsExactly("hello");
        }
    }

    @Test
    void aStuckListenerNeitherBlocksThePublisherNorTheOthersAndItsDropsAreCounted() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CountDownLatch release = new CountDownLatch(1);
        try (EventHook hook = new EventHook(meters, 100)) {
            List<Object> fast = new CopyOnWriteArrayList<>();
            hook.listen("stuck", Ping.class, p -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            hook.listen("fast", Ping.class, fast::add);
            for (int i = 0; i < 50; i++) {
                hook.publish(new Ping(i));
            }
            await().atMost(5, TimeUnit.SECONDS).until(() -> fast.size() == 50);
            for (int i = 50; i < 300; i++) {
                hook.publish(new Ping(i)); // returns although "stuck" holds its thread and its queue is full
            }
            double stuckDropped = meters.counter("hearth.events.dropped", "listener", "stuck").count();
            assertThat(stuckDropped).isEqualTo(300 - 1 - 100); // one running, a hundred queued
            await().atMost(5, TimeUnit.SECONDS).until(() -> fast.size()
                    + meters.counter("hearth.events.dropped", "listener", "fast").count() == 300);
            release.countDown();
        }
    }

    @Test
    void aListenerThatThrowsKeepsGettingEvents() {
        try (EventHook hook = new EventHook(null, 10)) {
            List<Integer> seen = new CopyOnWriteArrayList<>();
            hook.listen("flaky", Ping.class, p -> {
                seen.add(p.n());
                if (p.n() == 0) {
                    throw new IllegalStateException("boom");
                }
            });
            hook.publish(new Ping(0));
            hook.publish(new Ping(1));
            await().atMost(5, TimeUnit.SECONDS).until(() -> seen.size() == 2);
        }
    }
}
