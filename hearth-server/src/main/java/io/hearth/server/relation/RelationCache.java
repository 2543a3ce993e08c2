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
import java.util.function.Function;

/**
 * What the send checks need to know without a database read per message: for each receiver, which users are its
 * friends and which it blacklisted, and user types (robots, devices and admins may chat with strangers). Entries
 * are read on first use (on the blocking executor), dropped by {@link #invalidate} when a change is committed on
 * this node or signalled by another one, and read again after {@code ttlMillis} in case a signal was lost. Holds
 * at most {@value #LIMIT} users of each kind, dropping the least recently used when full (see {@link HeldLoads}).
 * Any thread; never blocks.
 */
public final class RelationCache {

    static final int LIMIT = 100_000;

    /** What a receiver's relations say about one sender. */
    public record Peer(boolean friend, boolean blacked) {
        static final Peer NONE = new Peer(false, false);
    }

    private final HeldLoads<Map<String, Peer>> peers;
    private final HeldLoads<Integer> types;

    /** {@code rows}: every relation row of a user (blocking); {@code users}: a user by id (blocking). */
    public RelationCache(Function<String, List<Friend>> rows, Function<String, Optional<User>> users,
                         BlockingExecutor blocking, Clock clock, long ttlMillis) {
        this(rows, users, blocking, clock, ttlMillis, LIMIT);
    }

    RelationCache(Function<String, List<Friend>> rows, Function<String, Optional<User>> users,
                  BlockingExecutor blocking, Clock clock, long ttlMillis, int limit) {
        this.peers = new HeldLoads<>(u -> peersOf(rows.apply(u)), blocking, clock, ttlMillis, limit);
        this.types = new HeldLoads<>(u -> users.apply(u).map(User::type).orElse(0), blocking, clock, ttlMillis,
                limit);
    }

    /** How {@code receiver} relates to {@code sender}; completes at once when the receiver's relations are held. */
    public CompletableFuture<Peer> peer(String receiver, String sender) {
        return peers.get(receiver).thenApply(m -> m.getOrDefault(sender, Peer.NONE));
    }

    /** The user's type (0 normal, 1 robot, 2 device, 3 admin, ...); 0 for an unknown user. */
    public CompletableFuture<Integer> type(String userId) {
        return types.get(userId);
    }

    /** Forgets what is held for these users (their relations and types), and what is being read for them. */
    public void invalidate(Collection<String> userIds) {
        for (String u : userIds) {
            peers.invalidate(u);
            types.invalidate(u);
        }
    }

    /** How many users' relations are held (for tests). */
    int peersHeld() {
        return peers.size();
    }

    private static Map<String, Peer> peersOf(List<Friend> rows) {
        Map<String, Peer> m = new HashMap<>();
        for (Friend f : rows) {
            if (f.isFriend() || f.blacked()) {
                m.put(f.friendUid(), new Peer(f.isFriend(), f.blacked()));
            }
        }
        return m;
    }
}
