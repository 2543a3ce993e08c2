package io.hearth.server.relation;

import io.hearth.protocol.Status;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.relation.FriendChanged.What;
import io.hearth.server.user.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Friend lists and the blacklist: pull since a version, delete, alias, extra, block, and the server API's direct
 * friend status and lookups. Writes run as one store change each on the blocking executor; their futures complete
 * once the other nodes acknowledged the change (see {@link ChangeOutput}), those of reads on the executor.
 * {@code fromClient} is the device that made a change (null for the server API): it gets the new version in its
 * reply instead of a Notice.
 */
public final class Friends {

    static final int MAX_ALIAS = 256;

    private final RelationStore store;
    private final Function<String, Optional<User>> users;
    private final BlockingExecutor blocking;
    private final Clock clock;
    private final ChangeOutput output;

    Friends(RelationStore store, Function<String, Optional<User>> users, BlockingExecutor blocking, Clock clock,
            ChangeOutput output) {
        this.store = store;
        this.users = users;
        this.blocking = blocking;
        this.clock = clock;
        this.output = output;
    }

    /** Rows of a friend list and the version to pull from next. */
    public record Page(List<Friend> entries, long version) {
    }

    public CompletableFuture<Page> pull(String user, long since) {
        return blocking.supply(() -> {
            long version = store.versions(user).friend();
            List<Friend> rows = store.friendsSince(user, since);
            for (Friend f : rows) {
                version = Math.max(version, f.version());
            }
            return new Page(rows, version);
        });
    }

    public CompletableFuture<Versions> versions(String user) {
        return blocking.supply(() -> store.versions(user));
    }

    /** {@code user} and {@code target} are no longer friends (both ways); 253 when they were not. */
    public CompletableFuture<Versions> delete(String user, String target, String fromClient) {
        return Rows.answered(blocking, () -> {
            Rows.live(users, target);
            return change("delete friend", user, fromClient, List.of(user, target), bumps -> {
                if (!Rows.unfriend(bumps, user, target, clock.millis())) {
                    throw new StatusException(Status.NOT_EXIST, target + " is not a friend of " + user);
                }
                return List.of(new FriendChanged(user, target, What.DELETED),
                        new FriendChanged(target, user, What.DELETED));
            });
        });
    }

    public CompletableFuture<Versions> setAlias(String user, String target, String alias, String fromClient) {
        return Rows.checked(() -> FieldCheck.text("alias", alias, MAX_ALIAS), () -> own("set friend alias", user, target, fromClient, What.ALIAS,
                (f, v) -> f.withAlias(alias == null || alias.isEmpty() ? null : alias, v, clock.millis())));
    }

    public CompletableFuture<Versions> setExtra(String user, String target, String extra, String fromClient) {
        return Rows.checked(() -> FieldCheck.text("extra", extra, FriendRequests.MAX_EXTRA), () -> own("set friend extra", user, target, fromClient, What.EXTRA,
                (f, v) -> f.withExtra(extra == null || extra.isEmpty() ? null : extra, v, clock.millis())));
    }

    /** {@code user} blocks (or unblocks) messages and requests from {@code target}; one-directional. */
    public CompletableFuture<Versions> setBlacklist(String user, String target, boolean blocked, String fromClient) {
        return own("set blacklist", user, target, fromClient, blocked ? What.BLACKLISTED : What.UNBLACKLISTED,
                (f, v) -> f.withBlacked(blocked, v, clock.millis()));
    }

    /**
     * Server API {@code friend/status}: makes two users friends (both ways, with {@code extra}) or strangers; 251
     * when they are one user.
     */
    public CompletableFuture<Versions> setStatus(String user, String target, boolean friends, String extra) {
        return Rows.checked(() -> {
            FieldCheck.text("extra", extra, FriendRequests.MAX_EXTRA);
            if (user.equals(target)) {
                throw FieldCheck.invalid("a user cannot be its own friend");
            }
        }, () -> Rows.answered(blocking, () -> {
            Rows.live(users, user);
            Rows.live(users, target);
            return change("set friend status", user, null, List.of(user, target), bumps -> {
                long now = clock.millis();
                boolean changed = friends ? Rows.befriend(bumps, user, target, extra, now)
                        : Rows.unfriend(bumps, user, target, now);
                What what = friends ? What.ADDED : What.DELETED;
                return changed ? List.of(new FriendChanged(user, target, what), new FriendChanged(target, user, what))
                        : List.of();
            });
        }));
    }

    /** The user's friends (state 0), oldest friendship change first. */
    public CompletableFuture<List<String>> friendIds(String user) {
        return rowsOf(user, Friend::isFriend);
    }

    /** The users {@code user} blacklisted, oldest first. */
    public CompletableFuture<List<String>> blacklisted(String user) {
        return rowsOf(user, Friend::blacked);
    }

    /** {@code user}'s row for {@code target}; a fresh stranger row when there is none. Both must exist (253). */
    public CompletableFuture<Friend> relation(String user, String target) {
        return blocking.supply(() -> {
            Rows.live(users, user);
            Rows.live(users, target);
            return store.friend(user, target).orElseGet(() -> Friend.stranger(user, target, 0));
        });
    }

    private CompletableFuture<List<String>> rowsOf(String user, Predicate<Friend> which) {
        return blocking.supply(() -> {
            Rows.live(users, user);
            return store.friendsSince(user, 0).stream().filter(which)
                    .sorted(Comparator.comparingLong(Friend::updatedAt)).map(Friend::friendUid).toList();
        });
    }

    /** A change of {@code user}'s own row for {@code target} (created as a stranger row when missing). */
    private CompletableFuture<Versions> own(String operation, String user, String target, String fromClient,
                                            What what, BiFunction<Friend, Long, Friend> edit) {
        if (user.equals(target)) {
            return CompletableFuture.failedFuture(FieldCheck.invalid("target must be another user"));
        }
        return Rows.answered(blocking, () -> {
            Rows.live(users, user);
            Rows.live(users, target);
            return change(operation, user, fromClient, List.of(user), bumps -> {
                Friend row = bumps.tx().friend(user, target)
                        .orElseGet(() -> Friend.stranger(user, target, clock.millis()));
                bumps.tx().put(edit.apply(row, bumps.friend(user)));
                return List.of(new FriendChanged(user, target, what));
            });
        });
    }

    private CompletableFuture<Versions> change(String operation, String user, String fromClient, List<String> lock,
                                               Function<Bumps, List<FriendChanged>> work) {
        Bumps[] done = new Bumps[1];
        List<FriendChanged> changes = new ArrayList<>();
        Versions v = store.change(operation, lock, tx -> {
            Bumps bumps = new Bumps(tx);
            changes.addAll(work.apply(bumps));
            done[0] = bumps;
            return tx.versions(user);
        });
        return output.committed(done[0], user, fromClient, changes, List.of()).thenApply(x -> v);
    }
}
