package io.hearth.server.bootstrap;

import io.hearth.server.group.GroupStore;
import io.hearth.server.relation.Friends;
import io.hearth.server.storage.jdbc.JdbcOutboxStore;
import io.hearth.server.storage.jdbc.JdbcRobotCallbacks;
import io.hearth.server.webhook.RobotCallbacks;
import io.hearth.server.webhook.EventWebhooks;
import io.hearth.server.webhook.WebhookFeature;

/**
 * The webhooks: the outbox, its listeners of post-commit events, the server API actions and the delivery (stopped
 * before the message writer, so it is stopped when the writer's last rows commit; what it had in flight is sent
 * again by the next node to look after the lease). Assembled before the messages, whose writer adds the message
 * rows to its transactions.
 */
final class WebhookAssembly {

    private WebhookAssembly() {
    }

    static WebhookFeature webhooks(Core core, Friends friends, GroupStore groups, Entries entries) {
        WebhookFeature f = WebhookFeature.assemble(core.config().webhooks(), new JdbcOutboxStore(core.db()),
                core.config().nodeId(), core.blocking(), core.events(), core.metrics(), core.clock());
        new EventWebhooks(f.outbox(), friends, groups).listen(core.events());
        new RobotCallbacks(f.outbox(), new JdbcRobotCallbacks(core.db())::all).listen(core.events());
        entries.admin.add(f.actions());
        return f;
    }

    /** Starts the delivery once everything it reads from is up. */
    static void start(Core core, WebhookFeature f) {
        core.keep(f.delivery());
        f.start();
    }
}
