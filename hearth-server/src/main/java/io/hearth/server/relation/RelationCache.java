package io.hearth.server.relation;

import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.user.User;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the send checks need to know without a database read per message: for each receiver, which users are its
 * friends and which it blacklisted, and user types (robots, devices and admins may chat with strangers). Entries
 * are read on first use (on the blocking executor), dropped by {@link #invalidate} when a change is committed on
 * this node or signalled by another one, and read again after {@code ttlMillis} in case a signal was lost. Holds
 * at most {@value #LIMIT} users of each kind and starts over when full. Any thread; never blocks.
 */
public final class RelationCache {

    static final int LIMIT = 100_000;

    /** What a receiver's relations say about one sender. */
    public record Peer(boolean friend, boolean blacked) {
        static final Peer NONE = new Peer(false, false);
    }

    private record Entry<T>(T value, long loadedAt) {
    }

    private final Function<String, List<Friend>> rows;
    private final Function<String, Optional<User>> users;
    private final BlockingExecutor blocking;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<String, Entry<Map<String, Peer>>> peers = new ConcurrentHashMap<>();
    private final Map<String, Entry<Integer>> types = new ConcurrentHashMap<>();
    /** Moved by every invalidation; a read that started before one does not keep what it read. */
    private long epoch;

    /** {@code rows}: every relation row of a user (blocking); {@code users}: a user by id (blocking). */
    public RelationCache(Function<String, List<Friend>> rows, Function<String, Optional<User>> users,
                         BlockingExecutor blocking, Clock clock, long ttlMillis) {
        this.rows = rows;
        this.users = users;
        this.blocking = blocking;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    /** How {@code receiver} relates to {@code sender}; completes at once when the receiver's relations are held. */
    public CompletableFuture<Peer> peer(String receiver, String sender) {
        return get(peers, receiver, u -> {
            Map<String, Peer> m = new HashMap<>();
            for (Friend f : rows.apply(u)) {
                if (f.isFriend() || f.blacked()) {
                    m.put(f.friendUid(), new Peer(f.isFriend(), f.blacked()));
                }
            }
            return m;
        }).thenApply(m -> m.getOrDefault(sender, Peer.NONE));
    }

    /** The user's type (0 normal, 1 robot, 2 device, 3 admin, ...); 0 for an unknown user. */
    public CompletableFuture<Integer> type(String userId) {
        return get(types, userId, u -> users.apply(u).map(User::type).orElse(0));
    }

    /** Forgets what is held for these users (their relations and types). */
    public void invalidate(Collection<String> userIds) {
        synchronized (this) {
            epoch++;
            for (String u : userIds) {
                peers.remove(u);
                types.remove(u);
            }
        }
    }

    private <T> CompletableFuture<T> get(Map<String, Entry<T>> map, String userId, Function<String, T> load) {
        long now = clock.millis();
        Entry<T> e = map.get(userId);
        if (e != null && now - e.loadedAt() < ttlMillis) {
            return CompletableFuture.completedFuture(e.value());
        }
        long started;
        synchronized (this) {
            started = epoch;
        }
        return blocking.supply(() -> {
            T value = load.apply(userId);
            synchronized (this) {
                if (epoch == started) {
                    if (map.size() >= LIMIT) {
                        map.clear();
                    }
                    map.put(userId, new Entry<>(value, now));
                }
            }
            return value;
        });
    }
}
