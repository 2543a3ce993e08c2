package io.hearth.server.bootstrap;

import io.hearth.server.admin.GroupActions;
import io.hearth.server.group.GroupMethods;
import io.hearth.server.group.GroupNotices;
import io.hearth.server.group.GroupPolicy;
import io.hearth.server.group.GroupService;
import io.hearth.server.group.GroupStore;
import io.hearth.server.group.SuperGroupMembers;
import io.hearth.server.group.SuperGroupStore;
import io.hearth.server.group.SuperGroups;
import io.hearth.server.message.MessageService;
import io.hearth.server.relation.Friends;
import io.hearth.server.setting.SystemSettings;
import io.hearth.server.storage.jdbc.JdbcGroupStore;
import io.hearth.server.storage.jdbc.JdbcSuperGroupStore;
import io.hearth.server.user.UserDirectory;

/**
 * Groups: the group send policy (before {@link MessageAssembly#messages}, which takes the policies), then the group
 * service with its server API actions and client RPCs, which writes its notifications through the message service.
 * One assembly method per part, called in dependency order by {@link HearthServer}; hand wiring, no container.
 */
final class GroupAssembly {

    private GroupAssembly() {
    }

    /**
     * The store, the conversation policy of type 1, and the super groups' shared timelines with their part of
     * {@code session.info}.
     */
    static GroupStore policy(Core core, Nodes nodes, Entries entries) {
        GroupStore store = new JdbcGroupStore(core.db());
        entries.policies.add(new GroupPolicy(store, core.blocking(), core.config().groups().muteExceptionTypes()));
        SuperGroupStore superStore = new JdbcSuperGroupStore(core.db());
        SuperGroups superGroups = new SuperGroups(superStore, new SuperGroupMembers(superStore, core.clock()),
                nodes.notifier(), core.blocking());
        entries.sharedTimelines = superGroups;
        core.keep(superGroups);
        entries.sessionFacets.add(superGroups.heads());
        return store;
    }

    /**
     * The group service, {@code /admin/group/*} and the client RPCs; needs the message service for the
     * notifications and the friend lists for {@code group.disable_stranger_invite}.
     */
    static GroupService groups(Core core, GroupStore store, MessageService messages, SystemSettings settings,
                               UserDirectory users, Friends friends, Entries entries) {
        var config = core.config().groups();
        GroupService groups = new GroupService(store, core.blocking(), core.clock(), new GroupNotices(messages),
                core.events(), settings, config.defaultMaxMemberCount(), config.visibleQuitOrKickoff(),
                users::missing, config.superGroupThreshold());
        entries.admin.add(new GroupActions(groups));
        new GroupMethods(groups, new GroupMethods.Rules(config.forbiddenClientOperations(),
                config.clientCustomNotification(), config.disableStrangerInvite()), friends::friendIds)
                .register(entries.rpc);
        return groups;
    }
}
