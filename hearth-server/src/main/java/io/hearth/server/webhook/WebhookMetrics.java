package io.hearth.server.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per endpoint: {@code hearth.webhook.sent} and {@code hearth.webhook.failed} (attempts of this node),
 * {@code hearth.webhook.pending}, {@code hearth.webhook.dead} and {@code hearth.webhook.oldest_pending_seconds}
 * (the whole outbox, as of this node's last look, {@link #refresh}).
 */
final class WebhookMetrics {

    private record Stats(long pending, long oldestCreatedAt, long dead) {
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Stats> stats = new ConcurrentHashMap<>();
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private final Map<String, Counter> failed = new ConcurrentHashMap<>();

    WebhookMetrics(MeterRegistry meters, Clock clock, List<String> endpoints) {
        this.meters = meters;
        this.clock = clock;
        endpoints.forEach(this::gauges);
    }

    void sent(String endpoint) {
        sent.computeIfAbsent(endpoint, e -> meters.counter("hearth.webhook.sent", "endpoint", e)).increment();
    }

    void failed(String endpoint) {
        failed.computeIfAbsent(endpoint, e -> meters.counter("hearth.webhook.failed", "endpoint", e)).increment();
    }

    /** The outbox as read just now; endpoints without rows have none pending. */
    void refresh(List<OutboxStore.EndpointStats> now) {
        stats.replaceAll((e, s) -> new Stats(0, 0, 0));
        for (OutboxStore.EndpointStats s : now) {
            if (!stats.containsKey(s.endpoint())) {
                gauges(s.endpoint());
            }
            stats.put(s.endpoint(), new Stats(s.pending(), s.oldestCreatedAt(), s.dead()));
        }
    }

    private void gauges(String endpoint) {
        stats.putIfAbsent(endpoint, new Stats(0, 0, 0));
        Gauge.builder("hearth.webhook.pending", stats, m -> m.get(endpoint).pending()).tag("endpoint", endpoint)
                .register(meters);
        Gauge.builder("hearth.webhook.dead", stats, m -> m.get(endpoint).dead()).tag("endpoint", endpoint)
                .register(meters);
        Gauge.builder("hearth.webhook.oldest_pending_seconds", stats, m -> {
            Stats s = m.get(endpoint);
            return s.pending() == 0 ? 0 : Math.max(0, clock.millis() - s.oldestCreatedAt()) / 1000.0;
        }).tag("endpoint", endpoint).register(meters);
    }
}
