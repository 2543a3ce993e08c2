package io.hearth.server.user;

import io.hearth.protocol.Status;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.event.EventHook;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Mute and ban as this node knows them. Every node keeps the statuses that are not 0 in memory, so the check of a
 * send never waits: the node that sets a status applies it at once, the others when {@link #refresh} (run every
 * second by {@link UserPoller}) reads the rows changed since its last read, with an overlap that covers clocks of
 * nodes up to {@link #OVERLAP_MILLIS} apart. A ban seen by a refresh also closes the banned user's connections on
 * this node ({@code kickLocal}), so a login that raced the ban is closed within the refresh period. Logins
 * ({@link #checkLogin}) read the store itself: a ban applies to the next CONNECT on every node at once.
 * {@link #sendRefusal} runs on the sender's thread; the store work on blocking threads and the poller's.
 */
public final class BlockStatuses {

    /** How far back each refresh reads again, for nodes whose clocks disagree. */
    static final long OVERLAP_MILLIS = 10_000;

    private final BlockStore store;
    private final BlockingExecutor blocking;
    private final EventHook events;
    private final Clock clock;
    private final Consumer<String> kickLocal;
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private volatile long readUpTo = -1;

    public BlockStatuses(BlockStore store, BlockingExecutor blocking, EventHook events, Clock clock,
                         Consumer<String> kickLocal) {
        this.store = store;
        this.blocking = blocking;
        this.events = events;
        this.clock = clock;
        this.kickLocal = kickLocal;
    }

    /** The status this node knows for the user (0 normal, 1 muted, 2 banned); never blocks. */
    public int statusOf(String userId) {
        return statuses.getOrDefault(userId, BlockStatus.NORMAL);
    }

    /** Why the user may not send messages ("user x is muted"), or null when it may; never blocks. */
    public String sendRefusal(String userId) {
        int status = statusOf(userId);
        return status == BlockStatus.NORMAL ? null : "user " + userId + " is " + BlockStatus.name(status);
    }

    /**
     * Refuses a token, route or CONNECT of a banned user with 245, reading the store (exact on every node); the
     * session service's login check. Blocks; call it on a blocking thread.
     */
    public void checkLogin(String userId) {
        if (store.status(userId) == BlockStatus.BANNED) {
            throw new StatusException(Status.USER_BLOCKED, "user " + userId + " is banned");
        }
    }

    /** Stores a status and applies it on this node at once; other nodes follow within a refresh. */
    public CompletableFuture<Void> set(String userId, int status) {
        return blocking.run(() -> {
            store.set(userId, status, clock.millis());
            apply(userId, status);
            events.publish(new BlockStatusChanged(userId, status));
        });
    }

    public CompletableFuture<Integer> read(String userId) {
        return blocking.supply(() -> store.status(userId));
    }

    public CompletableFuture<List<BlockStore.Blocked>> blocked() {
        return blocking.supply(store::blocked);
    }

    /** Reads what changed since the last refresh (everything on the first); called by the poller's thread. */
    public void refresh() {
        long now = clock.millis();
        List<BlockStore.Blocked> rows = readUpTo < 0 ? store.blocked() : store.changedSince(readUpTo - OVERLAP_MILLIS);
        readUpTo = now;
        for (BlockStore.Blocked b : rows) {
            apply(b.userId(), b.status());
            if (b.status() == BlockStatus.BANNED) {
                // every read of a recent ban closes what this node holds of the user, also on the node that set
                // it: a login that passed its check just before the ban and registered just after is closed here
                kickLocal.accept(b.userId());
            }
        }
    }

    private void apply(String userId, int status) {
        if (status == BlockStatus.NORMAL) {
            statuses.remove(userId);
        } else {
            statuses.put(userId, status);
        }
    }
}
