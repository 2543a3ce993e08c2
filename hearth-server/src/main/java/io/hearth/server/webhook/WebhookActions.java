package io.hearth.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.admin.AdminActions;
import io.hearth.server.admin.AdminApi;
import io.hearth.server.admin.AdminJson;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Server API of the webhook outbox: {@code /admin/webhook/dead_letters} ({@code {after?, count?}} →
 * {@code {deadLetters:[...]}}, oldest first), {@code /admin/webhook/retry} and {@code /admin/webhook/delete}
 * ({@code {id}}; 253 when there is no dead letter with that id), {@code /admin/webhook/stats} (per endpoint:
 * pending, oldest, dead). Called on the admin port's event loop; the store is read on the blocking executor.
 */
public final class WebhookActions implements AdminActions {

    private static final int MAX_COUNT = 1000;

    private final OutboxStore store;
    private final BlockingExecutor blocking;
    private final Clock clock;
    private final Runnable retried;

    WebhookActions(OutboxStore store, BlockingExecutor blocking, Clock clock, Runnable retried) {
        this.store = store;
        this.blocking = blocking;
        this.clock = clock;
        this.retried = retried;
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/webhook/dead_letters", this::deadLetters)
                .action("/admin/webhook/retry", b -> {
                    long id = AdminJson.requiredLong(b, "id");
                    return blocking.supply(() -> {
                        found(store.retry(id, clock.millis()), id);
                        retried.run();
                        return null;
                    });
                })
                .action("/admin/webhook/delete", b -> {
                    long id = AdminJson.requiredLong(b, "id");
                    return blocking.supply(() -> {
                        found(store.deleteDead(id), id);
                        return null;
                    });
                })
                .action("/admin/webhook/stats", b -> blocking.supply(() -> Map.of("endpoints",
                        store.stats().stream().map(s -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("endpoint", s.endpoint());
                            m.put("pending", s.pending());
                            m.put("oldestPending", s.oldestCreatedAt());
                            m.put("dead", s.dead());
                            return m;
                        }).toList())));
    }

    private CompletableFuture<Object> deadLetters(JsonNode b) {
        long after = b.hasNonNull("after") ? AdminJson.requiredLong(b, "after") : 0;
        int count = AdminJson.optionalInt(b, "count", 100);
        if (count < 1 || count > MAX_COUNT) {
            throw FieldCheck.invalid("count must be 1.." + MAX_COUNT);
        }
        return blocking.supply(() -> {
            List<Map<String, Object>> out = store.dead(after, count).stream().map(WebhookActions::json).toList();
            return Map.of("deadLetters", out);
        });
    }

    private static void found(boolean found, long id) {
        if (!found) {
            throw new StatusException(Status.NOT_EXIST, "no dead letter " + id);
        }
    }

    private static Map<String, Object> json(OutboxEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("eventId", e.eventId());
        m.put("kind", e.kind());
        m.put("endpoint", e.endpoint());
        m.put("body", e.body());
        m.put("createdAt", e.createdAt());
        m.put("attempts", e.attempts());
        m.put("lastError", e.lastError());
        return m;
    }
}
