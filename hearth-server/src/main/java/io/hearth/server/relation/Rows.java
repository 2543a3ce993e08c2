package io.hearth.server.relation;

import io.hearth.protocol.Status;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.user.User;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/** Row changes shared by friend requests and the server API's friend status, and the live-user lookup. */
final class Rows {

    private Rows() {
    }

    /** The user, when it exists and is not destroyed; 253 otherwise. Blocking. */
    static User live(Function<String, Optional<User>> users, String userId) {
        return users.apply(userId).filter(u -> !u.deleted())
                .orElseThrow(() -> new StatusException(Status.NOT_EXIST, "user " + userId + " not exist"));
    }

    /** Runs {@code check} (field limits), then {@code then}; a refused check is a failed future, not a throw. */
    static <T> CompletableFuture<T> checked(Runnable check, Supplier<CompletableFuture<T>> then) {
        try {
            check.run();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return then.get();
    }

    /**
     * Runs {@code change} (a store change and its {@link ChangeOutput}) on the blocking executor; completes when
     * the change it made was acknowledged by the other nodes.
     */
    static <T> CompletableFuture<T> answered(BlockingExecutor blocking, Supplier<CompletableFuture<T>> change) {
        return blocking.supply(change).thenCompose(Function.identity());
    }

    /**
     * Makes {@code a} and {@code b} friends of each other (aliases and blacklist kept; extra set when given); false
     * when they already were, with that extra.
     */
    static boolean befriend(Bumps bumps, String a, String b, String extra, long now) {
        boolean changed = befriendOneWay(bumps, a, b, extra, now);
        return befriendOneWay(bumps, b, a, extra, now) || changed;
    }

    private static boolean befriendOneWay(Bumps bumps, String owner, String other, String extra, long now) {
        Friend row = bumps.tx().friend(owner, other).orElseGet(() -> Friend.stranger(owner, other, now));
        if (row.isFriend() && (extra == null || extra.equals(row.extra()))) {
            return false;
        }
        Friend f = row.withState(Friend.FRIEND, bumps.friend(owner), now);
        bumps.tx().put(extra == null ? f : f.withExtra(extra, f.version(), now));
        return true;
    }

    /** Ends the friendship both ways (rows kept with state 1, so devices learn of the deletion); false if none. */
    static boolean unfriend(Bumps bumps, String a, String b, long now) {
        boolean changed = unfriendOneWay(bumps, a, b, now);
        return unfriendOneWay(bumps, b, a, now) || changed;
    }

    private static boolean unfriendOneWay(Bumps bumps, String owner, String other, long now) {
        Optional<Friend> row = bumps.tx().friend(owner, other).filter(Friend::isFriend);
        row.ifPresent(f -> bumps.tx().put(f.withState(Friend.NOT_FRIEND, bumps.friend(owner), now)));
        return row.isPresent();
    }
}
