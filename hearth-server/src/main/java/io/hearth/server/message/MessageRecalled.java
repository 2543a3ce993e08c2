package io.hearth.server.message;

/**
 * Event: {@code operator} recalled a message ({@code byAdmin}: through the server API) at {@code at}; {@code original}
 * is the message as it was before. Published after the recall is committed, on the thread that completed it.
 */
public record MessageRecalled(StoredMessage original, String operator, boolean byAdmin, long at) {
}
