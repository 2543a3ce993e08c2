package io.hearth.server.bootstrap;

import io.hearth.server.admin.BlockActions;
import io.hearth.server.admin.MessageActions;
import io.hearth.server.admin.OnlineActions;
import io.hearth.server.admin.RelationActions;
import io.hearth.server.admin.RobotActions;
import io.hearth.server.admin.UserActions;
import io.hearth.server.admin.UserProfileActions;
import io.hearth.server.auth.TokenCodec;
import io.hearth.server.message.BlockedSenderCheck;
import io.hearth.server.message.CommitOutput;
import io.hearth.server.message.ConversationPolicies;
import io.hearth.server.message.ConversationPolicy;
import io.hearth.server.message.MessageIdGenerator;
import io.hearth.server.message.MessageMethods;
import io.hearth.server.message.MessageService;
import io.hearth.server.message.SingleChatPolicy;
import io.hearth.server.message.TimelineWriter;
import io.hearth.server.message.WriterMetrics;
import io.hearth.server.mqtt.ConnectionRegistry;
import io.hearth.server.relation.ClusterInvalidation;
import io.hearth.server.relation.FriendAccepted;
import io.hearth.server.relation.Greetings;
import io.hearth.server.relation.RelationFeature;
import io.hearth.server.relation.RelationMethods;
import io.hearth.server.session.Kicker;
import io.hearth.server.session.SessionMethods;
import io.hearth.server.session.SessionService;
import io.hearth.server.storage.jdbc.JdbcBlockStore;
import io.hearth.server.storage.jdbc.JdbcMessageStore;
import io.hearth.server.storage.jdbc.JdbcRelationStore;
import io.hearth.server.storage.jdbc.JdbcRobotStore;
import io.hearth.server.storage.jdbc.JdbcSessionStore;
import io.hearth.server.storage.jdbc.JdbcUserStore;
import io.hearth.server.user.BlockStatuses;
import io.hearth.server.user.Robots;
import io.hearth.server.user.UserChanged;
import io.hearth.server.user.UserDirectory;
import io.hearth.server.user.UserMethods;
import io.hearth.server.user.UserPoller;
import io.hearth.server.user.UserProfiles;
import io.micrometer.core.instrument.Gauge;
import io.hearth.server.message.ForbiddenClientTypes;
import io.hearth.server.message.MessageStored;
import io.hearth.server.ratelimit.KeyedLimit;
import io.hearth.server.ratelimit.LimitedMethods;
import io.hearth.server.ratelimit.WindowLimit;
import io.hearth.server.rpc.RpcMethod;
import io.hearth.server.sensitive.SensitiveActions;
import io.hearth.server.sensitive.SensitiveFilter;
import io.hearth.server.sensitive.SensitiveHits;
import io.hearth.server.sensitive.SensitiveWords;
import io.hearth.server.setting.SettingActions;
import io.hearth.server.setting.SettingMethods;
import io.hearth.server.setting.SystemSettings;
import io.hearth.server.setting.UserSettings;
import io.hearth.server.storage.jdbc.JdbcSensitiveWordStore;
import io.hearth.server.storage.jdbc.JdbcSettingStore;
import io.hearth.server.storage.jdbc.JdbcSystemSettingStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One assembly method per feature: each builds the feature's services from the core and what earlier features
 * built, and adds its RPC methods, server API actions, {@code session.info} parts and send checks to the
 * {@link Entries}. Called in dependency order by {@link HearthServer}; hand wiring, no container.
 */
final class Features {

    /** How often a node reads the block statuses and destroyed users other nodes changed. */
    static final long USER_POLL_MILLIS = 1000;

    private Features() {
    }

    static UserDirectory users(Core core, Nodes nodes, JdbcUserStore store) {
        return new UserDirectory(store, core.blocking(), core.events(), nodes.notifier(), core.clock());
    }

    /**
     * Mute and ban: the statuses every node keeps in memory, the check of every send, and the poller that
     * reads other nodes' changes (and destroyed users) every second; started here, stopped with the node.
     */
    static BlockStatuses blockStatuses(Core core, Nodes nodes, UserDirectory users, Entries entries) {
        ConnectionRegistry registry = nodes.registry();
        BlockStatuses blocks = new BlockStatuses(new JdbcBlockStore(core.db()), core.blocking(), core.events(),
                core.clock(), userId -> registry.connectionsOf(userId)
                        .forEach(c -> registry.kick(userId, c.clientId(), Kicker.Cause.BANNED)));
        entries.sendChecks.add(new BlockedSenderCheck(blocks::sendRefusal));
        core.keep(UserPoller.start(USER_POLL_MILLIS, List.of(blocks::refresh, users::forgetDestroyed)));
        return blocks;
    }

    static SessionService sessions(Core core, Nodes nodes, JdbcUserStore users, BlockStatuses blocks,
                                   Entries entries) {
        var config = core.config();
        SessionService sessions = new SessionService(new JdbcSessionStore(core.db()), users,
                new TokenCodec(config.tokens().key()), nodes.kicker(), core.blocking(), config.tokens(), core.clock(),
                blocks::checkLogin);
        return sessions;
    }

