package io.hearth.server.relation;

/**
 * The latest friend request from {@code fromUid} to {@code toUid}: {@code status} 0 pending, 1 accepted,
 * 2 rejected; {@code read} whether the receiver marked it read. Each of the two users syncs it by their own
 * friend-request version at its last change ({@code fromVersion}, {@code toVersion}).
 */
public record FriendRequest(String fromUid, String toUid, String reason, String extra, int status, boolean read,
                            long fromVersion, long toVersion, long createdAt, long updatedAt) {

    public static final int PENDING = 0;
    public static final int ACCEPTED = 1;
    public static final int REJECTED = 2;

    FriendRequest handled(int newStatus, long newFromVersion, long newToVersion, long now) {
        return new FriendRequest(fromUid, toUid, reason, extra, newStatus, read, newFromVersion, newToVersion,
                createdAt, now);
    }

    /** The version of this request for {@code userId}, one of its two users. */
    long versionFor(String userId) {
        return userId.equals(fromUid) ? fromVersion : toVersion;
    }
}
