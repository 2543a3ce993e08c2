package io.hearth.protocol;

/** The kinds of a {@code Notice} push: what changed, and so what the client pulls. */
public final class NoticeKinds {

    /** A user's profile changed; target = the user id, version = its new update_dt. Pull with user.get_infos. */
    public static final String USER = "user";
    // relations
    /** The user's friend list changed (a friend added or deleted, an alias, extra or blacklist entry): {@code friend.pull}. */
    public static final String FRIEND = "friend";
    /** A friend request to or from the user was sent, handled or marked read: {@code friend.pull_requests}. */
    public static final String FRIEND_REQUEST = "friend_request";
    // settings
    /** The user's settings changed; {@code version} is the new setting version, pull {@code setting.pull}. */
    public static final String SETTING = "setting";
    // groups
    /**
     * A super group's shared timeline grew; target = the group id, version = its new head. Pull {@code message.pull}
     * type 2 from the last seq seen of that group.
     */
    public static final String GROUP_MESSAGE = "group_message";

    private NoticeKinds() {
    }
}