    /**
     * Profiles, robots and the rest of the users' server API and client RPCs; after the sessions, which
     * destroy and ban kick.
     */
    static void profiles(Core core, Nodes nodes, JdbcUserStore store, UserDirectory users, BlockStatuses blocks,
                         SessionService sessions, Entries entries) {
        var config = core.config().users();
        UserProfiles profiles = new UserProfiles(store, users, nodes.notifier(), core.events(), core.blocking(),
                core.clock(), config.keepDisplayNameWhenDestroy());
        UserMethods methods = new UserMethods(profiles, config);
        methods.register(entries.rpc);
        entries.sessionFacets.add(methods.facet());
        Robots robots = new Robots(new JdbcRobotStore(core.db()), store, users, core.blocking());
        entries.admin.add(new UserProfileActions(profiles, sessions));
        entries.admin.add(new BlockActions(users, blocks, sessions, nodes.kicker()));
        entries.admin.add(new OnlineActions(nodes.registry(), nodes.membership(), nodes.calls(),
                core.blocking()));
        entries.admin.add(new RobotActions(robots, users));
    }

    /** The message writer (started here, stopped before the event loops) and the message service. */
    static MessageService messages(Core core, Nodes nodes, UserDirectory users, Entries entries) {
        var config = core.config();
        List<ConversationPolicy> policies = new ArrayList<>();
        policies.add(new SingleChatPolicy(users::exists, entries.singleChatChecks));
        policies.addAll(entries.policies);
        ConversationPolicies views = new ConversationPolicies(policies);
        JdbcMessageStore store = new JdbcMessageStore(core.db());
        TimelineWriter writer = new TimelineWriter(store, users::missing,
                new CommitOutput(nodes.delivery(), views, core.events()), config.database().batchSize(),
                config.database().writerQueue(), new WriterMetrics(core.metrics()));
        Gauge.builder("hearth.writer.queue", writer, TimelineWriter::queued).register(core.metrics());
        writer.start();
        MessageService messages = new MessageService(writer, store, nodes.delivery(), views, entries.sendChecks,
                new MessageIdGenerator(core.clock(), config.nodeId()), core.blocking(), config.messages(),
                core.clock());
        MessageMethods.register(entries.rpc, messages);
        entries.sessionFacets.add(MessageMethods.head(messages));
        entries.admin.add(new MessageActions(messages));
        core.keep(writer);
        return messages;
    }

    /** {@code session.info}, with the parts every feature added; called after the last feature. */
    static void sessionInfo(Core core, Entries entries) {
        SessionMethods.register(entries.rpc, entries.sessionFacets, core.config().nodeId(), core.clock());
    }

    static void userActions(UserDirectory users, SessionService sessions, Nodes nodes, Entries entries) {
        entries.admin.add(0, new UserActions(users, sessions, nodes.registry(), nodes.all()));
    }

    // relations
    /**
     * Friends, friend requests and the blacklist: RPC methods, server API actions, versions in {@code session.info}
     * and the single-chat send check (so before {@link #messages}). A change drops the relations cached for the
     * send checks on this node and, over a cluster call, on every other live node.
     */
    static RelationFeature relations(Core core, Nodes nodes, JdbcUserStore userStore, Entries entries) {
        RelationFeature r = RelationFeature.assemble(new JdbcRelationStore(core.db()), userStore::find,
                core.blocking(), core.clock(), core.config().relations(), nodes.notifier(), core.events(), cache -> {
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

    // settings

    /**
     * The send checks of the policy, in front of every send: content types only the server API may send, then the
     * sensitive-word filter (its list polled from the database); under filter type 3 a listener records the hits.
     * Before {@link #messages}.
     */
    static SensitiveWords policy(Core core, Entries entries) {
        var policy = core.config().policy();
        entries.sendChecks.add(new ForbiddenClientTypes(policy.forbiddenClientSendTypes()));
        JdbcSensitiveWordStore store = new JdbcSensitiveWordStore(core.db());
        SensitiveWords words = core.keep(new SensitiveWords(store, core.blocking(), core.clock())).start();
        entries.sendChecks.add(new SensitiveFilter(words, policy.sensitiveFilterType()));
        if (policy.sensitiveFilterType() == SensitiveFilter.RECORD) {
            core.events().listen("sensitive-hits", MessageStored.class, new SensitiveHits(words, store, core.clock()));
        }
        entries.admin.add(new SensitiveActions(words));
        return words;
    }

    /** User settings (RPCs, their version in {@code session.info}, server API) and system settings. */
    static SystemSettings settings(Core core, Nodes nodes, UserDirectory users, Entries entries) {
        UserSettings settings = new UserSettings(new JdbcSettingStore(core.db()), core.blocking(), nodes.notifier(),
                core.events(), core.clock());
        SystemSettings system = new SystemSettings(new JdbcSystemSettingStore(core.db()), core.blocking());
        SettingMethods.register(entries.rpc, settings);
        entries.sessionFacets.add(SettingMethods.version(settings));
        entries.admin.add(new SettingActions(settings, system, users::exists));
        return system;
    }

    /** The checked RPC table with {@code client.request_rate_limit} in front of every method; after every feature. */
    static Map<String, RpcMethod> rpcMethods(Core core, Entries entries) {
        KeyedLimit limit = new KeyedLimit(core.config().policy().clientRequests(), LimitedMethods.WINDOW,
                core.clock());
        core.keep(limit.sweepEachWindow());
        return LimitedMethods.wrap(entries.rpc.methods(), limit, core.metrics());
    }

    /** {@code http.admin.rate_limit}: this node's server API calls in each 10 s. */
    static BooleanSupplier adminRateLimit(Core core) {
        return new WindowLimit(core.config().policy().adminCalls(), Duration.ofSeconds(10), core.clock())::tryAcquire;
    }
}
