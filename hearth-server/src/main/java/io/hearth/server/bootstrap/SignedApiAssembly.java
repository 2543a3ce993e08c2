package io.hearth.server.bootstrap;

import io.hearth.protocol.Status;
import io.hearth.server.admin.AdminApi;
import io.hearth.server.admin.NonceLedger;
import io.hearth.server.admin.SignedApi;
import io.hearth.server.message.MessageService;
import io.hearth.server.channel.ChannelApiPaths;
import io.hearth.server.ratelimit.KeyedLimit;
import io.hearth.server.robot.RobotPaths;
import io.hearth.server.storage.jdbc.JdbcChannelStore;
import io.hearth.server.storage.jdbc.JdbcRobotStore;
import io.hearth.server.transport.http.HttpRouter;
import java.time.Duration;

/**
 * The robot API and the channel API on the public HTTP port, built after every feature (they answer some paths with
 * the server API's actions).
 */
final class SignedApiAssembly {

    private SignedApiAssembly() {
    }

    static void signedApis(Core core, Entries entries, MessageService messages, NonceLedger nonces,
                           HttpRouter router) {
        // the server API's actions, looked up by path (registered here a second time, on a registry only read)
        AdminApi actions = new AdminApi(null, null, core.metrics(), () -> true);
        entries.admin.forEach(f -> f.register(actions));
        robotApi(core, entries, messages, nonces, router, actions);
        JdbcChannelStore channels = new JdbcChannelStore(core.db());
        SignedApi channelApi = new SignedApi(new SignedApi.Rules("cid", Status.CHANNEL_NOT_EXIST,
                Status.CHANNEL_NO_SECRET, "http.channel.rate_limit"),
                cid -> channels.find(cid).map(c -> c.secret() == null ? "" : c.secret()), core.blocking(),
                limit(core, core.config().policy().channelCalls()), nonces, core.clock(), core.metrics());
        ChannelApiPaths.register(channelApi, actions::find, channels, messages, core.blocking(), core.clock());
        channelApi.register(router);
    }

    private static KeyedLimit limit(Core core, int permits) {
        KeyedLimit limit = new KeyedLimit(permits <= 0 ? Integer.MAX_VALUE : permits, Duration.ofSeconds(10),
                core.clock());
        core.keep(limit.sweepEachWindow());
        return limit;
    }

    private static void robotApi(Core core, Entries entries, MessageService messages, NonceLedger nonces,
                                 HttpRouter router, AdminApi actions) {
        KeyedLimit limit = limit(core, core.config().policy().robotCalls());
        JdbcRobotStore robots = new JdbcRobotStore(core.db());
        SignedApi api = new SignedApi(new SignedApi.Rules("rid", Status.NOT_EXIST, Status.NOT_RIGHT,
                "http.robot.rate_limit"), rid -> robots.find(rid).map(r -> r.secret() == null ? "" : r.secret()),
                core.blocking(), limit, nonces, core.clock(), core.metrics());
        RobotPaths.register(api, actions::find, messages, entries.messageChanges, robots, core.blocking());
        api.register(router);
    }
}
