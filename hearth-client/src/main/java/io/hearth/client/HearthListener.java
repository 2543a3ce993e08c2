package io.hearth.client;

import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.Notice;
import java.util.List;

/**
 * Receives what a {@link HearthClient} learns from the server. Every method is called on the client's event loop,
 * one call at a time, and must not block (hand heavy work to your own executor). Exceptions thrown here are logged
 * and otherwise ignored.
 */
public interface HearthListener {

    /**
     * New timeline entries from other users and from this user's other sessions, in seq order, each seq exactly
     * once (own sends of this client are never delivered: their result carries the seq). Transparent messages
     * (persist flag 4) arrive here too, with seq 0, as they are pushed.
     */
    default void onMessages(List<Message> messages) {
    }

    /**
     * New entries of a super group's shared timeline (read diffusion), in that timeline's seq order, each once
     * (their {@code seq} is the group's, not the user's). By default they go to {@link #onMessages}.
     */
    default void onSuperGroupMessages(String groupId, List<Message> messages) {
        onMessages(messages);
    }

    /** A session is established and caught up with the timeline (after the first connect and every reconnect). */
    default void onConnected() {
    }

    /**
     * An established session was lost (the client reconnects if enabled), or reconnecting stopped for good because
     * the token was refused ({@link HearthException} with code 6). Not called after {@link HearthClient#close()}.
     */
    default void onDisconnected(Throwable cause) {
    }

    /**
     * Something of this user's changed on the server ({@code kind}: friends, friend requests, settings, a profile):
     * pull it since the version you hold. After a reconnect, compare the versions in {@link HearthClient#sessionInfo()}
     * instead, as notices sent while offline are not repeated. A {@code sync} of {@link HearthClient#friends()} or
     * {@link HearthClient#settings()} does both by itself; its notices still reach this method.
     */
    default void onNotice(Notice notice) {
    }

    /** This session was kicked (code 7: taken over, kicked by an admin, same-platform login). No reconnect follows. */
    default void onKicked(int code, String msg) {
    }
}
