package io.hearth.server.chatroom;

/**
 * A user's black status in a chatroom: {@link #MUTED} (may listen, not send) or {@link #BANNED} (may not be in it),
 * until {@code expiredTime} (epoch ms; 0 = never).
 */
public record BlackStatus(String userId, int state, long expiredTime) {

    public static final int NONE = 0;
    public static final int MUTED = 1;
    public static final int BANNED = 2;

    /** Whether the status still holds at {@code now}. */
    public boolean active(long now) {
        return state != NONE && (expiredTime <= 0 || now < expiredTime);
    }
}
