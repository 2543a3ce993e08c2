package io.hearth.server.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.server.cluster.Advertised;
import io.hearth.server.cluster.BoundPorts;
import io.hearth.server.cluster.Membership;
import io.hearth.server.cluster.NodeCalls;
import io.hearth.server.cluster.NodeInfo;
import io.hearth.server.common.BlockingExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The change signal between nodes: its future waits for every other node's answer, completes anyway when one
 * fails or stays silent past the bound, and the served side drops the named users from the cache before it
 * answers.
 */
class ClusterInvalidationTest {

    private final Map<Integer, CompletableFuture<byte[]>> answers = new ConcurrentHashMap<>();
    private final Map<String, Function<byte[], CompletableFuture<byte[]>>> served = new ConcurrentHashMap<>();

    private final NodeCalls calls = new NodeCalls() {
        @Override
        public CompletableFuture<byte[]> call(int nodeId, String method, byte[] request, Duration timeout) {
            return answers.computeIfAbsent(nodeId, n -> new CompletableFuture<>());
        }

        @Override
        public void serve(String method, Function<byte[], CompletableFuture<byte[]>> handler) {
            served.put(method, handler);
        }
    };

    @Test
    void theSignalCompletesWhenEveryOtherNodeAnsweredAndNotBefore() {
        ClusterInvalidation signal = new ClusterInvalidation(nodes(1, 2, 3), calls, cache(), Duration.ofSeconds(30));
        CompletableFuture<Void> sent = signal.send(List.of("alice", "bob"));
        assertThat(answers.keySet()).containsExactlyInAnyOrder(2, 3);
        answers.get(2).complete(new byte[0]);
        assertThat(sent).isNotDone();
        answers.get(3).complete(new byte[0]);
        assertThat(sent).isCompleted();
    }

    @Test
    void aFailedOrSilentNodeDoesNotHoldTheSignalPastTheBound() {
        ClusterInvalidation signal = new ClusterInvalidation(nodes(1, 2, 3), calls, cache(), Duration.ofMillis(300));
        long started = System.nanoTime();
        CompletableFuture<Void> sent = signal.send(List.of("alice"));
        answers.get(2).completeExceptionally(new IllegalStateException("node 2 gone"));
        await().atMost(5, TimeUnit.SECONDS).until(sent::isDone);
        assertThat(sent).isCompleted();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(250);
    }

    @Test
    void aSingleNodeHasNobodyToWaitFor() {
        ClusterInvalidation signal = new ClusterInvalidation(nodes(1), calls, cache(), Duration.ofSeconds(30));
        assertThat(signal.send(List.of("alice"))).isCompleted();
        assertThat(answers).isEmpty();
    }

    @Test
    void theServedSideForgetsTheNamedUsersBeforeItAnswers() {
        AtomicInteger loads = new AtomicInteger();
        try (BlockingExecutor blocking = new BlockingExecutor("test-blocking", 1, 10)) {
            RelationCache cache = new RelationCache(u -> {
                loads.incrementAndGet();
                return List.of();
            }, u -> Optional.empty(), blocking, Clock.systemUTC(), 60_000);
            servedSideForgets(cache, loads);
        }
    }

    private void servedSideForgets(RelationCache cache, AtomicInteger loads) {
        new ClusterInvalidation(nodes(1, 2), calls, cache, Duration.ofSeconds(30));
        cache.peer("alice", "bob").join();
        cache.peer("alice", "bob").join();
        assertThat(loads).hasValue(1);

        CompletableFuture<byte[]> answer = served.get(ClusterInvalidation.METHOD)
                .apply("carol\nalice".getBytes(StandardCharsets.UTF_8));
        assertThat(answer).isCompleted();
        cache.peer("alice", "bob").join();
        assertThat(loads).hasValue(2);
    }

    private static RelationCache cache() {
        return new RelationCache(u -> List.of(), u -> Optional.empty(), null, Clock.systemUTC(),
                60_000);
    }

    private static Membership nodes(int self, int... others) {
        List<NodeInfo> live = new ArrayList<>(List.of(new NodeInfo(self, null, null, false)));
        for (int n : others) {
            live.add(new NodeInfo(n, null, null, false));
        }
        return new Membership() {
            @Override
            public int selfId() {
                return self;
            }

            @Override
            public void announce(Advertised advertised, BoundPorts bound) {
            }

            @Override
            public List<NodeInfo> liveNodes() {
                return live;
            }

            @Override
            public void setDraining(boolean draining) {
            }

            @Override
            public void onNodeLeft(IntConsumer listener) {
            }

            @Override
            public void onMembershipChanged(Runnable listener) {
            }
        };
    }
}
