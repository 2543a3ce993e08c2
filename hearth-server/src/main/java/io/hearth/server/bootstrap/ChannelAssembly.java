package io.hearth.server.bootstrap;

import io.hearth.server.admin.ChannelActions;
import io.hearth.server.channel.ChannelPolicy;
import io.hearth.server.channel.Channels;
import io.hearth.server.storage.jdbc.JdbcChannelStore;
import io.hearth.server.user.UserDirectory;

/** Channels: their conversation policy (type 3) and server API actions. Before {@link MessageAssembly#messages}. */
final class ChannelAssembly {

    private ChannelAssembly() {
    }

    static void channels(Core core, UserDirectory users, Entries entries) {
        JdbcChannelStore store = new JdbcChannelStore(core.db());
        entries.policies.add(new ChannelPolicy(store, core.blocking()));
        entries.admin.add(new ChannelActions(new Channels(store, users::exists, core.blocking(), core.clock())));
    }
}
