package io.hearth.server.webhook;

/**
 * A row of the outbox as a delivering node sees it: its row {@code id} (the order per endpoint), the event's
 * idempotency id, kind, endpoint and body, when it was written, the time its maximum age counts from
 * ({@code ageFrom}: written, or retried from the dead letters), the failed attempts so far and the last error.
 */
public record OutboxEvent(long id, String eventId, String kind, String endpoint, String body, long createdAt,
                          long ageFrom, int attempts, String lastError) {
}
