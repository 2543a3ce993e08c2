package io.hearth.server.group;

import io.hearth.protocol.Status;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Member changes of a group: add, kick, alias, extra and the roles (manager, muted, allowed), each in one store
 * transaction on the blocking executor, then its event and notification. Made by {@link GroupService#members()};
 * called on any thread, never blocks the caller.
 */
public final class GroupMembers {

    /** A role a member is given or loses with {@link #setRole}, and the notification of that change. */
    public enum Role {
        MANAGER(GroupMember.MANAGER, GroupNotices.MANAGER),
        MUTED(GroupMember.MUTED, GroupNotices.MUTE_MEMBER),
        ALLOWED(GroupMember.ALLOWED, GroupNotices.ALLOW_MEMBER);

        final int type;
        final int notice;

        Role(int type, int notice) {
            this.type = type;
            this.notice = notice;
        }
    }

    private final GroupStore store;
    private final BlockingExecutor blocking;
    private final Clock clock;
    private final GroupOutput output;
    private final Supplier<CompletableFuture<Integer>> maxMembers;
    private final int visibleQuitOrKick;
    private final Function<Collection<String>, Set<String>> missingUsers;
    private final int superGroupThreshold;

    GroupMembers(GroupStore store, BlockingExecutor blocking, Clock clock, GroupOutput output,
                 Supplier<CompletableFuture<Integer>> maxMembers, int visibleQuitOrKick,
                 Function<Collection<String>, Set<String>> missingUsers, int superGroupThreshold) {
        this.store = store;
        this.blocking = blocking;
        this.clock = clock;
        this.output = output;
        this.maxMembers = maxMembers;
        this.visibleQuitOrKick = visibleQuitOrKick;
        this.missingUsers = missingUsers;
        this.superGroupThreshold = superGroupThreshold;
    }

    /**
     * Adds members (type 0 or 1, else 251): 248 when the group's {@code join_type} is 2 and the operator is
     * neither owner nor manager, 253 for an unknown user, 12 when one is a member already, 240 when the
     * group would exceed its max member count. A removed member joins again. A group that grows past
     * {@code group.super_group_threshold} members becomes a super group. {@code memberExtra} becomes the
     * notification's {@code extra}.
     */
    public CompletableFuture<Void> add(GroupOp op, String groupId, List<GroupMember> joining, String memberExtra) {
        if (joining.isEmpty()) {
            return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER, "missing members"));
        }
        Map<String, GroupMember> byId = new LinkedHashMap<>();
        for (GroupMember m : joining) {
            if (m.type() != GroupMember.NORMAL && m.type() != GroupMember.MANAGER) {
                return CompletableFuture.failedFuture(new StatusException(Status.INVALID_PARAMETER,
                        "a member joins as type 0 (normal) or 1 (manager)"));
            }
            byId.put(m.memberId(), m);
        }
        return maxMembers.get().thenCompose(max -> blocking.supply(() -> {
            Set<String> missing = missingUsers.apply(byId.keySet());
            if (!missing.isEmpty()) {
                throw new StatusException(Status.NOT_EXIST, "users not exist: " + String.join(",", missing));
            }
            return store.change("add group members", groupId, c -> {
                GroupInfo info = c.info().orElseThrow(() -> GroupService.notExist(groupId));
                Map<String, GroupMember> rows = c.members();
                GroupRules.requireMember(rows.get(op.operator()), op.admin());
                if (info.joinType() == GroupInfo.JOIN_MANAGERS) {
                    GroupRules.requireManager(rows.get(op.operator()), op.admin());
                }
                long now = ChangeTime.of(clock, c);
                List<GroupMember> put = new ArrayList<>();
                for (GroupMember m : byId.values()) {
                    GroupMember row = rows.get(m.memberId());
                    if (row != null && row.present()) {
                        throw new StatusException(Status.MEMBER_ALREADY_IN_GROUP,
                                m.memberId() + " is already a member of group " + groupId);
                    }
                    GroupMember fresh = new GroupMember(groupId, m.memberId(), m.alias(), m.type(), m.extra(), now,
                            now);
                    put.add(row == null ? fresh : row.rejoined(fresh));
                }
                int limit = GroupLimits.maxOf(max, info);
                if (info.memberCount() + put.size() > limit) {
                    throw new StatusException(Status.GROUP_EXCEED_MAX_MEMBER_COUNT, "group " + groupId + " would have "
                            + (info.memberCount() + put.size()) + " members, more than " + limit);
                }
                c.putMembers(put, now);
                if (!info.superGroup() && info.memberCount() + put.size() > superGroupThreshold) {
                    // for good: shrinking again does not move the group back, so its messages stay in one place
                    c.set(GroupField.SUPER_GROUP, true, now);
                }
                return List.copyOf(byId.keySet());
            });
        })).thenCompose(ids -> {
            var content = GroupNotices.content(GroupNotices.ADD, groupId, op.operator(), null, ids, null);
            if (memberExtra != null) {
                content = content.toBuilder().setExtra(memberExtra).build();
            }
            return output.after(op, new GroupChanged(groupId, op.operator(), GroupChanged.What.MEMBERS_ADDED, ids),
                    content);
        });
    }

    /**
     * Kicks members: 248 for the owner, 9 when none of them is a member (the others are left out). The kicked get
     * the notification too (106, or 120 when {@code group.visible_quit_or_kickoff_notification} has bit 2).
     */
    public CompletableFuture<Void> kick(GroupOp op, String groupId, List<String> memberIds) {
        return blocking.supply(() -> store.change("kick group members", groupId, c -> {
            c.info().orElseThrow(() -> GroupService.notExist(groupId));
            Map<String, GroupMember> rows = c.members();
            long now = ChangeTime.of(clock, c);
            List<GroupMember> put = new ArrayList<>();
            for (String id : new LinkedHashSet<>(memberIds)) {
                GroupMember row = rows.get(id);
                if (row != null && row.present()) {
                    GroupRules.requireAbove(rows.get(op.operator()), row, op.admin());
                    put.add(row.withType(GroupMember.REMOVED, now));
                }
            }
            if (put.isEmpty()) {
                throw new StatusException(Status.NOT_IN_GROUP, "none of them is a member of group " + groupId);
            }
            c.putMembers(put, now);
            return put.stream().map(GroupMember::memberId).toList();
        })).thenCompose(ids -> output.after(op,
                new GroupChanged(groupId, op.operator(), GroupChanged.What.MEMBERS_REMOVED, ids),
                GroupNotices.content((visibleQuitOrKick & 2) != 0 ? GroupNotices.KICK_VISIBLE : GroupNotices.KICK,
                        groupId, op.operator(), null, ids, null)));
    }

    /** Sets a member's alias (111); 9 when not a member. A client may set only its own, a manager anyone's. */
    public CompletableFuture<Void> setAlias(GroupOp op, String groupId, String memberId, String alias) {
        return setOne(op, groupId, memberId, "set group member alias", (m, now) -> m.withAlias(alias, now),
                GroupNotices.ALIAS, alias);
    }

    /** Sets a member's extra (123); 9 when not a member. */
    public CompletableFuture<Void> setExtra(GroupOp op, String groupId, String memberId, String extra) {
        return setOne(op, groupId, memberId, "set group member extra", (m, now) -> m.withExtra(extra, now),
                GroupNotices.MEMBER_EXTRA, extra);
    }

    /**
     * Gives members a role or takes it back ({@code on} false: members of that role become normal ones; others are
     * left as they are). Managers are set by the owner; mute and allow by the owner or a manager; never the owner
     * (248). 9 when one of them is not a member. Notifications 117, 118, 119 with {@code n} "1" or "0".
     */
    public CompletableFuture<Void> setRole(GroupOp op, String groupId, List<String> memberIds, Role role, boolean on) {
        return blocking.supply(() -> store.change("set group member role", groupId, c -> {
            c.info().orElseThrow(() -> GroupService.notExist(groupId));
            Map<String, GroupMember> rows = c.members();
            GroupMember operator = rows.get(op.operator());
            if (role == Role.MANAGER) {
                GroupRules.requireOwner(operator, op.admin());
            }
            long now = ChangeTime.of(clock, c);
            List<GroupMember> put = new ArrayList<>();
            for (String id : new LinkedHashSet<>(memberIds)) {
                GroupMember row = rows.get(id);
                if (row == null || !row.present()) {
                    throw new StatusException(Status.NOT_IN_GROUP, id + " is not a member of group " + groupId);
                }
                GroupRules.requireAbove(operator, row, op.admin());
                if (on && row.type() != role.type) {
                    put.add(row.withType(role.type, now));
                } else if (!on && row.type() == role.type) {
                    put.add(row.withType(GroupMember.NORMAL, now));
                }
            }
            c.putMembers(put, now);
            return List.copyOf(new LinkedHashSet<>(memberIds));
        })).thenCompose(ids -> output.after(op,
                new GroupChanged(groupId, op.operator(), GroupChanged.What.MEMBER_CHANGED, ids),
                GroupNotices.content(role.notice, groupId, op.operator(), on ? "1" : "0", ids, null)));
    }

    private CompletableFuture<Void> setOne(GroupOp op, String groupId, String memberId, String operation,
                                           BiFunction<GroupMember, Long, GroupMember> change, int notice,
                                           String value) {
        return blocking.supply(() -> store.change(operation, groupId, c -> {
            c.info().orElseThrow(() -> GroupService.notExist(groupId));
            Map<String, GroupMember> rows = c.members();
            GroupMember row = rows.get(memberId);
            if (row == null || !row.present()) {
                throw new StatusException(Status.NOT_IN_GROUP, memberId + " is not a member of group " + groupId);
            }
            if (!memberId.equals(op.operator())) {
                GroupRules.requireManager(rows.get(op.operator()), op.admin());
            }
            long now = ChangeTime.of(clock, c);
            c.putMembers(List.of(change.apply(row, now)), now);
            return memberId;
        })).thenCompose(id -> output.after(op,
                new GroupChanged(groupId, op.operator(), GroupChanged.What.MEMBER_CHANGED, List.of(id)),
                GroupNotices.content(notice, groupId, op.operator(), value == null ? "" : value, null, id)));
    }
}
