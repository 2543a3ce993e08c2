package io.hearth.server.bootstrap;

import io.hearth.server.admin.RelationActions;
import io.hearth.server.message.MessageService;
import io.hearth.server.relation.ClusterInvalidation;
import io.hearth.server.relation.FriendAccepted;
import io.hearth.server.relation.Greetings;
import io.hearth.server.relation.RelationFeature;
import io.hearth.server.relation.RelationMethods;
import io.hearth.server.storage.jdbc.JdbcRelationStore;
import io.hearth.server.storage.jdbc.JdbcUserStore;
import io.hearth.server.user.UserChanged;
import java.util.List;

/**
 * Friends, friend requests and the blacklist, and the greetings of an accepted request.
 * One assembly method per part, called in dependency order by {@link HearthServer}; hand wiring, no container.
 */
final class RelationAssembly {

    private RelationAssembly() {
    }

    /**
     * Friends, friend requests and the blacklist: RPC methods, server API actions, versions in {@code session.info}
     * and the single-chat send check (so before {@link MessageAssembly#messages}). A change drops the relations
     * cached for the send checks on this node and, over a cluster call, on every other live node.
     */
    static RelationFeature relations(Core core, Nodes nodes, JdbcUserStore userStore, Entries entries) {
        RelationFeature r = RelationFeature.assemble(new JdbcRelationStore(core.db()), userStore::find,
                core.blocking(), core.clock(), core.config().relations(), nodes.notifier(), core.events(),
                core.metrics(), cache -> {
                    ClusterInvalidation signal = new ClusterInvalidation(nodes.membership(), nodes.calls(), cache);
                    return signal::send;
                });
        core.events().listen("relation-user-types", UserChanged.class,
                e -> r.cache().invalidate(List.of(e.user().userId())));
        RelationMethods.register(entries.rpc, r.requests(), r.friends());
        entries.sessionFacets.add(RelationMethods.versions(r.friends()));
        entries.admin.add(new RelationActions(r.friends(), r.requests()));
        entries.singleChatChecks.add(r.sendCheck());
        return r;
    }

    /** The greeting and "friend added" messages after an accepted request; needs the message service. */
    static void relationGreetings(Core core, MessageService messages) {
        Greetings greetings = new Greetings(messages);
        core.events().listen("friend-greetings", FriendAccepted.class, greetings::accepted);
    }
}
