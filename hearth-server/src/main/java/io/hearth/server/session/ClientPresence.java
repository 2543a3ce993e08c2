package io.hearth.server.session;

/**
 * Event: a client of a user logged in on this node ({@code online}) or its connection closed, at {@code at} (epoch
 * ms). Published on the connection's event loop.
 */
public record ClientPresence(String userId, String clientId, int platform, boolean online, int nodeId, long at) {
}
