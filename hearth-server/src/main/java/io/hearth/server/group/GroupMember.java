package io.hearth.server.group;

/**
 * One member row of a group ({@code PojoGroupMember}): its alias, role ({@link #type}, the reference's numbers),
 * extra, when it joined and when the row last changed. A member who left or was kicked keeps a row of type
 * {@link #REMOVED}, so that clients pulling the member list by update time learn of the removal.
 */
public record GroupMember(String groupId, String memberId, String alias, int type, String extra, long createdAt,
                          long updatedAt) {

    public static final int NORMAL = 0;
    public static final int MANAGER = 1;
    public static final int OWNER = 2;
    public static final int MUTED = 3;
    public static final int REMOVED = 4;
    public static final int ALLOWED = 5;

    public boolean present() {
        return type != REMOVED;
    }

    public GroupMember withType(int newType, long now) {
        return new GroupMember(groupId, memberId, alias, newType, extra, createdAt, now);
    }

    public GroupMember withAlias(String newAlias, long now) {
        return new GroupMember(groupId, memberId, newAlias, type, extra, createdAt, now);
    }

    public GroupMember withExtra(String newExtra, long now) {
        return new GroupMember(groupId, memberId, alias, type, newExtra, createdAt, now);
    }

    /** A removed member joining again: a new join time, the alias and extra it joins with. */
    public GroupMember rejoined(GroupMember joining) {
        return new GroupMember(groupId, memberId, joining.alias, joining.type, joining.extra, joining.createdAt,
                joining.updatedAt);
    }
}
