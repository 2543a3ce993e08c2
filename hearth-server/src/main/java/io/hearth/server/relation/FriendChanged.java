package io.hearth.server.relation;

/**
 * Event: {@code userId}'s relation to {@code peer} changed ({@code what}); published after the change is committed,
 * once per user whose rows or requests changed. For {@code READ} (marking requests read, perhaps several at once)
 * {@code peer} is empty.
 */
public record FriendChanged(String userId, String peer, What what) {

    /** What changed. */
    public enum What { REQUESTED, ACCEPTED, REJECTED, READ, ADDED, DELETED, ALIAS, EXTRA, BLACKLISTED, UNBLACKLISTED }
}
