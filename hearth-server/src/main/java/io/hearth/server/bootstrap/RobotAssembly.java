package io.hearth.server.bootstrap;

import io.hearth.server.admin.AdminApi;
import io.hearth.server.admin.NonceLedger;
import io.hearth.server.message.MessageService;
import io.hearth.server.ratelimit.KeyedLimit;
import io.hearth.server.robot.RobotApi;
import io.hearth.server.robot.RobotPaths;
import io.hearth.server.storage.jdbc.JdbcRobotStore;
import io.hearth.server.transport.http.HttpRouter;
import java.time.Duration;

/** The robot API on the public HTTP port, built after every feature (it answers some paths with their actions). */
final class RobotAssembly {

    private RobotAssembly() {
    }

    static void robotApi(Core core, Entries entries, MessageService messages, NonceLedger nonces, HttpRouter router) {
        // the server API's actions, looked up by path (registered here a second time, on a registry only read)
        AdminApi actions = new AdminApi(null, null, core.metrics(), () -> true);
        entries.admin.forEach(f -> f.register(actions));
        int permits = core.config().policy().robotCalls();
        KeyedLimit limit = new KeyedLimit(permits <= 0 ? Integer.MAX_VALUE : permits, Duration.ofSeconds(10),
                core.clock());
        core.keep(limit.sweepEachWindow());
        RobotApi api = new RobotApi(new JdbcRobotStore(core.db()), core.blocking(), limit, nonces, core.clock(),
                core.metrics());
        RobotPaths.register(api, actions::find, messages, entries.messageChanges, new JdbcRobotStore(core.db()),
                core.blocking());
        api.register(router);
    }
}
