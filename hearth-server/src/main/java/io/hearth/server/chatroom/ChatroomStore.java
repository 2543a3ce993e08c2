package io.hearth.server.chatroom;

import java.util.List;
import java.util.Optional;

/** The stored chatrooms and their moderation. Blocking: call on the blocking executor. */
public interface ChatroomStore {

    Optional<RoomInfo> find(String chatroomId);

    /** Inserts or replaces the room's info (keeping its create time when it existed). */
    void upsert(RoomInfo info);

    /** Deletes the room and its moderation; false when there was none. */
    boolean delete(String chatroomId);

    /** Sets (state above 0) or clears (state 0) a user's black status. */
    void setBlack(String chatroomId, BlackStatus status);

    List<BlackStatus> blacks(String chatroomId);

    void setManager(String chatroomId, String userId, boolean manager);

    List<String> managers(String chatroomId);
}
