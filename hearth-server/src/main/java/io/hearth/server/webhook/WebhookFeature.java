package io.hearth.server.webhook;

import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.config.HearthConfig;
import io.hearth.server.event.EventHook;
import io.hearth.server.session.ClientPresence;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/**
 * The webhooks of one node: the outbox, the message rows the writer adds to its transactions, the server API
 * actions and the delivery (every node of a cluster delivers).
 */
public record WebhookFeature(Outbox outbox, MessageWebhooks messages, WebhookActions actions,
                             WebhookDelivery delivery) {

    public static WebhookFeature assemble(HearthConfig.Webhooks config, OutboxStore store, int nodeId,
                                          BlockingExecutor blocking, EventHook events, MeterRegistry meters,
                                          Clock clock) {
        Outbox outbox = new Outbox(config.urls(), store, clock);
        MessageWebhooks messages = new MessageWebhooks(outbox, config);
        if (config.forwardWithClientInfo() && outbox.enabled(WebhookKind.MESSAGE_FORWARD)) {
            events.listen("webhook-platforms", ClientPresence.class, messages::presence);
        }
        WebhookDelivery delivery = new WebhookDelivery(store, config, nodeId, clock,
                new WebhookMetrics(meters, clock, List.copyOf(config.urls().values())));
        outbox.onWritten(delivery::wake);
        return new WebhookFeature(outbox, messages, new WebhookActions(store, blocking, clock, delivery::wake),
                delivery);
    }

    /**
     * Starts the delivery: always, as robots set their own callbacks at any time (with nothing to deliver it is one
     * indexed query per poll interval).
     */
    public void start() {
        delivery.start();
    }
}
