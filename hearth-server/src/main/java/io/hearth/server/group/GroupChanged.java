package io.hearth.server.group;

import java.util.List;

/**
 * Event: a group changed ({@code what}), published after the change is committed, on the node that made it.
 * {@code members} are the members the change was about (added, kicked, given a role), empty for changes of the
 * info. A membership cache (the next round's super groups or fan-out) drops the group on this event.
 */
public record GroupChanged(String groupId, String operator, What what, List<String> members) {

    /** What changed. */
    public enum What { CREATED, DISMISSED, INFO, OWNER, MEMBERS_ADDED, MEMBERS_REMOVED, MEMBER_CHANGED }
}
