package io.hearth.server.group;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What super groups read about their members beside the {@link GroupStore}: who may read a group's shared timeline
 * from where, the heads a user's groups' shared timelines are at, and the present members to tell of a new entry.
 * Blocking; called on the blocking executor only.
 */
public interface SuperGroupStore {

    /** The reading rights of {@code userId} in the group, or empty when the group does not exist. */
    Optional<Reader> reader(String groupId, String userId);

    /** The head of the shared timeline of every group {@code userId} is a present member of that has one. */
    Map<String, Long> heads(String userId);

    /** The group's member list version (its member update time), or empty when the group does not exist. */
    Optional<Long> memberVersion(String groupId);

    /** The ids of the group's present members (every type but removed). */
    List<String> presentMembers(String groupId);

    /**
     * A user's rights in a group: whether a present member, whether the group shows its history
     * ({@code history_message}), the shared timeline's head when the user (re)joined, its head now, and its head
     * when the group was created (above 0 for a group created under the id of a dismissed one).
     */
    record Reader(boolean member, boolean history, long joinSeq, long head, long createdSeq) {

        /** The seq after which this reader reads. */
        public long readsAfter() {
            return Math.max(createdSeq, history ? 0 : joinSeq);
        }
    }
}
