package io.hearth.server.message;

import io.hearth.protocol.pb.Message;
import java.util.List;

/**
 * Hands new timeline entries to the online sessions of a user. Called by the message writer after a commit (and
 * directly for transparent messages); implementations must not block.
 */
public interface Delivery {

    /** Sends the entries, in order, to every online session of {@code userId} except those each entry skips. */
    void deliver(String userId, List<Outgoing> entries, long head);

    /** One entry to push, and the client id of the session that must not get it (the sending one), or null. */
    record Outgoing(Message message, String skipClientId) {
    }
}
