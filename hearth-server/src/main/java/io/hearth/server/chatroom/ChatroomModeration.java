package io.hearth.server.chatroom;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The server API's changes of chatrooms: create (an upsert that keeps the room's create time and mute-all),
 * destroy (its members on every node leave), black statuses (a ban drops the user from the room on every node),
 * managers and mute-all; each answers 253 for a room that does not exist (create aside). Changes are stored, so
 * they hold on every node ({@link Rooms}) and across restarts. {@code expel} reaches the members on every node.
 * Any thread.
 */
public final class ChatroomModeration {

    /** Drops members from a room on every node: {@code userId} null for all of them (the room was destroyed). */
    public interface Expel {
        void expel(String chatroomId, String userId);
    }

    private final Rooms rooms;
    private final Expel expel;
    private final Clock clock;

    public ChatroomModeration(Rooms rooms, Expel expel, Clock clock) {
        this.rooms = rooms;
        this.expel = expel;
        this.clock = clock;
    }

    public CompletableFuture<Void> create(RoomInfo info) {
        return rooms.change(info.chatroomId(), s -> {
            RoomInfo stored = s.find(info.chatroomId()).map(old -> new RoomInfo(info.chatroomId(), info.title(),
                    info.desc(), info.portrait(), info.extra(), info.state(), old.muteAll(), old.createDt(),
                    info.updateDt())).orElse(info);
            s.upsert(stored);
            return null;
        });
    }

    public CompletableFuture<Void> destroy(String chatroomId) {
        return rooms.change(chatroomId, s -> s.delete(chatroomId)).thenAccept(existed -> {
            if (!existed) {
                throw notExist(chatroomId);
            }
            expel.expel(chatroomId, null);
        });
    }

    public CompletableFuture<Void> setBlack(String chatroomId, BlackStatus status) {
        return existing(chatroomId, s -> {
            s.setBlack(chatroomId, status);
            return null;
        }).thenRun(() -> {
            if (status.state() == BlackStatus.BANNED && status.active(clock.millis())) {
                expel.expel(chatroomId, status.userId());
            }
        });
    }

    /** The black statuses that hold now. */
    public CompletableFuture<List<BlackStatus>> blacks(String chatroomId) {
        long now = clock.millis();
        return existing(chatroomId, s -> s.blacks(chatroomId)).thenApply(list -> list.stream()
                .filter(b -> b.active(now)).toList());
    }

    public CompletableFuture<Void> setManager(String chatroomId, String userId, boolean manager) {
        return existing(chatroomId, s -> {
            s.setManager(chatroomId, userId, manager);
            return null;
        });
    }

    public CompletableFuture<List<String>> managers(String chatroomId) {
        return existing(chatroomId, s -> s.managers(chatroomId));
    }

    public CompletableFuture<Void> muteAll(String chatroomId, boolean mute) {
        return existing(chatroomId, s -> {
            s.upsert(s.find(chatroomId).orElseThrow(() -> notExist(chatroomId)).withMuteAll(mute, clock.millis()));
            return null;
        });
    }

    private <T> CompletableFuture<T> existing(String chatroomId, java.util.function.Function<ChatroomStore, T> work) {
        return rooms.change(chatroomId, s -> {
            if (s.find(chatroomId).isEmpty()) {
                throw notExist(chatroomId);
            }
            return work.apply(s);
        });
    }

    private static StatusException notExist(String chatroomId) {
        return new StatusException(Status.NOT_EXIST, "chatroom " + chatroomId + " not exist");
    }
}
