package io.hearth.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * Status codes shared by the client channel, the route API and the server API. The numbers and messages are the
 * reference's (WildfireChat {@code ErrorCode}), so integrations that branch on them keep working.
 */
public enum Status {
    SUCCESS(0, "success"),
    SECRET_KEY_MISMATCH(1, "secret key mismatch"),
    INVALID_DATA(2, "invalid data"),
    NODE_NOT_EXIST(3, "node not exist"),
    SERVER_ERROR(4, "server error"),
    NOT_MODIFIED(5, "not modified"),
    TOKEN_ERROR(6, "token error"),
    KICKED_OFF(7, "kicked off"),
    USER_FORBIDDEN(8, "user forbidden"),
    NOT_IN_GROUP(9, "not in group"),
    INVALID_MESSAGE(10, "invalid message"),
    GROUP_ALREADY_EXIST(11, "group already exist"),
    MEMBER_ALREADY_IN_GROUP(12, "member already in group"),
    GROUP_EXCEED_MAX_MEMBER_COUNT(240, "group exceed max member count"),
    GROUP_MUTED(241, "group is muted"),
    USER_BLOCKED(245, "user is blocked"),
    NOT_RIGHT(248, "no right to operate"),
    TIMEOUT(249, "timeout"),
    OVER_FREQUENCY(250, "over frequency"),
    INVALID_PARAMETER(251, "Invalid parameter"),
    NOT_EXIST(253, "not exist"),
    NOT_IMPLEMENT(254, "not implement"),
    API_NOT_SIGNED(239, "api not signed"),
    SENSITIVE_MATCHED(242, "sensitive matched"),
    SIGN_EXPIRED(243, "sign expired"),
    AUTH_FAILURE(244, "auth failure"),
    USER_NOT_PREPARED(238, "user not prepared"),
    FUNCTION_DISABLED(220, "function disabled"),
    // relations
    FRIEND_ALREADY_REQUEST(16, "already send request"),
    FRIEND_REQUEST_BLOCKED(18, "friend request blocked"),
    FRIEND_REQUEST_EXPIRED(19, "friend request expired"),
    ALREADY_FRIEND(23, "already friend"),
    // channels
    NOT_IN_CHANNEL(21, "not in channel"),
    CHANNEL_NOT_EXIST(236, "channel not exist"),
    CHANNEL_NO_SECRET(237, "channel has no secret"),
    // message lifecycle
    RECALL_TIME_EXPIRED(24, "recall time expired"),
    // retention (Hearth's own: the reference has no purge); the reply carries the pull result with oldest_seq
    MESSAGES_PURGED(26, "messages purged"),
    IN_BLACKLIST(246, "user in blacklist"),
    // chatrooms
    NOT_IN_CHATROOM(20, "not in chatroom"),
    OTHER_CLIENT_IN_CHATROOM(225, "other client already in chatroom");

    private static final Map<Integer, Status> BY_CODE = new HashMap<>();

    static {
        for (Status s : values()) {
            BY_CODE.put(s.code, s);
        }
    }

    private final int code;
    private final String message;

    Status(int code, String message) {
        this.code = code;
        this.message = message;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** The status with this wire code, or {@link #SERVER_ERROR} for a code this version does not know. */
    public static Status of(int code) {
        return BY_CODE.getOrDefault(code, SERVER_ERROR);
    }
}
