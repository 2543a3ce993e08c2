package io.hearth.server.user;

/** Event: a user was created, changed or destroyed; {@code user} is as stored now. */
public record UserChanged(User user) {
}
