package io.hearth.server.group;

import io.hearth.protocol.Status;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.server.common.BlockingExecutor;
import io.hearth.server.common.StatusException;
import io.hearth.server.event.EventHook;
import io.hearth.server.setting.SystemSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Groups as a whole: create, dismiss, transfer, modify, quit, and the reads of infos, members and a user's groups.
 * Member changes are in {@link GroupMembers}. Each change runs in one store transaction on the blocking executor,
 * then publishes {@link GroupChanged} and writes its notification ({@link GroupNotices}); the future completes when
 * the notification is stored. Called on any thread (event loops); never blocks the caller.
 */
public final class GroupService {

    private static final char[] ID_CHARS = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final GroupStore store;
    private final BlockingExecutor blocking;
    private final Clock clock;
    private final GroupOutput output;
    private final SystemSettings settings;
    private final int defaultMax;
    private final int visibleQuitOrKick;
    private final Function<Collection<String>, Set<String>> missingUsers;
    private final int superGroupThreshold;
    private final SecureRandom random = new SecureRandom();

    /**
     * {@code defaultMax}: the max member count while system setting 1 is unset; {@code visibleQuitOrKick}:
     * {@code group.visible_quit_or_kickoff_notification}; {@code missingUsers}: the users among some that do not
     * exist (blocking); {@code superGroupThreshold}: {@code group.super_group_threshold}, the member count above
     * which a group becomes a super group (read diffusion) for good.
     */
    public GroupService(GroupStore store, BlockingExecutor blocking, Clock clock, GroupNotices notices,
                        EventHook events, SystemSettings settings, int defaultMax,
                        int visibleQuitOrKick, Function<Collection<String>, Set<String>> missingUsers,
                        int superGroupThreshold) {
        this.store = store;
        this.blocking = blocking;
        this.clock = clock;
        this.output = new GroupOutput(notices, events);
        this.settings = settings;
        this.defaultMax = defaultMax;
        this.visibleQuitOrKick = visibleQuitOrKick;
        this.missingUsers = missingUsers;
        this.superGroupThreshold = superGroupThreshold;
    }

    /** The member changes of these groups, sharing this service's store and output. */
    public GroupMembers members() {
        return new GroupMembers(store, blocking, clock, output, this::maxMembers, visibleQuitOrKick, missingUsers,
                superGroupThreshold);
    }

    /**
     * Creates a group owned by {@code info.owner()} (the operator when empty) with {@code members}, the owner
     * included as type 2; an empty id is generated. 11 when the id exists, 253 for an unknown user, 240 over the
     * max member count. Completes with the group id.
     */
    public CompletableFuture<String> create(GroupOp op, GroupInfo info, List<GroupMember> members) {
        String owner = info.owner() == null || info.owner().isEmpty() ? op.operator() : info.owner();
        String id = info.groupId() == null || info.groupId().isEmpty() ? newId() : info.groupId();
        return maxMembers().thenCompose(max -> blocking.supply(() -> {
            long now = clock.millis();
            Map<String, GroupMember> rows = new LinkedHashMap<>();
            rows.put(owner, new GroupMember(id, owner, "", GroupMember.OWNER, "", now, now));
            for (GroupMember m : members) {
                if (!m.memberId().equals(owner)) {
                    rows.putIfAbsent(m.memberId(), new GroupMember(id, m.memberId(), m.alias(),
                            m.type() == GroupMember.MANAGER ? GroupMember.MANAGER : GroupMember.NORMAL, m.extra(),
                            now, now));
                }
            }
            GroupInfo created = info.withId(id).created(owner, rows.size(), now);
            if (rows.size() > superGroupThreshold) {
                created = created.withSuperGroup(true);
            }
            if (rows.size() > GroupLimits.maxOf(max, created)) {
                throw new StatusException(Status.GROUP_EXCEED_MAX_MEMBER_COUNT,
                        "group would have " + rows.size() + " members, more than " + GroupLimits.maxOf(max, created));
            }
            requireUsers(rows.keySet());
            if (!store.create(created, new ArrayList<>(rows.values()))) {
                throw new StatusException(Status.GROUP_ALREADY_EXIST, "group " + id + " already exists");
            }
            return created;
        })).thenCompose(g -> output.after(op, new GroupChanged(id, op.operator(), GroupChanged.What.CREATED,
                        List.of(g.owner())),
                GroupNotices.content(GroupNotices.CREATE, id, op.operator(), g.name(), null, null)).thenApply(v -> id));
    }

