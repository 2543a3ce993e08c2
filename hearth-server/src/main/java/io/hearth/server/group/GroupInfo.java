package io.hearth.server.group;

/**
 * A group's info as stored, with the reference's fields ({@code PojoGroupInfo}) and what Hearth keeps besides:
 * the member count (members that are not removed), the time of the info's last change ({@code updatedAt}) and of
 * the member list's last change ({@code memberUpdatedAt}), by which clients pull what changed. Flags the reference
 * sends as 0/1 are ints here as on the wire; {@code maxMemberCount} 0 means "the system setting's".
 */
public record GroupInfo(String groupId, String name, String portrait, String owner, int type, String extra, int mute,
                        int joinType, int privateChat, int searchable, int historyMessage, int maxMemberCount,
                        boolean superGroup, int memberCount, long createdAt, long updatedAt, long memberUpdatedAt) {

    /** {@code join_type} 2: only the owner and managers add members. */
    public static final int JOIN_MANAGERS = 2;

    /** This info under another id (a create without an id gets a generated one). */
    public GroupInfo withId(String id) {
        return new GroupInfo(id, name, portrait, owner, type, extra, mute, joinType, privateChat, searchable,
                historyMessage, maxMemberCount, superGroup, memberCount, createdAt, updatedAt, memberUpdatedAt);
    }

    /** This info created at {@code now} by {@code ownerId} with {@code members} members. */
    public GroupInfo created(String ownerId, int members, long now) {
        return new GroupInfo(groupId, name, portrait, ownerId, type, extra, mute, joinType, privateChat, searchable,
                historyMessage, maxMemberCount, superGroup, members, now, now, now);
    }

    /** This info with read diffusion switched on or off ({@code super_group}). */
    public GroupInfo withSuperGroup(boolean on) {
        return new GroupInfo(groupId, name, portrait, owner, type, extra, mute, joinType, privateChat, searchable,
                historyMessage, maxMemberCount, on, memberCount, createdAt, updatedAt, memberUpdatedAt);
    }

    public boolean muted() {
        return mute != 0;
    }
}
