package io.hearth.server.message;

import java.util.List;

/**
 * Event: a stored message was changed (recalled, edited, deleted everywhere; {@code message.state()} says which)
 * and, when the change was distributed, its sender's and {@code receivers}' timelines got an entry carrying it
 * (published once per change, after the commit, on the writer's dispatch thread).
 */
public record MessageChanged(StoredMessage message, List<String> receivers) {
}
