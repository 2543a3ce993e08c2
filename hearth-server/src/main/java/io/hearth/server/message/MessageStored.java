package io.hearth.server.message;

import java.util.List;

/**
 * Event: a message was committed to the timelines of its sender and {@code receivers} (published once per message,
 * after the commit, on the writer's dispatch thread).
 */
public record MessageStored(StoredMessage message, List<String> receivers) {
}
