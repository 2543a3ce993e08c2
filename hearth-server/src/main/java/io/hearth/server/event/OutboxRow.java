package io.hearth.server.event;

/**
 * One event for the durable webhook outbox: its idempotency id ({@code eventId}), its kind (a webhook key such as
 * {@code message.forward.url}), the endpoint it goes to and its JSON body, created at {@code createdAt} (epoch ms).
 * Written in the transaction of the change it reports where the writer of that change can ({@code TimelineBatch}),
 * otherwise right after it.
 */
public record OutboxRow(String eventId, String kind, String endpoint, String body, long createdAt) {
}
