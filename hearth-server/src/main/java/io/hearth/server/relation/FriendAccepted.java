package io.hearth.server.relation;

/**
 * Event: {@code toUid} accepted the request of {@code fromUid} (or a robot accepted it at once), committed; the
 * greetings listener puts the greeting and "friend added" messages into both timelines.
 */
public record FriendAccepted(String fromUid, String toUid, String reason) {
}