    /** Dismisses the group: the notification (108) first, to every member, then the group and its rows go. */
    public CompletableFuture<Void> dismiss(GroupOp op, String groupId) {
        return blocking.supply(() -> {
            GroupMember operator = store.member(groupId, op.operator()).orElse(null);
            store.find(groupId).orElseThrow(() -> notExist(groupId));
            GroupRules.requireOwner(operator, op.admin());
            return groupId;
        }).thenCompose(g -> output.after(op, new GroupChanged(g, op.operator(), GroupChanged.What.DISMISSED,
                        List.of()), GroupNotices.content(GroupNotices.DISMISS, g, op.operator(), null, null, null)))
                .thenCompose(v -> blocking.run(() -> store.change("dismiss group", groupId, c -> {
                    c.info().ifPresent(i -> c.delete());
                    return null;
                })));
    }

    /** Makes {@code newOwner} (a present member, else 9) the owner; the old owner becomes a normal member. */
    public CompletableFuture<Void> transfer(GroupOp op, String groupId, String newOwner) {
        return change(op, "transfer group", groupId, c -> {
            GroupInfo info = c.info().orElseThrow();
            Map<String, GroupMember> rows = c.members();
            GroupRules.requireOwner(rows.get(op.operator()), op.admin());
            GroupMember next = rows.get(newOwner);
            if (next == null || !next.present()) {
                throw new StatusException(Status.NOT_IN_GROUP, newOwner + " is not a member of group " + groupId);
            }
            long now = ChangeTime.of(clock, c);
            List<GroupMember> changed = new ArrayList<>();
            GroupMember old = rows.get(info.owner());
            if (old != null && !old.memberId().equals(newOwner)) {
                changed.add(old.withType(GroupMember.NORMAL, now));
            }
            changed.add(next.withType(GroupMember.OWNER, now));
            c.putMembers(changed, now);
            c.set(GroupField.OWNER, newOwner, now);
            return null;
        }, v -> new GroupChanged(groupId, op.operator(), GroupChanged.What.OWNER, List.of(newOwner)),
                v -> GroupNotices.content(GroupNotices.TRANSFER, groupId, op.operator(), null, null, newOwner));
    }

    /** Changes one field ({@code /admin/group/modify} types 0–10); {@code value} as the reference sends it. */
    public CompletableFuture<Void> modify(GroupOp op, String groupId, int type, String value) {
        GroupField field = GroupField.ofModifyType(type);
        Object parsed = ModifyValues.parse(field, value);
        return change(op, "modify group", groupId, c -> {
            GroupRules.requireManager(c.members().get(op.operator()), op.admin());
            c.set(field, parsed, ChangeTime.of(clock, c));
            return null;
        }, v -> new GroupChanged(groupId, op.operator(), GroupChanged.What.INFO, List.of()),
                v -> ModifyValues.notice(field, groupId, op.operator(), value));
    }

    /**
     * The operator leaves (9 when not a member). An owner who quits hands the group to the earliest manager, else
     * the earliest member; the last member quitting dismisses it (no notification: nobody is left).
     */
    public CompletableFuture<Void> quit(GroupOp op, String groupId) {
        boolean[] emptied = new boolean[1];
        return blocking.supply(() -> store.change("quit group", groupId, c -> {
            GroupInfo info = c.info().orElseThrow(() -> notExist(groupId));
            Map<String, GroupMember> rows = c.members();
            GroupMember me = rows.get(op.operator());
            GroupRules.requireMember(me, false);
            long now = ChangeTime.of(clock, c);
            List<GroupMember> changed = new ArrayList<>(List.of(me.withType(GroupMember.REMOVED, now)));
            if (info.owner().equals(op.operator())) {
                Optional<GroupMember> heir = rows.values().stream()
                        .filter(m -> m.present() && !m.memberId().equals(op.operator()))
                        .min(Comparator.comparing((GroupMember m) -> m.type() != GroupMember.MANAGER)
                                .thenComparingLong(GroupMember::createdAt).thenComparing(GroupMember::memberId));
                if (heir.isEmpty()) {
                    c.delete();
                    emptied[0] = true;
                    return info;
                }
                changed.add(heir.get().withType(GroupMember.OWNER, now));
                c.set(GroupField.OWNER, heir.get().memberId(), now);
            }
            c.putMembers(changed, now);
            return info;
        })).thenCompose(info -> emptied[0] ? CompletableFuture.completedFuture(null) : output.after(op,
                new GroupChanged(groupId, op.operator(), GroupChanged.What.MEMBERS_REMOVED, List.of(op.operator())),
                GroupNotices.content((visibleQuitOrKick & 1) != 0 ? GroupNotices.QUIT_VISIBLE : GroupNotices.QUIT,
                        groupId, op.operator(), null, null, null)));
    }

