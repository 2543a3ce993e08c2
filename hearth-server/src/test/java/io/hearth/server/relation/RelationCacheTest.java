package io.hearth.server.relation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.testing.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The send checks' cache with a clock the test moves and reads it can hold up: a read in progress when its user is
 * invalidated is not kept, an invalidation of another user does not discard it, entries are read again after the
 * TTL, and a full cache drops its least recently used users instead of everything.
 */
class RelationCacheTest {

    private static final long TTL = 30_000;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final BlockingExecutor blocking = new BlockingExecutor("test-blocking", 2, 100);
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    /** Users whose next read waits for {@link #release}. */
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();
    private volatile boolean blacked;
    private CountDownLatch gateToRelease;

    @AfterEach
    void stop() {
        held.values().forEach(CountDownLatch::countDown);
        blocking.close();
    }

    private RelationCache cache(int limit) {
        return new RelationCache(this::rows, u -> Optional.empty(), blocking, clock, TTL, limit);
    }

    /** The user's rows as they are now; a held read returns them only after its release. */
    private List<Friend> rows(String user) {
        reads.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
        List<Friend> rows = List.of(new Friend(user, "mallory", Friend.NOT_FRIEND, blacked, null, null, 1, 0, 0));
        Optional.ofNullable(started.get(user)).ifPresent(CountDownLatch::countDown);
        CountDownLatch gate = held.remove(user);
        if (gate != null) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rows;
    }

    /** Starts a read of {@code user}'s relations that waits until the returned latch is counted down. */
    private CompletableFuture<RelationCache.Peer> heldRead(RelationCache cache, String user) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch begun = new CountDownLatch(1);
        held.put(user, gate);
        started.put(user, begun);
        CompletableFuture<RelationCache.Peer> read = cache.peer(user, "mallory");
        assertThat(begun.await(5, TimeUnit.SECONDS)).isTrue();
        started.remove(user);
        gateToRelease = gate;
        return read;
    }

    private void release() {
        gateToRelease.countDown();
    }

    private int readsOf(String user) {
        return reads.getOrDefault(user, new AtomicInteger()).get();
    }

    private static RelationCache.Peer join(CompletableFuture<RelationCache.Peer> f) {
        return f.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aReadInProgressWhenItsUserIsInvalidatedIsNotKept() throws Exception {
        RelationCache cache = cache(RelationCache.LIMIT);
        CompletableFuture<RelationCache.Peer> stale = heldRead(cache, "bob");
        blacked = true; // the change commits while the read is under way, then invalidates
        cache.invalidate(List.of("bob"));
        release();
        assertThat(join(stale).blacked()).isFalse();

        assertThat(join(cache.peer("bob", "mallory")).blacked()).isTrue();
        assertThat(readsOf("bob")).isEqualTo(2);
        assertThat(join(cache.peer("bob", "mallory")).blacked()).isTrue();
        assertThat(readsOf("bob")).isEqualTo(2);
    }

    @Test
    void invalidatingAnotherUserDoesNotDiscardAReadInProgress() throws Exception {
        RelationCache cache = cache(RelationCache.LIMIT);
        CompletableFuture<RelationCache.Peer> read = heldRead(cache, "bob");
        cache.invalidate(List.of("carol"));
        release();
        join(read);
        join(cache.peer("bob", "mallory"));
        assertThat(readsOf("bob")).isEqualTo(1);
    }

    @Test
    void entriesAreTrustedForTheTtlAndReadAgainAfterIt() {
        RelationCache cache = cache(RelationCache.LIMIT);
        join(cache.peer("bob", "mallory"));
        clock.now += TTL - 1;
        join(cache.peer("bob", "mallory"));
        assertThat(readsOf("bob")).isEqualTo(1);
        clock.now += 1;
        blacked = true;
        assertThat(join(cache.peer("bob", "mallory")).blacked()).isTrue();
        assertThat(readsOf("bob")).isEqualTo(2);
    }

    @Test
    void aFullCacheDropsTheLeastRecentlyUsedUsersAndKeepsTheOthers() {
        RelationCache cache = cache(3);
        for (String u : List.of("a", "b", "c")) {
            join(cache.peer(u, "mallory"));
            clock.now += 1;
        }
        join(cache.peer("a", "mallory")); // a is now used more recently than b and c
        clock.now += 1;
        join(cache.peer("d", "mallory"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> cache.peersHeld() == 3);

        for (String u : List.of("a", "c", "d")) {
            join(cache.peer(u, "mallory"));
        }
        assertThat(reads).extractingFromEntries(e -> e.getKey() + " " + e.getValue().get())
                .containsExactlyInAnyOrder("a 1", "b 1", "c 1", "d 1");
        join(cache.peer("b", "mallory"));
        assertThat(readsOf("b")).isEqualTo(2);
    }
}
