package io.hearth.server.message;

/**
 * One entry of a shared timeline (read diffusion, a super group's): at {@code seq} of timeline {@code timelineId}
 * is {@code message}. A message has at most one shared entry.
 */
public record SharedEntry(String timelineId, long seq, StoredMessage message) {
}
