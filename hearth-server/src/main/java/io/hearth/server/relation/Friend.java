package io.hearth.server.relation;

/**
 * One user's relation to another as stored: {@code state} 0 friend or 1 not a friend (deleted, or a stranger the
 * user gave an alias or blacklisted); {@code version} is the owner's friend version at the row's last change.
 */
public record Friend(String userId, String friendUid, int state, boolean blacked, String alias, String extra,
                     long version, long createdAt, long updatedAt) {

    public static final int FRIEND = 0;
    public static final int NOT_FRIEND = 1;

    /** A new row of a user who has no relation to {@code friendUid} yet. */
    static Friend stranger(String userId, String friendUid, long now) {
        return new Friend(userId, friendUid, NOT_FRIEND, false, null, null, 0, now, now);
    }

    public boolean isFriend() {
        return state == FRIEND;
    }

    Friend withState(int newState, long newVersion, long now) {
        return new Friend(userId, friendUid, newState, blacked, alias, extra, newVersion, createdAt, now);
    }

    Friend withBlacked(boolean newBlacked, long newVersion, long now) {
        return new Friend(userId, friendUid, state, newBlacked, alias, extra, newVersion, createdAt, now);
    }

    Friend withAlias(String newAlias, long newVersion, long now) {
        return new Friend(userId, friendUid, state, blacked, newAlias, extra, newVersion, createdAt, now);
    }

    Friend withExtra(String newExtra, long newVersion, long now) {
        return new Friend(userId, friendUid, state, blacked, alias, newExtra, newVersion, createdAt, now);
    }
}
