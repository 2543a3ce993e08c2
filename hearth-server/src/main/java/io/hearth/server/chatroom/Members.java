package io.hearth.server.chatroom;

import io.hearth.protocol.pb.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's chatroom members (one entry per user: a user is in one room at a time) by user and by room, and each
 * room's last messages for the members that join next. Changes of membership are serialised on this object; reads
 * (a send's fan-out) take no lock. Any thread.
 */
final class Members {

    /** The most messages a room keeps for joins ({@code chatroom.pull_message_count_when_join} is at most this). */
    static final int RECENT = 50;

    private final Map<String, Member> byUser = new ConcurrentHashMap<>();
    private final Map<String, Set<Member>> byRoom = new ConcurrentHashMap<>();
    private final Map<String, Deque<Message>> recent = new ConcurrentHashMap<>();

    Member of(String userId) {
        return byUser.get(userId);
    }

    /** Puts {@code m} in its room in place of the user's current membership, which it answers (or null). */
    synchronized Member put(Member m) {
        Member old = byUser.put(m.userId, m);
        if (old != null) {
            leaveRoom(old);
        }
        byRoom.computeIfAbsent(m.chatroomId, r -> ConcurrentHashMap.newKeySet()).add(m);
        return old;
    }

    /** Removes {@code m} if it is still the user's membership. */
    synchronized boolean remove(Member m) {
        if (!byUser.remove(m.userId, m)) {
            return false;
        }
        leaveRoom(m);
        return true;
    }

    private void leaveRoom(Member m) {
        Set<Member> room = byRoom.get(m.chatroomId);
        if (room != null) {
            room.remove(m);
            if (room.isEmpty()) {
                byRoom.remove(m.chatroomId);
            }
        }
    }

    Set<Member> inRoom(String chatroomId) {
        return byRoom.getOrDefault(chatroomId, Set.of());
    }

    List<Member> all() {
        return new ArrayList<>(byUser.values());
    }

    int size() {
        return byUser.size();
    }

    /** Remembers {@code m} as the room's newest message. */
    void remember(String chatroomId, Message m) {
        Deque<Message> d = recent.computeIfAbsent(chatroomId, r -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(m);
            if (d.size() > RECENT) {
                d.removeFirst();
            }
        }
    }

    /** The room's last {@code count} messages, oldest first. */
    List<Message> last(String chatroomId, int count) {
        Deque<Message> d = recent.get(chatroomId);
        if (d == null || count <= 0) {
            return List.of();
        }
        synchronized (d) {
            List<Message> all = new ArrayList<>(d);
            return all.subList(Math.max(0, all.size() - count), all.size());
        }
    }

    /** Forgets a destroyed room's messages. */
    void forget(String chatroomId) {
        recent.remove(chatroomId);
    }
}
