package io.hearth.server.relation;

import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.event.EventHook;
import io.hearth.server.notice.Notifier;
import io.hearth.server.user.User;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The relation feature's parts as the composition root assembles them: the services, the cache the send check
 * reads and the check itself. {@code elsewhere} carries a change signal to the other nodes (nothing on a single
 * node); its future completes when they acknowledged it, and a change is answered only then. Built once on the
 * starting thread.
 */
public record RelationFeature(Friends friends, FriendRequests requests, RelationCache cache,
                              RelationSendCheck sendCheck) {

    public static RelationFeature assemble(RelationStore store, Function<String, Optional<User>> users,
                                           BlockingExecutor blocking, Clock clock, HearthConfig.Relations rules,
                                           Notifier notifier, EventHook events, MeterRegistry meters,
                                           Function<RelationCache, Function<Set<String>, CompletableFuture<?>>>
                                                   elsewhere) {
        RelationCache cache = new RelationCache(u -> store.friendsSince(u, 0), users, blocking, clock,
                rules.cacheTtlSeconds() * 1000L);
        ChangeOutput output = new ChangeOutput(cache, elsewhere.apply(cache), notifier, events, meters);
        return new RelationFeature(new Friends(store, users, blocking, clock, output),
                new FriendRequests(store, users, blocking, clock, rules, output), cache,
                new RelationSendCheck(cache, rules));
    }
}
