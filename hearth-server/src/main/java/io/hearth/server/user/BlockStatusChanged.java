package io.hearth.server.user;

/** Event: the server API set a user's block status (0 normal, 1 muted, 2 banned). */
public record BlockStatusChanged(String userId, int status) {
}
