/**
 * Retention ({@code message.retention_days}): the background job that purges the oldest timeline entries, shared
 * timeline entries and the messages no longer referenced, in bounded transactions, on every node (the deletes are
 * idempotent). Heads and seq numbering are never touched; a pull from before the kept range answers 26.
 */
package io.hearth.server.retention;
