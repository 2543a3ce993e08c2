package io.hearth.server.relation;

import io.hearth.protocol.NoticeKinds;
import io.hearth.server.event.EventHook;
import io.hearth.server.notice.Notifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What follows a committed change: the send checks of this node and (by {@code elsewhere}) of every other node
 * forget the relations of the users whose friend rows changed; each user whose versions moved gets a
 * {@code friend} or {@code friend_request} Notice on all devices but the one that made the change; the change
 * events are published. Runs on the blocking thread that committed; never blocks.
 */
final class ChangeOutput {

    private final RelationCache cache;
    private final Consumer<Set<String>> elsewhere;
    private final Notifier notifier;
    private final EventHook events;

    ChangeOutput(RelationCache cache, Consumer<Set<String>> elsewhere, Notifier notifier, EventHook events) {
        this.cache = cache;
        this.elsewhere = elsewhere;
        this.notifier = notifier;
        this.events = events;
    }

    /**
     * {@code actor} made the change from {@code actorClient} (null for the server API); {@code changes} name each
     * changed user's peer, the Notice's target.
     */
    void committed(Bumps bumps, String actor, String actorClient, List<FriendChanged> changes) {
        Set<String> rowsChanged = bumps.friendVersions().keySet();
        if (!rowsChanged.isEmpty()) {
            cache.invalidate(rowsChanged);
            elsewhere.accept(Set.copyOf(rowsChanged));
        }
        Map<String, String> peers = new HashMap<>();
        changes.forEach(c -> peers.putIfAbsent(c.userId(), c.peer()));
        List<Notifier.UserNotice> notices = new ArrayList<>();
        bumps.friendVersions().forEach((user, v) -> notices.add(Notifier.of(user, NoticeKinds.FRIEND, v,
                peers.get(user), user.equals(actor) ? actorClient : null)));
        bumps.requestVersions().forEach((user, v) -> notices.add(Notifier.of(user, NoticeKinds.FRIEND_REQUEST, v,
                peers.get(user), user.equals(actor) ? actorClient : null)));
        if (!notices.isEmpty()) {
            notifier.notify(notices);
        }
        changes.forEach(events::publish);
    }
}
