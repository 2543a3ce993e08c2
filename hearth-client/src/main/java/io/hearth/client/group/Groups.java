package io.hearth.client.group;

import com.google.protobuf.MessageLite;
import io.hearth.client.rpc.Caller;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.AddGroupMembersRequest;
import io.hearth.protocol.pb.CommonGroupsRequest;
import io.hearth.protocol.pb.CreateGroupRequest;
import io.hearth.protocol.pb.GetGroupInfosRequest;
import io.hearth.protocol.pb.GetGroupInfosResult;
import io.hearth.protocol.pb.GroupMemberEntry;
import io.hearth.protocol.pb.GroupMembersResult;
import io.hearth.protocol.pb.GroupProfile;
import io.hearth.protocol.pb.GroupRequest;
import io.hearth.protocol.pb.GroupTarget;
import io.hearth.protocol.pb.KickGroupMembersRequest;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.ModifyGroupRequest;
import io.hearth.protocol.pb.MyGroupsRequest;
import io.hearth.protocol.pb.PullGroupMembersRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SetGroupAliasRequest;
import io.hearth.protocol.pb.SetGroupManagersRequest;
import io.hearth.protocol.pb.SetGroupMemberFlagRequest;
import io.hearth.protocol.pb.TransferGroupRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Typed calls of the {@code group.*} RPCs ({@code HearthClient.groups()}), each made as the calling member under the
 * reference's rules (owner, managers, members). Every future completes on the client's event loop, a change once its
 * notification is in the members' timelines, or fails with a {@link io.hearth.client.HearthException} carrying the
 * server's code (9 not a member, 12 already a member, 240 over the max member count, 248 not allowed, 251 bad field,
 * 253 unknown group or user). Changes write the default notification on line 0; {@link #notifying} gives a view whose
 * changes carry {@code to_lines} and the app's own {@code notify_message}. Null strings are sent as empty. Immutable;
 * any thread.
 */
public final class Groups {

    /** {@code GroupResult.code}: the group is returned. */
    public static final int FOUND = 0;
    /** {@code GroupResult.code}: no such group. */
    public static final int NO_SUCH_GROUP = 1;
    /** {@code GroupResult.code}: not changed since the {@code update_dt} asked with. */
    public static final int NOT_MODIFIED = 2;

    private final Caller caller;
    private final List<Integer> lines;
    private final MessageContent notify;

    public Groups(Caller caller) {
        this(caller, List.of(), null);
    }

    private Groups(Caller caller, List<Integer> lines, MessageContent notify) {
        this.caller = caller;
        this.lines = lines;
        this.notify = notify;
    }

    /**
     * The same calls, whose changes notify these {@code lines} (empty: line 0) with {@code notify} instead of the
     * default notification (null: the default). 248 when the server does not allow custom notifications.
     */
    public Groups notifying(Collection<Integer> lines, MessageContent notify) {
        return new Groups(caller, lines == null ? List.of() : List.copyOf(lines), notify);
    }

    /**
     * {@code group.create}: a group owned by the caller with these members (type 0); an empty
     * {@code group.group_id} is generated. Completes with the group id.
     */
    public CompletableFuture<String> create(GroupProfile group, Collection<String> members) {
        CreateGroupRequest.Builder b = CreateGroupRequest.newBuilder().setGroup(group).addAllMembers(entries(members))
                .addAllToLines(lines);
        if (notify != null) {
            b.setNotifyMessage(notify);
        }
        return caller.call(Methods.GROUP_CREATE, b.build(), Reply.ResultCase.GROUP_CREATED,
                r -> r.getGroupCreated().getGroupId());
    }

    /** {@code group.add_members} as normal members; 248 for a normal member when {@code join_type} is 2. */
    public CompletableFuture<Void> addMembers(String groupId, Collection<String> members) {
        AddGroupMembersRequest.Builder b = AddGroupMembersRequest.newBuilder().setGroupId(nz(groupId))
                .addAllMembers(entries(members)).addAllToLines(lines);
        return change(Methods.GROUP_ADD_MEMBERS, notify == null ? b.build() : b.setNotifyMessage(notify).build());
    }

    /** {@code group.kick_members}: the owner or a manager; the kicked stay in the member list as type 4. */
    public CompletableFuture<Void> kickMembers(String groupId, Collection<String> members) {
        KickGroupMembersRequest.Builder b = KickGroupMembersRequest.newBuilder().setGroupId(nz(groupId))
                .addAllMembers(members).addAllToLines(lines);
        return change(Methods.GROUP_KICK_MEMBERS, notify == null ? b.build() : b.setNotifyMessage(notify).build());
    }

    /** {@code group.quit}: the caller leaves; an owner's group goes to the earliest manager, else member. */
    public CompletableFuture<Void> quit(String groupId) {
        return change(Methods.GROUP_QUIT, target(groupId));
    }

    /** {@code group.dismiss}: the owner only. */
    public CompletableFuture<Void> dismiss(String groupId) {
        return change(Methods.GROUP_DISMISS, target(groupId));
    }

    /** {@code group.modify}: types and values as {@code /admin/group/modify} (0 name, 1 portrait, 3 mute, ...). */
    public CompletableFuture<Void> modify(String groupId, int type, String value) {
        ModifyGroupRequest.Builder b = ModifyGroupRequest.newBuilder().setGroupId(nz(groupId)).setType(type)
                .setValue(nz(value)).addAllToLines(lines);
        return change(Methods.GROUP_MODIFY, notify == null ? b.build() : b.setNotifyMessage(notify).build());
    }

    /** {@code group.set_alias}: the caller's own alias in the group; empty clears it. */
    public CompletableFuture<Void> setAlias(String groupId, String alias) {
        SetGroupAliasRequest.Builder b = SetGroupAliasRequest.newBuilder().setGroupId(nz(groupId)).setAlias(nz(alias))
                .addAllToLines(lines);
        return change(Methods.GROUP_SET_ALIAS, notify == null ? b.build() : b.setNotifyMessage(notify).build());
    }

    /** {@code group.transfer}: the owner hands the group to a present member (9 otherwise). */
    public CompletableFuture<Void> transfer(String groupId, String newOwner) {
        TransferGroupRequest.Builder b = TransferGroupRequest.newBuilder().setGroupId(nz(groupId))
                .setNewOwner(nz(newOwner)).addAllToLines(lines);
        return change(Methods.GROUP_TRANSFER, notify == null ? b.build() : b.setNotifyMessage(notify).build());
    }

    /** {@code group.set_managers}: the owner makes members managers ({@code on}) or managers normal members. */
    public CompletableFuture<Void> setManagers(String groupId, Collection<String> members, boolean on) {
        SetGroupManagersRequest.Builder b = SetGroupManagersRequest.newBuilder().setGroupId(nz(groupId))
                .addAllMembers(members).setOn(on).addAllToLines(lines);
        return change(Methods.GROUP_SET_MANAGERS, notify == null ? b.build() : b.setNotifyMessage(notify).build());
    }

    /** {@code group.mute_members}: the owner or a manager mutes members (type 3) or unmutes them. */
    public CompletableFuture<Void> mute(String groupId, Collection<String> members, boolean on) {
        return change(Methods.GROUP_MUTE_MEMBERS, flag(groupId, members, on));
    }

    /** {@code group.allow_members}: the owner or a manager lets members (type 5) send while the group is muted. */
    public CompletableFuture<Void> allow(String groupId, Collection<String> members, boolean on) {
        return change(Methods.GROUP_ALLOW_MEMBERS, flag(groupId, members, on));
    }

    /** {@code group.my_groups}: the ids of the groups the caller is a present member of. */
    public CompletableFuture<List<String>> myGroups() {
        return caller.call(Methods.GROUP_MY_GROUPS, MyGroupsRequest.getDefaultInstance(), Reply.ResultCase.GROUP_IDS,
                r -> r.getGroupIds().getGroupIdsList());
    }

    /** {@code group.common_groups}: the groups both the caller and {@code uid} are present members of. */
    public CompletableFuture<List<String>> commonGroups(String uid) {
        return caller.call(Methods.GROUP_COMMON_GROUPS, CommonGroupsRequest.newBuilder().setUid(nz(uid)).build(),
                Reply.ResultCase.GROUP_IDS, r -> r.getGroupIds().getGroupIdsList());
    }

    /**
     * {@code group.get_infos}: for each group id, the {@code update_dt} of the copy the app holds (0: none); one
     * {@code GroupResult} per entry, in the map's iteration order, with code {@link #FOUND}, {@link #NO_SUCH_GROUP}
     * or {@link #NOT_MODIFIED}. At most 500.
     */
    public CompletableFuture<GetGroupInfosResult> getInfos(Map<String, Long> updateDtByGroup) {
        GetGroupInfosRequest.Builder b = GetGroupInfosRequest.newBuilder();
        updateDtByGroup.forEach((id, dt) -> b.addRequest(GroupRequest.newBuilder().setGroupId(nz(id))
                .setUpdateDt(dt == null ? 0 : dt)));
        return caller.call(Methods.GROUP_GET_INFOS, b.build(), Reply.ResultCase.GROUP_INFOS, Reply::getGroupInfos);
    }

    /**
     * {@code group.pull_members}: the member rows changed after {@code since} (0: all), removed members as type 4;
     * the result's {@code member_update_dt} is the next {@code since}. 9 when the caller is not a present member.
     */
    public CompletableFuture<GroupMembersResult> pullMembers(String groupId, long since) {
        return caller.call(Methods.GROUP_PULL_MEMBERS, PullGroupMembersRequest.newBuilder().setGroupId(nz(groupId))
                .setSince(since).build(), Reply.ResultCase.GROUP_MEMBERS, Reply::getGroupMembers);
    }

    private GroupTarget target(String groupId) {
        GroupTarget.Builder b = GroupTarget.newBuilder().setGroupId(nz(groupId)).addAllToLines(lines);
        return notify == null ? b.build() : b.setNotifyMessage(notify).build();
    }

    private SetGroupMemberFlagRequest flag(String groupId, Collection<String> members, boolean on) {
        SetGroupMemberFlagRequest.Builder b = SetGroupMemberFlagRequest.newBuilder().setGroupId(nz(groupId))
                .addAllMembers(members).setOn(on).addAllToLines(lines);
        return notify == null ? b.build() : b.setNotifyMessage(notify).build();
    }

    private CompletableFuture<Void> change(String method, MessageLite request) {
        return caller.call(method, request, Reply.ResultCase.GROUP_CHANGED, r -> null);
    }

    private static List<GroupMemberEntry> entries(Collection<String> members) {
        return members.stream().map(m -> GroupMemberEntry.newBuilder().setMemberId(nz(m)).build()).toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
