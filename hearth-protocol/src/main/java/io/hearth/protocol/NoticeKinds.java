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
    /**
     * Someone received or read messages of the receiver's: {@code target} is the conversation as the receiver sees
     * it ("type-line-target"), {@code version} the receipt's time; {@code message.receipts} tells who and how far.
     */
    public static final String RECEIPT = "receipt";
    /**
     * The user read a conversation on another device: {@code target} is the conversation ("type-line-target"),
     * {@code version} the time up to which it is read (its unread count is 0 up to there).
     */
    public static final String CONVERSATION_READ = "conversation_read";

    // chatrooms
    /**
     * The user's chatroom queue grew; target = the chatroom id, version = the queue's new head. Pull
     * {@code message.pull} type 1 with that target from the last seq seen. At most one such notice is outstanding
     * until the client pulls (or a second has passed).
     */
    public static final String CHATROOM_MESSAGE = "chatroom_message";
    /**
     * The user left its chatroom without asking: target = the chatroom id; version 0 idle
     * ({@code chatroom.participant_idle_time}), 1 another client of the user joined, 2 banned, 3 the room was
     * destroyed.
     */
    public static final String CHATROOM_LEFT = "chatroom_left";

    private NoticeKinds() {
    }
}
