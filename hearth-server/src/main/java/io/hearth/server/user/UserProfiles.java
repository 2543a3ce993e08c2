package io.hearth.server.user;

import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Status;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.event.EventHook;
import io.hearth.server.notice.Notifier;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Profiles after creation: changes of single fields (a client's own or the server API's), destroying a user, and
 * the reads of the server API and the client RPCs. Every change publishes {@link UserChanged} and pushes a
 * {@code user} notice (version = the new update time, target = the user id) to the user's sessions but the one that
 * made it. Store work runs on the blocking executor; futures complete there.
 */
public final class UserProfiles {

    private final UserStore store;
    private final UserDirectory directory;
    private final Notifier notifier;
    private final EventHook events;
    private final BlockingExecutor blocking;
    private final Clock clock;
    private final boolean keepDisplayNameWhenDestroy;

    public UserProfiles(UserStore store, UserDirectory directory, Notifier notifier, EventHook events,
                        BlockingExecutor blocking, Clock clock, boolean keepDisplayNameWhenDestroy) {
        this.store = store;
        this.directory = directory;
        this.notifier = notifier;
        this.events = events;
        this.blocking = blocking;
        this.clock = clock;
        this.keepDisplayNameWhenDestroy = keepDisplayNameWhenDestroy;
    }

    /**
     * Changes these fields of a user; completes with the user as stored now. 253 when there is no such user or it
     * was destroyed. {@code skipClientId}: the session that made the change (its own notice is not sent), or null.
     */
    public CompletableFuture<User> update(String userId, Map<ProfileField, Object> values, String skipClientId) {
        return blocking.supply(() -> {
            if (!store.update(userId, values, clock.millis())) {
                throw notExist(userId);
            }
            User u = store.find(userId).orElseThrow(() -> notExist(userId));
            changed(u, skipClientId);
            return u;
        });
    }

    /** Destroys a user (see {@link UserStore#destroy}); 253 when there is no such user or it is destroyed. */
    public CompletableFuture<User> destroy(String userId) {
        return blocking.supply(() -> {
            String displayName = keepDisplayNameWhenDestroy
                    ? store.find(userId).map(User::displayName).orElse(null) : null;
            if (!store.destroy(userId, displayName, clock.millis())) {
                throw notExist(userId);
            }
            directory.forget(userId);
            User u = store.find(userId).orElseThrow(() -> notExist(userId));
            changed(u, null);
            return u;
        });
    }

    private void changed(User u, String skipClientId) {
        events.publish(new UserChanged(u));
        notifier.notify(List.of(Notifier.of(u.userId(), NoticeKinds.USER, u.updatedAt(), u.userId(), skipClientId)));
    }

    public CompletableFuture<Optional<User>> find(String userId) {
        return blocking.supply(() -> store.find(userId));
    }

    /** These users, destroyed ones included; unknown ids are left out. */
    public CompletableFuture<List<User>> findAll(Collection<String> userIds) {
        return blocking.supply(() -> store.findAll(userIds));
    }

    public CompletableFuture<List<User>> findByEmail(String email) {
        return blocking.supply(() -> store.findByEmail(email));
    }

    public CompletableFuture<List<User>> page(int offset, int count) {
        return blocking.supply(() -> store.page(offset, count));
    }

    public CompletableFuture<List<User>> search(UserSearch search) {
        return blocking.supply(() -> store.search(search));
    }

    static StatusException notExist(String userId) {
        return new StatusException(Status.NOT_EXIST, "user " + userId + " not exist");
    }
}
