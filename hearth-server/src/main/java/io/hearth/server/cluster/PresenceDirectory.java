package io.hearth.server.cluster;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Which nodes hold live sessions of which users, so that pushes and kicks go only to those nodes. Blocking: call
 * off the event loops.
 */
public interface PresenceDirectory {

    /** Records that this node holds (or no longer holds) sessions of the user. */
    void set(String userId, boolean present);

    /**
     * Records that this node holds sessions of every one of {@code userIds}, as one operation where the directory
     * can batch (a re-announce after a membership change).
     */
    default void announceAll(Collection<String> userIds) {
        userIds.forEach(u -> set(u, true));
    }

    /** The nodes holding sessions of each user; users on no node are absent. */
    Map<String, Set<Integer>> nodesOf(Collection<String> userIds);
}
