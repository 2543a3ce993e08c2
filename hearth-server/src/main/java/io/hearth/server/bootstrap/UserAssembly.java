package io.hearth.server.bootstrap;

import io.hearth.server.admin.BlockActions;
import io.hearth.server.admin.OnlineActions;
import io.hearth.server.admin.RobotActions;
import io.hearth.server.admin.UserActions;
import io.hearth.server.admin.UserProfileActions;
import io.hearth.server.auth.TokenCodec;
import io.hearth.server.message.BlockedSenderCheck;
import io.hearth.server.mqtt.ConnectionRegistry;
import io.hearth.server.session.Kicker;
import io.hearth.server.session.SessionService;
import io.hearth.server.storage.jdbc.JdbcBlockStore;
import io.hearth.server.storage.jdbc.JdbcRobotStore;
import io.hearth.server.storage.jdbc.JdbcSessionStore;
import io.hearth.server.storage.jdbc.JdbcUserStore;
import io.hearth.server.user.BlockStatuses;
import io.hearth.server.user.Robots;
import io.hearth.server.user.UserDirectory;
import io.hearth.server.user.UserMethods;
import io.hearth.server.user.UserPoller;
import io.hearth.server.user.UserProfiles;
import java.util.List;

/**
 * The users feature: the directory, mute and ban, sessions and tokens, profiles and robots, with their
 * server API actions and client RPCs.
 * One assembly method per part, called in dependency order by {@link HearthServer}; hand wiring, no container.
 */
final class UserAssembly {

    /** How often a node reads the block statuses and destroyed users other nodes changed. */
    static final long USER_POLL_MILLIS = 1000;

    private UserAssembly() {
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

    static SessionService sessions(Core core, Nodes nodes, JdbcUserStore users, BlockStatuses blocks) {
        var config = core.config();
        SessionService sessions = new SessionService(new JdbcSessionStore(core.db()), users,
                new TokenCodec(config.tokens().key()), nodes.kicker(), core.blocking(), config.tokens(), core.clock(),
                blocks::checkLogin);
        return sessions;
    }

    static void userActions(UserDirectory users, SessionService sessions, Nodes nodes, Entries entries) {
        entries.admin.add(0, new UserActions(users, sessions, nodes.registry(), nodes.all()));
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
}
