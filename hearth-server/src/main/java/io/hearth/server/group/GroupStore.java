package io.hearth.server.group;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where groups and their members are kept. Blocking; called on the blocking executor only. A change of one group
 * runs in one transaction that holds the group's row lock, so changes of the same group through several nodes run
 * one after the other and the member count stays exact.
 */
public interface GroupStore {

    /** Stores a new group with its members; false when a group with its id exists. */
    boolean create(GroupInfo info, List<GroupMember> members);

    Optional<GroupInfo> find(String groupId);

    /** The groups among {@code groupIds} that exist, in the order asked. */
    List<GroupInfo> find(Collection<String> groupIds);

    /** Every member row of the group, removed members included, by member id. */
    Map<String, GroupMember> members(String groupId);

    Optional<GroupMember> member(String groupId, String memberId);

    /** Ids of the groups where the user's row has one of {@code types}. */
    List<String> groupsOf(String userId, Set<Integer> types);

    /** Ids of the groups where both users are present members. */
    List<String> common(String first, String second);

    /**
     * Runs {@code work} on the locked group; {@code work} gets empty {@link Changes#info} when the group does not
     * exist. Committed when it returns, rolled back when it throws.
     */
    <T> T change(String operation, String groupId, Function<Changes, T> work);

    /** What a change can do to its locked group. */
    interface Changes {

        /** The group as locked, with the changes of this transaction applied so far. */
        Optional<GroupInfo> info();

        /** Every member row, removed members included, by member id. */
        Map<String, GroupMember> members();

        /** Sets one field of the info and its update time. */
        void set(GroupField field, Object value, long now);

        /** Inserts or replaces member rows; the member count and member update time follow. */
        void putMembers(Collection<GroupMember> members, long now);

        /** Deletes the group and all its member rows. */
        void delete();
    }
}
