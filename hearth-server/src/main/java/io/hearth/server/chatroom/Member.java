package io.hearth.server.chatroom;

/**
 * A user in a chatroom, with the one client it joined from, its queue, and when it was last active (joined, pulled
 * or sent; epoch ms of the node's clock).
 */
final class Member {

    final String userId;
    final String clientId;
    final int platform;
    final String chatroomId;
    final MemberQueue queue;
    private volatile long lastActive;

    Member(String userId, String clientId, int platform, String chatroomId, MemberQueue queue, long now) {
        this.userId = userId;
        this.clientId = clientId;
        this.platform = platform;
        this.chatroomId = chatroomId;
        this.queue = queue;
        this.lastActive = now;
    }

    void touch(long now) {
        lastActive = now;
    }

    long lastActive() {
        return lastActive;
    }
}
