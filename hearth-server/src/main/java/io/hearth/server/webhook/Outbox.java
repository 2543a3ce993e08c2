package io.hearth.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.server.event.OutboxRow;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns events into outbox rows for the configured endpoints ({@code urls} by config key), and writes rows that
 * have no transaction of their own; {@link WebhookDelivery} is woken after each write. Thread-safe.
 */
public final class Outbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> urls;
    private final OutboxStore store;
    private final Clock clock;
    private volatile Runnable written = () -> { };

    public Outbox(Map<String, String> urls, OutboxStore store, Clock clock) {
        this.urls = urls;
        this.store = store;
        this.clock = clock;
    }

    /** Whether {@code kind} has an endpoint. */
    public boolean enabled(WebhookKind kind) {
        return urls.containsKey(kind.key());
    }

    /** Whether any kind has an endpoint. */
    public boolean any() {
        return !urls.isEmpty();
    }

    /** The row of {@code body} (serialized as JSON) for {@code kind}'s endpoint, with a new event id. */
    public OutboxRow row(WebhookKind kind, Object body) {
        String url = urls.get(kind.key());
        if (url == null) {
            throw new IllegalStateException(kind.key() + " has no endpoint");
        }
        try {
            return new OutboxRow(UUID.randomUUID().toString(), kind.key(), url, JSON.writeValueAsString(body),
                    clock.millis());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook body of " + kind.key() + " is not JSON", e);
        }
    }

    /** Writes {@code body} for {@code kind} in its own transaction, when {@code kind} has an endpoint. */
    public void write(WebhookKind kind, Object body) {
        if (enabled(kind)) {
            store.insert(List.of(row(kind, body)));
            written.run();
        }
    }

    /**
     * Writes {@code body} for {@code kind} to the endpoint {@code url} given with the event (a robot's own callback)
     * in its own transaction.
     */
    public void writeTo(WebhookKind kind, String url, Object body) {
        try {
            store.insert(List.of(new OutboxRow(UUID.randomUUID().toString(), kind.key(), url,
                    JSON.writeValueAsString(body), clock.millis())));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook body of " + kind.key() + " is not JSON", e);
        }
        written.run();
    }

    /** Called after this node wrote rows (in its own or the message writer's transaction). */
    void onWritten(Runnable r) {
        this.written = r;
    }

    /** Tells the delivery that rows were committed (the message writer, after its commit). */
    public void committed() {
        written.run();
    }
}
