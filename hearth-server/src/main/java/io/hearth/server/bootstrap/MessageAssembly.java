package io.hearth.server.bootstrap;

import io.hearth.server.admin.BroadcastActions;
import io.hearth.server.admin.MessageActions;
import io.hearth.server.admin.MessageChangeActions;
import io.hearth.server.broadcast.Broadcasts;
import io.hearth.server.broadcast.FanoutWorker;
import io.hearth.server.message.ClientMulticast;
import io.hearth.server.message.CommitEvents;
import io.hearth.server.message.CommitOutput;
import io.hearth.server.message.ConversationPolicies;
import io.hearth.server.message.ConversationPolicy;
import io.hearth.server.message.MessageChanges;
import io.hearth.server.message.HistoryMethods;
import io.hearth.server.message.MessageHistory;
import io.hearth.server.message.MessageIdGenerator;
import io.hearth.server.message.MessageMethods;
import io.hearth.server.message.MessageService;
import io.hearth.server.message.SharedTail;
import io.hearth.server.message.SingleChatPolicy;
import io.hearth.server.message.TimelineWriter;
import io.hearth.server.message.WriterMetrics;
import io.hearth.server.retention.RetentionJob;
import io.hearth.server.session.SessionMethods;
import io.hearth.server.storage.jdbc.JdbcFanoutStore;
import io.hearth.server.storage.jdbc.JdbcHistoryStore;
import io.hearth.server.storage.jdbc.JdbcMessageStore;
import io.hearth.server.storage.jdbc.JdbcRetentionStore;
import io.hearth.server.user.UserDirectory;
import io.micrometer.core.instrument.Gauge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The messages feature: the writer, the conversation policies and the message service, with their RPC methods and
 * server API actions; and {@code session.info}, which gathers the parts every feature added.
 * One assembly method per part, called in dependency order by {@link HearthServer}; hand wiring, no container.
 */
final class MessageAssembly {

    private MessageAssembly() {
    }

    /** The message writer (started here, stopped before the event loops) and the message service. */
    static MessageService messages(Core core, Nodes nodes, UserDirectory users, Entries entries,
                                   CommitEvents commitEvents) {
        var config = core.config();
        List<ConversationPolicy> policies = new ArrayList<>();
        policies.add(new SingleChatPolicy(users::exists, entries.singleChatChecks));
        policies.addAll(entries.policies);
        ConversationPolicies views = new ConversationPolicies(policies);
        JdbcMessageStore store = new JdbcMessageStore(core.db());
        SharedTail shared = new SharedTail(entries.sharedTimelines);
        TimelineWriter writer = new TimelineWriter(store, users::missing,
                new CommitOutput(nodes.delivery(), views, core.events(), shared), commitEvents,
                config.database().batchSize(),
                config.database().writerQueue(), new WriterMetrics(core.metrics()));
        Gauge.builder("hearth.writer.queue", writer, TimelineWriter::queued).register(core.metrics());
        writer.start();
        core.keep(writer);
        // one uid generator per node: two would hand out the same uids; above every stored uid after a restart
        MessageIdGenerator ids = new MessageIdGenerator(core.clock(), config.nodeId(),
                store.largestUid(MessageIdGenerator.MAX_UID));
        MessageService messages = new MessageService(writer, store, nodes.delivery(), views, shared,
                entries.sendChecks, ids, core.blocking(), config.messages(), core.clock());
        MessageMethods.register(entries.rpc, messages, Map.copyOf(entries.memoryPulls));
        MessageChanges changes = new MessageChanges(writer, store, views, ids, core.blocking(), config.lifecycle(),
                config.messages().maxContentSize(), core.clock(), core.events());
        MessageMethods.register(entries.rpc, changes);
        entries.messageChanges = changes;
        MessageMethods.register(entries.rpc, new ClientMulticast(writer, views, entries.sendChecks, ids,
                config.messages().maxContentSize(), core.clock()));
        entries.admin.add(new MessageChangeActions(changes));
        entries.admin.add(new BroadcastActions(broadcasts(core, writer, store, changes, ids, users),
                config.messages().maxContentSize()));
        entries.sessionFacets.add(MessageMethods.head(messages));
        HistoryMethods.register(entries.rpc, new MessageHistory(new JdbcHistoryStore(core.db()), views,
                entries.sharedTimelines, core.blocking(), config.messages(), core.clock()));
        entries.admin.add(new MessageActions(messages));
        core.keep(new RetentionJob(new JdbcRetentionStore(core.db()), config.messages().retention(), core.clock(),
                core.metrics())).start();
        return messages;
    }

    /** Multicast and broadcast, with the fan-out worker (started here, stopped before the writer). */
    private static Broadcasts broadcasts(Core core, TimelineWriter writer, JdbcMessageStore store,
                                         MessageChanges changes, MessageIdGenerator ids, UserDirectory users) {
        var config = core.config();
        JdbcFanoutStore fanouts = new JdbcFanoutStore(core.db());
        FanoutWorker worker = core.keep(new FanoutWorker(fanouts, store, writer, config.nodeId(), config.fanout(),
                core.clock(), core.metrics()));
        worker.start();
        return new Broadcasts(writer, changes, fanouts, worker, users::exists, ids, core.blocking(), config.nodeId(),
                core.clock());
    }

    /** {@code session.info}, with the parts every feature added; called after the last feature. */
    static void sessionInfo(Core core, Entries entries) {
        SessionMethods.register(entries.rpc, entries.sessionFacets, core.config().nodeId(), core.clock());
    }
}
