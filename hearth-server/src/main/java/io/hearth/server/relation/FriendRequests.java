package io.hearth.server.relation;

import io.hearth.protocol.Status;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.relation.FriendChanged.What;
import io.hearth.server.user.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Friend requests: send (with the repeat, reject and blacklist rules, robots accepting at once), accept or reject,
 * pull since a version, mark read. The same operations serve client RPCs (rules applied) and the server API
 * ({@code force} skips them). Each runs as one store change on the blocking executor; the futures of changes
 * complete once the other nodes acknowledged them (see {@link ChangeOutput}), those of pulls on the executor.
 */
public final class FriendRequests {

    /** User type of robots. */
    static final int ROBOT = 1;
    static final int MAX_REASON = 1024;
    static final int MAX_EXTRA = 8192;

    private final RelationStore store;
    private final Function<String, Optional<User>> users;
    private final BlockingExecutor blocking;
    private final Clock clock;
    private final HearthConfig.Relations rules;
    private final ChangeOutput output;

    FriendRequests(RelationStore store, Function<String, Optional<User>> users, BlockingExecutor blocking,
                   Clock clock, HearthConfig.Relations rules, ChangeOutput output) {
        this.store = store;
        this.users = users;
        this.blocking = blocking;
        this.clock = clock;
        this.rules = rules;
        this.output = output;
    }

    /** A request and its result for its pull. */
    public record Page(List<FriendRequest> requests, long version) {
    }

    /**
     * {@code from} asks {@code to} to be friends, from client {@code fromClient} (null: server API). {@code force}
     * skips {@code friend.disable_friend_request}, the time rules and the receiver's blacklist. Completes with the
     * sender's versions after the change.
     */
    public CompletableFuture<Versions> send(String from, String to, String reason, String extra, boolean force,
                                            String fromClient) {
        return Rows.checked(() -> {
            FieldCheck.text("reason", reason, MAX_REASON);
            FieldCheck.text("extra", extra, MAX_EXTRA);
            if (from.equals(to)) {
                throw FieldCheck.invalid("a user cannot send a friend request to itself");
            }
        }, () -> Rows.answered(blocking, () -> {
            Rows.live(users, from);
            User target = Rows.live(users, to);
            if (!force && rules.disableFriendRequest()) {
                throw new StatusException(Status.NOT_RIGHT, "friend requests are disabled"
                        + " (friend.disable_friend_request)");
            }
            boolean accepted = target.type() == ROBOT && rules.robotAutoAccept();
            long now = clock.millis();
            List<FriendChanged> changes = new ArrayList<>();
            Bumps[] done = new Bumps[1];
            Versions v = store.change("send friend request", List.of(from, to), tx -> {
                Bumps bumps = new Bumps(tx);
                if (tx.friend(from, to).filter(Friend::isFriend).isPresent()) {
                    throw new StatusException(Status.ALREADY_FRIEND, to + " is already a friend of " + from);
                }
                if (!force && tx.friend(to, from).filter(Friend::blacked).isPresent()) {
                    throw new StatusException(Status.IN_BLACKLIST, to + " has blacklisted " + from);
                }
                Optional<FriendRequest> previous = tx.request(from, to);
                if (!force) {
                    RequestRules.checkNew(previous, now, rules);
                }
                long created = previous.map(FriendRequest::createdAt).orElse(now);
                tx.put(new FriendRequest(from, to, reason == null ? "" : reason, extra == null ? "" : extra,
                        accepted ? FriendRequest.ACCEPTED : FriendRequest.PENDING, false, bumps.request(from),
                        bumps.request(to), created, now));
                changes.add(new FriendChanged(from, to, What.REQUESTED));
                changes.add(new FriendChanged(to, from, What.REQUESTED));
                if (accepted) {
                    Rows.befriend(bumps, from, to, null, now);
                    changes.add(new FriendChanged(from, to, What.ACCEPTED));
                }
                done[0] = bumps;
                return tx.versions(from);
            });
            return output.committed(done[0], from, fromClient, changes,
                    accepted ? List.of(new FriendAccepted(from, to, reason == null ? "" : reason)) : List.of())
                    .thenApply(x -> v);
        }));
    }

    /**
     * {@code user} accepts or rejects the pending request of {@code requester}: 253 when there is none, 19 when it
     * expired. Accepting makes them friends (with {@code extra} on both entries) and sends the greetings.
     */
    public CompletableFuture<Versions> handle(String user, String requester, boolean accept, String extra,
                                              String fromClient) {
        return Rows.checked(() -> FieldCheck.text("extra", extra, MAX_EXTRA), () -> Rows.answered(blocking, () -> {
            Rows.live(users, requester);
            long now = clock.millis();
            List<FriendChanged> changes = new ArrayList<>();
            Bumps[] done = new Bumps[1];
            FriendRequest[] handled = new FriendRequest[1];
            Versions v = store.change("handle friend request", List.of(user, requester), tx -> {
                Bumps bumps = new Bumps(tx);
                FriendRequest r = tx.request(requester, user).filter(x -> x.status() == FriendRequest.PENDING)
                        .orElseThrow(() -> new StatusException(Status.NOT_EXIST,
                                "no pending friend request from " + requester + " to " + user));
                RequestRules.checkHandle(r, now, rules);
                tx.put(r.handled(accept ? FriendRequest.ACCEPTED : FriendRequest.REJECTED, bumps.request(requester),
                        bumps.request(user), now));
                What what = accept ? What.ACCEPTED : What.REJECTED;
                changes.add(new FriendChanged(user, requester, what));
                changes.add(new FriendChanged(requester, user, what));
                if (accept) {
                    Rows.befriend(bumps, user, requester, extra, now);
                }
                done[0] = bumps;
                handled[0] = r;
                return tx.versions(user);
            });
            return output.committed(done[0], user, fromClient, changes,
                    accept ? List.of(new FriendAccepted(requester, user, handled[0].reason())) : List.of())
                    .thenApply(x -> v);
        }));
    }

    /** Requests from and to {@code user} changed after {@code since}, and the version to pull from next. */
    public CompletableFuture<Page> pull(String user, long since) {
        return blocking.supply(() -> {
            long version = store.versions(user).request();
            List<FriendRequest> list = store.requestsSince(user, since);
            for (FriendRequest r : list) {
                version = Math.max(version, r.versionFor(user));
            }
            return new Page(list, version);
        });
    }

    /** Every request from and to {@code user}, who must exist (253). */
    public CompletableFuture<Page> all(String user) {
        return blocking.supply(() -> Rows.live(users, user)).thenCompose(u -> pull(user, 0));
    }

    /**
     * Marks the unread requests to {@code user} up to {@code upTo} (its friend-request version) read: one update,
     * one version bump, one Notice (target empty: it may cover several requests) and one {@code READ} event; none
     * when nothing was unread.
     */
    public CompletableFuture<Versions> markRead(String user, long upTo, String fromClient) {
        return Rows.answered(blocking, () -> {
            Bumps[] done = new Bumps[1];
            List<FriendChanged> changes = new ArrayList<>();
            Versions v = store.change("mark friend requests read", List.of(user), tx -> {
                Bumps bumps = new Bumps(tx);
                if (tx.hasUnread(user, upTo)) {
                    tx.markRead(user, upTo, bumps.request(user));
                    changes.add(new FriendChanged(user, "", What.READ));
                }
                done[0] = bumps;
                return tx.versions(user);
            });
            return output.committed(done[0], user, fromClient, changes, List.of()).thenApply(x -> v);
        });
    }
}
