package io.hearth.server.group;

import io.hearth.protocol.Status;
import io.hearth.server.common.StatusException;
import java.util.Set;

/**
 * The reference's group permission rules, as pure functions of the roles involved. The server API acts with
 * {@code admin} true and skips the role checks (not the structural ones: the owner is never kicked, muted or
 * demoted); the client RPCs ({@link GroupMethods}) call the same rules with the acting member's role.
 */
public final class GroupRules {

    private GroupRules() {
    }

    /** The operator's row, or 9 when it is not a present member (an admin needs no row). */
    public static void requireMember(GroupMember operator, boolean admin) {
        if (!admin && (operator == null || !operator.present())) {
            throw new StatusException(Status.NOT_IN_GROUP);
        }
    }

    /** Dismiss, transfer and setting managers: the owner only. */
    public static void requireOwner(GroupMember operator, boolean admin) {
        requireMember(operator, admin);
        if (!admin && operator.type() != GroupMember.OWNER) {
            throw new StatusException(Status.NOT_RIGHT, "only the group owner may do this");
        }
    }

    /** Changing the info, muting and allowing members: the owner or a manager. */
    public static void requireManager(GroupMember operator, boolean admin) {
        requireMember(operator, admin);
        if (!admin && !isManager(operator)) {
            throw new StatusException(Status.NOT_RIGHT, "only the group owner or a manager may do this");
        }
    }

    /**
     * Whether {@code operator} may kick, mute or allow {@code target}: never the owner; a manager only normal,
     * muted and allowed members; the owner (or an admin) anyone else.
     */
    public static void requireAbove(GroupMember operator, GroupMember target, boolean admin) {
        if (target.type() == GroupMember.OWNER) {
            throw new StatusException(Status.NOT_RIGHT, "the group owner cannot be kicked, muted or allowed");
        }
        requireManager(operator, admin);
        if (!admin && operator.type() == GroupMember.MANAGER && target.type() == GroupMember.MANAGER) {
            throw new StatusException(Status.NOT_RIGHT, "a manager cannot act on another manager");
        }
    }

    public static boolean isManager(GroupMember m) {
        return m != null && (m.type() == GroupMember.OWNER || m.type() == GroupMember.MANAGER);
    }

    /**
     * Why a client's message of {@code contentType} from {@code sender} to the group is refused, or null: 9 when
     * the sender is not a present member; 241 when the sender is muted (type 3) or the group is muted and the
     * sender is neither owner, manager nor allowed (type 5). Types in {@code muteExceptions} pass either mute.
     */
    public static Status sendRefusal(GroupInfo info, GroupMember sender, int contentType, Set<Integer> muteExceptions) {
        if (sender == null || !sender.present()) {
            return Status.NOT_IN_GROUP;
        }
        if (muteExceptions.contains(contentType)) {
            return null;
        }
        if (sender.type() == GroupMember.MUTED) {
            return Status.GROUP_MUTED;
        }
        if (info.muted() && !isManager(sender) && sender.type() != GroupMember.ALLOWED) {
            return Status.GROUP_MUTED;
        }
        return null;
    }
}
