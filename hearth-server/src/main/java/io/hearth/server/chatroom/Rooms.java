package io.hearth.server.chatroom;

import io.hearth.server.common.BlockingExecutor;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stored chatrooms with their moderation, read through a per-node cache: every send to a room checks its
 * mutes, and they must not cost a query each. A change made on this node drops the room from the cache at once;
 * one made on another node is seen here within {@link #FRESH_NANOS} (the cache's freshness is measured on the
 * monotonic clock, not the node's clock). Any thread; the store is read on the blocking executor.
 */
public final class Rooms {

    static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ChatroomStore store;
    private final BlockingExecutor blocking;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(CompletableFuture<Optional<Room>> room, long loadedAt) {
    }

    public Rooms(ChatroomStore store, BlockingExecutor blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    /** The room and its moderation; empty when there is no such room. */
    public CompletableFuture<Optional<Room>> find(String chatroomId) {
        long now = System.nanoTime();
        Cached c = cache.get(chatroomId);
        if (c != null && now - c.loadedAt < FRESH_NANOS && !c.room.isCompletedExceptionally()) {
            return c.room;
        }
        Cached fresh = new Cached(blocking.supply(() -> load(chatroomId)), now);
        cache.put(chatroomId, fresh);
        return fresh.room;
    }

    private Optional<Room> load(String chatroomId) {
        return store.find(chatroomId).map(info -> new Room(info, Set.copyOf(store.managers(chatroomId)),
                store.blacks(chatroomId).stream().collect(Collectors.toMap(BlackStatus::userId, Function.identity()))));
    }

    /** Runs a change of the store on the blocking executor and drops the room from this node's cache. */
    public <T> CompletableFuture<T> change(String chatroomId, Function<ChatroomStore, T> work) {
        return blocking.supply(() -> {
            try {
                return work.apply(store);
            } finally {
                cache.remove(chatroomId);
            }
        });
    }

    /** Drops the room from this node's cache (another node changed it). */
    public void forget(String chatroomId) {
        cache.remove(chatroomId);
    }

    /** Drops rooms from the cache, so it does not grow with every id ever asked for; called by the sweeper. */
    void trim() {
        long now = System.nanoTime();
        cache.values().removeIf(c -> now - c.loadedAt >= FRESH_NANOS);
    }
}
