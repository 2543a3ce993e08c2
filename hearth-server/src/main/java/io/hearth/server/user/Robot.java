package io.hearth.server.user;

/**
 * The robot part of a user of type 1: the user that owns it, the secret of the robot API, the webhook its messages
 * go to and free-form extra. Optional text is null when unset.
 */
public record Robot(String userId, String owner, String secret, String callback, String robotExtra) {
}
