package io.hearth.server.webhook;

import io.hearth.server.common.ThrottledLog;
import io.hearth.server.config.HearthConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: one poller thread takes the oldest live event of each endpoint that is due and not leased,
 * leases it to this node ({@code webhook.lease_seconds}) and hands it to a pool of {@code webhook.workers} threads,
 * at most one event per endpoint at a time, so an endpoint gets its events in outbox order. A 2xx answer deletes
 * the event; anything else (another status, a timeout, a refused connection) is retried after
 * {@code webhook.backoff_initial_ms} doubled per failure up to {@code webhook.backoff_max_ms}, until the event is
 * {@code webhook.max_age_seconds} old: then it is a dead letter. A node that dies holding a lease leaves the event
 * to whichever node looks after the lease ran out; it is sent again with the same {@code X-Hearth-Event-Id}.
 */
public final class WebhookDelivery implements AutoCloseable {

    public static final String EVENT_ID = "X-Hearth-Event-Id";
    public static final String EVENT_KIND = "X-Hearth-Event";
    public static final String ATTEMPT = "X-Hearth-Attempt";

    private static final Logger plainLog = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final ThrottledLog log = new ThrottledLog(plainLog, 10, TimeUnit.SECONDS);
    private static final long STATS_EVERY_MS = 5_000;

    private final OutboxStore store;
    private final HearthConfig.Webhooks config;
    private final int nodeId;
    private final Clock clock;
    private final WebhookMetrics metrics;
    private final Signature signature;
    private final HttpClient http;
    private final ExecutorService workers;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Object wake = new Object();
    private final Thread poller;
    private volatile boolean running = true;
    private boolean woken;
    private long statsAt;

    WebhookDelivery(OutboxStore store, HearthConfig.Webhooks config, int nodeId, Clock clock, WebhookMetrics metrics) {
        this.store = store;
        this.config = config;
        this.nodeId = nodeId;
        this.clock = clock;
        this.metrics = metrics;
        this.signature = new Signature(config.secret());
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.timeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.workers = Executors.newFixedThreadPool(config.workers(), r -> daemon(r, "hearth-webhook"));
        this.poller = daemon(this::loop, "hearth-webhook-poll");
    }

    void start() {
        poller.start();
    }

    /** Looks at the outbox now instead of after the poll interval (rows were just written or a delivery ended). */
    void wake() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            try {
                poll();
            } catch (RuntimeException e) {
                log.warn("poll", "webhook outbox poll failed; trying again", e);
            }
            synchronized (wake) {
                if (!woken && running) {
                    try {
                        wake.wait(config.pollIntervalMs());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    private void poll() {
        long now = clock.millis();
        if (now - statsAt >= STATS_EVERY_MS) {
            statsAt = now;
            metrics.refresh(store.stats());
        }
        int free = config.workers() - inFlight.size();
        if (free <= 0) {
            return;
        }
        List<OutboxEvent> heads = store.heads(now, free + inFlight.size());
        long leaseUntil = now + config.leaseSeconds() * 1000L;
        for (OutboxEvent e : heads) {
            if (free == 0) {
                return;
            }
            if (inFlight.contains(e.endpoint()) || !store.claim(e.id(), nodeId, now, leaseUntil)) {
                continue;
            }
            inFlight.add(e.endpoint());
            free--;
            workers.execute(() -> {
                try {
                    deliver(e);
                } finally {
                    inFlight.remove(e.endpoint());
                    wake();
                }
            });
        }
    }

    private void deliver(OutboxEvent e) {
        byte[] body = e.body().getBytes(StandardCharsets.UTF_8);
        String error;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(e.endpoint()))
                    .timeout(Duration.ofMillis(config.timeoutMs()))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header(EVENT_ID, e.eventId())
                    .header(EVENT_KIND, e.kind())
                    .header(ATTEMPT, String.valueOf(e.attempts() + 1))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (signature.enabled()) {
                b.header(Signature.HEADER, signature.sign(body));
            }
            int status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                store.delivered(e.id());
                metrics.sent(e.endpoint());
                return;
            }
            error = "HTTP " + status;
        } catch (IOException | IllegalArgumentException ex) {
            error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return; // stopping: the lease runs out and the event is sent again
        } catch (RuntimeException ex) {
            log.warn("store", "webhook delivery of event " + e.eventId() + " failed", ex);
            return;
        }
        metrics.failed(e.endpoint());
        failed(e, error);
    }

    private void failed(OutboxEvent e, String error) {
        long now = clock.millis();
        int attempts = e.attempts() + 1;
        boolean dead = now - e.ageFrom() >= config.maxAgeSeconds() * 1000L;
        long backoff = config.backoffInitialMs() << Math.min(attempts - 1, 30);
        long next = now + Math.min(backoff <= 0 ? Long.MAX_VALUE : backoff, config.backoffMaxMs());
        if (dead) {
            plainLog.warn("webhook event {} ({}) to {} is a dead letter after {} attempts: {}", e.eventId(), e.kind(),
                    e.endpoint(), attempts, error);
        } else {
            log.info("failed." + e.endpoint(), "webhook to {} failed ({}); attempt {} of event {} retried in {} ms",
                    e.endpoint(), error, attempts, e.eventId(), next - now);
        }
        store.failed(e.id(), attempts, next, error, dead);
    }

    @Override
    public void close() {
        running = false;
        wake();
        workers.shutdownNow();
        try {
            poller.join(5_000);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
