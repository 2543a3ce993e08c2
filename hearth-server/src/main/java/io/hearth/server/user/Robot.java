package io.hearth.server.user;

/**
 * The robot part of a user of type 1: the user that owns it, the secret of the robot API, the webhook its messages
 * go to and free-form extra. Optional text is null when unset; the limits are the {@code robots} columns
 * (V3__users_profiles.sql; {@code robot_extra} is as long as a user's extra).
 */
public record Robot(String userId, String owner, String secret, String callback, String robotExtra) {

    /** {@code robots.secret}. */
    public static final int SECRET = 128;
    /** {@code robots.callback}. */
    public static final int CALLBACK = 2048;
}
