package io.hearth.server.relation;

import io.hearth.server.common.BlockingExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One kind of per-user value the {@link RelationCache} keeps (relations, or user types): read on first use on the
 * blocking executor, trusted for {@code ttlMillis}, at most {@code limit} users, the least recently used tenth
 * dropped when full. A read that was in progress when its user was invalidated returns what it read to its caller
 * but does not keep it; invalidating one user leaves the reads of the others alone. Lookups are lock-free (called
 * on event loops); loads, evictions and invalidations take this object's lock briefly. Any thread; never blocks.
 */
final class HeldLoads<T> {

    /** A kept value; {@code usedAt} is moved by every lookup that uses it, for the eviction order. */
    private static final class Held<T> {
        final T value;
        final long loadedAt;
        volatile long usedAt;

        Held(T value, long loadedAt) {
            this.value = value;
            this.loadedAt = loadedAt;
            this.usedAt = loadedAt;
        }
    }

    private final Function<String, T> load;
    private final BlockingExecutor blocking;
    private final Clock clock;
    private final long ttlMillis;
    private final int limit;
    private final Map<String, Held<T>> held = new ConcurrentHashMap<>();
    /** The latest read in progress per user, by token; an invalidation removes it. Guarded by this. */
    private final Map<String, Long> reading = new HashMap<>();
    /** Guarded by this. */
    private long lastToken;

    /** {@code load}: the value of a user (blocking). */
    HeldLoads(Function<String, T> load, BlockingExecutor blocking, Clock clock, long ttlMillis, int limit) {
        this.load = load;
        this.blocking = blocking;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
        this.limit = limit;
    }

    /** The user's value; completes at once when it is held and younger than the TTL. */
    CompletableFuture<T> get(String userId) {
        long now = clock.millis();
        Held<T> h = held.get(userId);
        if (h != null && now - h.loadedAt < ttlMillis) {
            h.usedAt = now;
            return CompletableFuture.completedFuture(h.value);
        }
        return blocking.supply(() -> read(userId));
    }

    /** Forgets the user's value, and makes a read of it in progress not keep what it read. */
    synchronized void invalidate(String userId) {
        held.remove(userId);
        reading.remove(userId);
    }

    int size() {
        return held.size();
    }

    private T read(String userId) {
        long token;
        long startedAt = clock.millis();
        synchronized (this) {
            token = ++lastToken;
            reading.put(userId, token);
        }
        T value;
        try {
            value = load.apply(userId);
        } catch (RuntimeException e) {
            synchronized (this) {
                reading.remove(userId, token);
            }
            throw e;
        }
        synchronized (this) {
            if (reading.remove(userId, token)) {
                if (held.size() >= limit && !held.containsKey(userId)) {
                    evictLeastRecentlyUsed();
                }
                held.put(userId, new Held<>(value, startedAt));
            }
        }
        return value;
    }

    /** Drops the least recently used tenth (at least one); under this object's lock. */
    private void evictLeastRecentlyUsed() {
        List<Map.Entry<String, Held<T>>> all = new ArrayList<>(held.entrySet());
        all.sort(Comparator.comparingLong(e -> e.getValue().usedAt));
        int drop = Math.max(1, limit / 10);
        for (int i = 0; i < drop && i < all.size(); i++) {
            held.remove(all.get(i).getKey(), all.get(i).getValue());
        }
    }
}