    public CompletableFuture<GroupInfo> info(String groupId) {
        return blocking.supply(() -> store.find(groupId).orElseThrow(() -> notExist(groupId)));
    }

    public CompletableFuture<List<GroupInfo>> infos(List<String> groupIds) {
        return blocking.supply(() -> store.find(groupIds));
    }

    /** The present members (removed ones left out); 253 for an unknown group. */
    public CompletableFuture<List<GroupMember>> memberList(String groupId) {
        return blocking.supply(() -> {
            store.find(groupId).orElseThrow(() -> notExist(groupId));
            return store.members(groupId).values().stream().filter(GroupMember::present)
                    .sorted(Comparator.comparingLong(GroupMember::createdAt).thenComparing(GroupMember::memberId))
                    .toList();
        });
    }

    /**
     * The info and the member rows changed after {@code since} (removed members as type 4), in update order, as
     * {@code reader} may read them: 9 when the reader is not a present member, 253 for an unknown group.
     */
    public CompletableFuture<Map.Entry<GroupInfo, List<GroupMember>>> membersSince(String groupId, String reader,
                                                                                 long since) {
        return blocking.supply(() -> {
            GroupInfo info = store.find(groupId).orElseThrow(() -> notExist(groupId));
            Map<String, GroupMember> rows = store.members(groupId);
            GroupRules.requireMember(rows.get(reader), false);
            List<GroupMember> changed = rows.values().stream().filter(m -> m.updatedAt() > since)
                    .sorted(Comparator.comparingLong(GroupMember::updatedAt).thenComparing(GroupMember::memberId))
                    .toList();
            return Map.entry(info, changed);
        });
    }

    /** The member's row (a removed member's too, type 4); 253 when the user never was a member. */
    public CompletableFuture<GroupMember> member(String groupId, String memberId) {
        return blocking.supply(() -> store.member(groupId, memberId).orElseThrow(() ->
                new StatusException(Status.NOT_EXIST, memberId + " is not a member of group " + groupId)));
    }

    /** Ids of the groups where the user is a member of one of {@code types} (empty: any but removed). */
    public CompletableFuture<List<String>> groupsOf(String userId, Set<Integer> types) {
        Set<Integer> t = types.isEmpty() ? Set.of(GroupMember.NORMAL, GroupMember.MANAGER, GroupMember.OWNER,
                GroupMember.MUTED, GroupMember.ALLOWED) : types;
        return blocking.supply(() -> store.groupsOf(userId, t));
    }

    public CompletableFuture<List<String>> common(String first, String second) {
        return blocking.supply(() -> store.common(first, second));
    }

    private <T> CompletableFuture<Void> change(GroupOp op, String operation, String groupId,
                                               Function<GroupStore.Changes, T> work,
                                               Function<T, GroupChanged> event, Function<T, MessageContent> notice) {
        return blocking.supply(() -> store.change(operation, groupId, c -> {
            c.info().orElseThrow(() -> notExist(groupId));
            return work.apply(c);
        })).thenCompose(r -> output.after(op, event.apply(r), notice.apply(r)));
    }

    private CompletableFuture<Integer> maxMembers() {
        return settings.groupMaxMemberCount(defaultMax);
    }

    private void requireUsers(Collection<String> ids) {
        Set<String> missing = missingUsers.apply(ids);
        if (!missing.isEmpty()) {
            throw new StatusException(Status.NOT_EXIST, "users not exist: " + String.join(",", missing));
        }
    }

    static StatusException notExist(String groupId) {
        return new StatusException(Status.NOT_EXIST, "group " + groupId + " not exist");
    }

    private String newId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
