/**
 * Webhooks: the reference's event callbacks, written to a durable outbox ({@link OutboxStore}) in the transaction
 * of the change they report or right after it, and delivered by {@link WebhookDelivery} (bounded pool, one event in
 * flight per endpoint, exponential backoff up to a maximum age, then a dead letter; HMAC-signed, with the event id
 * as idempotency id). {@link WebhookKind} is the one registry of event kinds.
 */
package io.hearth.server.webhook;
