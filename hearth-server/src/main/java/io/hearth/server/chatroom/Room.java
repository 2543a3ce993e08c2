package io.hearth.server.chatroom;

import java.util.Map;
import java.util.Set;

/** A chatroom's info with its moderation: its managers and its users' black statuses (expired ones included). */
public record Room(RoomInfo info, Set<String> managers, Map<String, BlackStatus> blacks) {

    public Room {
        managers = Set.copyOf(managers);
        blacks = Map.copyOf(blacks);
    }

    /** The black state of {@code userId} at {@code now}: {@link BlackStatus#NONE} when none or expired. */
    public int stateOf(String userId, long now) {
        BlackStatus s = blacks.get(userId);
        return s != null && s.active(now) ? s.state() : BlackStatus.NONE;
    }

    public boolean manager(String userId) {
        return managers.contains(userId);
    }
}
