package io.hearth.server.chatroom;

/**
 * A chatroom as stored: title, description, portrait, extra, state (0 normal, 1 not started, 2 ended), whether all
 * but managers are muted, and when it was created and last changed (epoch ms).
 */
public record RoomInfo(String chatroomId, String title, String desc, String portrait, String extra, int state,
                           boolean muteAll, long createDt, long updateDt) {

    public RoomInfo withMuteAll(boolean mute, long now) {
        return new RoomInfo(chatroomId, title, desc, portrait, extra, state, mute, createDt, now);
    }
}
