package io.hearth.server.message;

import io.hearth.protocol.pb.Message;
import java.util.List;

/**
 * Hands new timeline entries to the online sessions of their users, wherever in the cluster they are connected.
 * Called by the message writer's dispatch thread after a commit (and directly for transparent messages), once per
 * batch; implementations must not block.
 */
public interface Delivery {

    /** Pushes each user's entries, in order, to that user's sessions, except those each entry skips. */
    void deliver(List<UserPush> pushes);

    /** The new entries of one user and the user's newest seq. */
    record UserPush(String userId, List<Outgoing> entries, long head) {
    }

    /** One entry to push, and the client id of the session that must not get it (the sending one), or null. */
    record Outgoing(Message message, String skipClientId) {
    }
}
