package io.hearth.server.relation;

import io.hearth.protocol.NoticeKinds;
import io.hearth.server.common.ThrottledLog;
import io.hearth.server.event.EventHook;
import io.hearth.server.notice.Notifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a committed change: the send checks of this node and (by {@code elsewhere}) of every other node
 * forget the relations of the users whose friend rows changed; each user whose versions moved gets a
 * {@code friend} or {@code friend_request} Notice on all devices but the one that made the change; the change
 * events are published. The change is committed whatever happens here, so each step is guarded: one that throws is
 * logged, counted in {@code hearth.relation.output.failed{step}} and the next steps still run. The change is
 * answered when {@code elsewhere}'s future completes: once the other nodes forgot the old relations (or gave up
 * waiting), so a blacklist is enforced everywhere from its answer on. Runs on the blocking thread that committed;
 * never blocks, never throws.
 */
final class ChangeOutput {

    private static final Logger log = LoggerFactory.getLogger(ChangeOutput.class);
    private static final ThrottledLog throttled = new ThrottledLog(log, 10, TimeUnit.SECONDS);

    private final RelationCache cache;
    private final Function<Set<String>, CompletableFuture<?>> elsewhere;
    private final Notifier notifier;
    private final EventHook events;
    private final MeterRegistry meters;

    ChangeOutput(RelationCache cache, Function<Set<String>, CompletableFuture<?>> elsewhere, Notifier notifier,
                 EventHook events, MeterRegistry meters) {
        this.cache = cache;
        this.elsewhere = elsewhere;
        this.notifier = notifier;
        this.events = events;
        this.meters = meters;
    }

    /**
     * {@code actor} made the change from {@code actorClient} (null for the server API); {@code changes} name each
     * changed user's peer, the Notice's target; {@code accepted} are published after them (greetings). The
     * future completes when the other nodes acknowledged the change (on the thread that saw the last answer) and
     * never fails.
     */
    CompletableFuture<Void> committed(Bumps bumps, String actor, String actorClient, List<FriendChanged> changes,
                                      List<FriendAccepted> accepted) {
        Set<String> rowsChanged = Set.copyOf(bumps.friendVersions().keySet());
        CompletableFuture<Void> acknowledged = CompletableFuture.completedFuture(null);
        if (!rowsChanged.isEmpty()) {
            guarded("invalidate", () -> cache.invalidate(rowsChanged));
            try {
                acknowledged = elsewhere.apply(rowsChanged).handle((r, e) -> {
                    if (e != null) {
                        failed("signal", e);
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                failed("signal", e);
            }
        }
        guarded("notify", () -> notify(bumps, actor, actorClient, changes));
        for (Object e : changes) {
            guarded("publish", () -> events.publish(e));
        }
        for (Object e : accepted) {
            guarded("publish", () -> events.publish(e));
        }
        return acknowledged;
    }

    private void notify(Bumps bumps, String actor, String actorClient, List<FriendChanged> changes) {
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
    }

    private void guarded(String step, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            failed(step, e);
        }
    }

    private void failed(String step, Throwable e) {
        meters.counter("hearth.relation.output.failed", "step", step).increment();
        throttled.warn(step, "a relation change is committed but its step '{}' failed", step, e);
    }
}
