package io.hearth.server.message;

/** One row of a user's timeline: at {@code seq} the user has message {@code messageUid}. */
public record TimelineEntry(String userId, long seq, long messageUid, long serverTime) {
}
