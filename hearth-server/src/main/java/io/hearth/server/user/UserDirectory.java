package io.hearth.server.user;

import io.hearth.protocol.NoticeKinds;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.event.EventHook;
import io.hearth.server.notice.Notifier;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users: lookups for the hot path (is this a live user?) answered from memory after the first read, and the
 * writes of the server API, which keep that cache current; users destroyed through other nodes leave it within a
 * poll ({@link #forgetDestroyed}). Store calls run on the blocking executor.
 */
public final class UserDirectory {

    private static final int CACHE_LIMIT = 1_000_000;

    private final UserStore store;
    private final BlockingExecutor blocking;
    private final Clock clock;
    private final EventHook events;
    private final Notifier notifier;
    private final ConcurrentHashMap<String, Boolean> live = new ConcurrentHashMap<>();
    private volatile long destroyedReadUpTo = -1;

    public UserDirectory(UserStore store, BlockingExecutor blocking, EventHook events, Notifier notifier,
                         Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.blocking = blocking;
        this.events = events;
        this.clock = clock;
    }

    /** True when the user exists and is not destroyed. Completes at once for users seen before. */
    public CompletableFuture<Boolean> exists(String userId) {
        if (live.containsKey(userId)) {
            return CompletableFuture.completedFuture(true);
        }
        return blocking.supply(() -> {
            boolean exists = store.find(userId).filter(u -> !u.deleted()).isPresent();
            if (exists && live.size() < CACHE_LIMIT) {
                live.put(userId, Boolean.TRUE);
            }
            return exists;
        });
    }

    /**
     * Which of these users do not exist (or are destroyed). Blocks on the store for users not seen before; called
     * by the message writer, which checks a whole batch's receivers at once.
     */
    public Set<String> missing(Collection<String> userIds) {
        Set<String> unknown = new HashSet<>();
        for (String u : userIds) {
            if (!live.containsKey(u)) {
                unknown.add(u);
            }
        }
        if (unknown.isEmpty()) {
            return Set.of();
        }
        Set<String> found = store.existing(unknown);
        for (String u : found) {
            if (live.size() < CACHE_LIMIT) {
                live.put(u, Boolean.TRUE);
            }
        }
        unknown.removeAll(found);
        return unknown;
    }

    public CompletableFuture<Optional<User>> find(String userId) {
        return blocking.supply(() -> store.find(userId));
    }

    public CompletableFuture<Optional<User>> findByName(String name) {
        return blocking.supply(() -> store.findByName(name));
    }

    public CompletableFuture<Optional<User>> findByMobile(String mobile) {
        return blocking.supply(() -> store.findByMobile(mobile));
    }

    /** Forgets that a user is live (it was destroyed on this node). */
    public void forget(String userId) {
        live.remove(userId);
    }

    /**
     * Forgets the users that other nodes destroyed since the last call (with the same overlap for clocks as block
     * statuses), so that this node stops accepting messages for them within a poll; run by {@link UserPoller}.
     */
    public void forgetDestroyed() {
        long now = clock.millis();
        long since = destroyedReadUpTo < 0 ? now : destroyedReadUpTo - BlockStatuses.OVERLAP_MILLIS;
        destroyedReadUpTo = now;
        store.destroyedSince(since).forEach(live::remove);
    }

    /**
     * Creates or overwrites a user; keeps the creation time of an existing one and moves its update time forward
     * past the stored one, in the database (as {@link UserStore#update} does), so it never goes back under
     * concurrent writes. Overwriting a user is a profile change: its sessions get a {@code user}
     * notice.
     */
    public CompletableFuture<User> upsert(User user) {
        return blocking.supply(() -> {
            long now = clock.millis();
            Optional<User> before = store.find(user.userId());
            long created = before.map(User::createdAt).orElse(now);
            User written = new User(user.userId(), user.name(), user.displayName(), user.portrait(), user.gender(),
                    user.mobile(), user.email(), user.address(), user.company(), user.social(), user.extra(),
                    user.type(), false, created, now);
            store.upsert(written);
            // read back: the store moved the update time past whatever a concurrent update had stored
            User stored = store.find(user.userId()).orElse(written);
            long updated = stored.updatedAt();
            live.put(stored.userId(), Boolean.TRUE);
            events.publish(new UserChanged(stored));
            if (before.isPresent()) {
                notifier.notify(List.of(Notifier.of(stored.userId(), NoticeKinds.USER, updated, stored.userId(),
                        null)));
            }
            return stored;
        });
    }
}
