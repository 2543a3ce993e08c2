package io.hearth.server.group;

import io.hearth.protocol.Methods;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.AddGroupMembersRequest;
import io.hearth.protocol.pb.CreateGroupRequest;
import io.hearth.protocol.pb.CreateGroupResult;
import io.hearth.protocol.pb.GroupChangeResult;
import io.hearth.protocol.pb.GroupTarget;
import io.hearth.protocol.pb.KickGroupMembersRequest;
import io.hearth.protocol.pb.ModifyGroupRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SetGroupAliasRequest;
import io.hearth.protocol.pb.SetGroupManagersRequest;
import io.hearth.protocol.pb.SetGroupMemberFlagRequest;
import io.hearth.protocol.pb.TransferGroupRequest;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.rpc.RpcMethod;
import io.hearth.server.rpc.RpcRegistry;
import io.hearth.server.rpc.RpcRequest;
import io.hearth.server.user.UserIds;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The group feature's client RPCs ({@code group.*}); the reads are in {@link GroupQueries}. Each change acts as the
 * calling member, not as an admin, so the reference's owner and manager rules ({@link GroupRules}) apply; an
 * operation whose bit is set in {@code group.forbidden_client_operation} is refused with 248 before anything is
 * read, and so is a change carrying its own {@code notify_message} when custom notifications are off
 * ({@link ClientOps}); with {@code group.disable_stranger_invite} only friends are added ({@link StrangerInvites}).
 * Called on event loops; the work runs in {@link GroupService} and {@link GroupMembers}, on the blocking executor.
 */
public final class GroupMethods {

    /** Bits of {@code group.forbidden_client_operation} (reference §6.2). */
    static final int CREATE = 0x01;
    static final int DISMISS = 0x02;
    static final int QUIT = 0x08;
    static final int INVITE = 0x10;
    static final int KICK = 0x20;
    static final int TRANSFER = 0x40;
    static final int SET_MANAGER = 0x80;
    static final int ALLOW = 0x100;
    static final int MUTE_ALL = 0x200;
    static final int MODIFY = 0x400;
    static final int MUTE_MEMBER = 0x800;

    /** The server's rules for client changes: the forbidden bit mask and the two notification/invite switches. */
    public record Rules(int forbidden, boolean customNotification, boolean disableStrangerInvite) {
    }

    private static final Reply CHANGED = Reply.newBuilder().setGroupChanged(GroupChangeResult.getDefaultInstance())
            .build();

    private final GroupService groups;
    private final GroupMembers members;
    private final int forbidden;
    private final ClientOps ops;
    private final StrangerInvites invites;

    /** {@code friendsOf}: a user's friends, read when {@code rules.disableStrangerInvite()}. */
    public GroupMethods(GroupService groups, Rules rules, Function<String, CompletableFuture<List<String>>> friendsOf) {
        this.groups = groups;
        this.members = groups.members();
        this.forbidden = rules.forbidden();
        this.ops = new ClientOps(rules.customNotification());
        this.invites = new StrangerInvites(rules.disableStrangerInvite() ? friendsOf : null);
    }

    public void register(RpcRegistry rpc) {
        rpc.register(Methods.GROUP_CREATE, this::create)
                .register(Methods.GROUP_ADD_MEMBERS, this::add)
                .register(Methods.GROUP_KICK_MEMBERS, (c, req) -> {
                    KickGroupMembersRequest r = req.parse(KickGroupMembersRequest.getDefaultInstance());
                    allowed(KICK);
                    GroupOp op = ops.of(c.userId(), r.getToLinesList(), r.hasNotifyMessage(), r.getNotifyMessage());
                    return changed(members.kick(op, gid(r.getGroupId()),
                            GroupViews.userIds("members", r.getMembersList())));
                })
                .register(Methods.GROUP_QUIT, (c, req) -> {
                    GroupTarget r = req.parse(GroupTarget.getDefaultInstance());
                    allowed(QUIT);
                    return changed(groups.quit(op(c, r), gid(r.getGroupId())));
                })
                .register(Methods.GROUP_DISMISS, (c, req) -> {
                    GroupTarget r = req.parse(GroupTarget.getDefaultInstance());
                    allowed(DISMISS);
                    return changed(groups.dismiss(op(c, r), gid(r.getGroupId())));
                })
                .register(Methods.GROUP_MODIFY, this::modify)
                .register(Methods.GROUP_SET_ALIAS, (c, req) -> {
                    SetGroupAliasRequest r = req.parse(SetGroupAliasRequest.getDefaultInstance());
                    FieldCheck.text("alias", r.getAlias(), GroupLimits.ALIAS);
                    GroupOp op = ops.of(c.userId(), r.getToLinesList(), r.hasNotifyMessage(), r.getNotifyMessage());
                    return changed(members.setAlias(op, gid(r.getGroupId()), c.userId(), r.getAlias()));
                })
                .register(Methods.GROUP_TRANSFER, (c, req) -> {
                    TransferGroupRequest r = req.parse(TransferGroupRequest.getDefaultInstance());
                    allowed(TRANSFER);
                    GroupOp op = ops.of(c.userId(), r.getToLinesList(), r.hasNotifyMessage(), r.getNotifyMessage());
                    return changed(groups.transfer(op, gid(r.getGroupId()),
                            UserIds.check("new_owner", r.getNewOwner())));
                })
                .register(Methods.GROUP_SET_MANAGERS, (c, req) -> {
                    SetGroupManagersRequest r = req.parse(SetGroupManagersRequest.getDefaultInstance());
                    allowed(SET_MANAGER);
                    GroupOp op = ops.of(c.userId(), r.getToLinesList(), r.hasNotifyMessage(), r.getNotifyMessage());
                    return changed(members.setRole(op, gid(r.getGroupId()),
                            GroupViews.userIds("members", r.getMembersList()), GroupMembers.Role.MANAGER, r.getOn()));
                })
                .register(Methods.GROUP_MUTE_MEMBERS, (c, req) -> flag(c, req, MUTE_MEMBER, GroupMembers.Role.MUTED))
                .register(Methods.GROUP_ALLOW_MEMBERS, (c, req) -> flag(c, req, ALLOW, GroupMembers.Role.ALLOWED));
        new GroupQueries(groups).register(rpc);
    }

    private CompletableFuture<Reply> create(RpcMethod.Caller c, RpcRequest req) {
        CreateGroupRequest r = req.parse(CreateGroupRequest.getDefaultInstance());
        allowed(CREATE);
        GroupOp op = ops.of(c.userId(), r.getToLinesList(), r.hasNotifyMessage(), r.getNotifyMessage());
        List<GroupMember> joining = GroupViews.members(r.getMembersList());
        GroupInfo info = GroupViews.info(r.getGroup());
        return invites.check(c.userId(), joining.stream().map(GroupMember::memberId).toList())
                .thenCompose(v -> groups.create(op, info, joining))
                .thenApply(id -> Reply.newBuilder().setGroupCreated(CreateGroupResult.newBuilder().setGroupId(id))
                        .build());
    }

    private CompletableFuture<Reply> add(RpcMethod.Caller c, RpcRequest req) {
        AddGroupMembersRequest r = req.parse(AddGroupMembersRequest.getDefaultInstance());
        allowed(INVITE);
        FieldCheck.text("extra", r.getExtra(), GroupLimits.EXTRA);
        GroupOp op = ops.of(c.userId(), r.getToLinesList(), r.hasNotifyMessage(), r.getNotifyMessage());
        String g = gid(r.getGroupId());
        List<GroupMember> joining = GroupViews.members(r.getMembersList());
        return changed(invites.check(c.userId(), joining.stream().map(GroupMember::memberId).toList())
                .thenCompose(v -> members.add(op, g, joining, r.getExtra().isEmpty() ? null : r.getExtra())));
    }

    private CompletableFuture<Reply> modify(RpcMethod.Caller c, RpcRequest req) {
        ModifyGroupRequest r = req.parse(ModifyGroupRequest.getDefaultInstance());
        GroupField field = GroupField.ofModifyType(r.getType());
        allowed(field == GroupField.MUTE ? MUTE_ALL : MODIFY);
        if (field == GroupField.MAX_MEMBER_COUNT || field == GroupField.SUPER_GROUP) {
            // capacity and storage model are the operator's: only the server API sets them
            throw new StatusException(Status.NOT_RIGHT, "only the server API may change "
                    + (field == GroupField.SUPER_GROUP ? "super_group" : "max_member_count"));
        }
        GroupOp op = ops.of(c.userId(), r.getToLinesList(), r.hasNotifyMessage(), r.getNotifyMessage());
        return changed(groups.modify(op, gid(r.getGroupId()), r.getType(), r.getValue()));
    }

    /** {@code group.mute_members} and {@code group.allow_members}: the owner or a manager, never on the owner. */
    private CompletableFuture<Reply> flag(RpcMethod.Caller c, RpcRequest req, int bit, GroupMembers.Role role) {
        SetGroupMemberFlagRequest r = req.parse(SetGroupMemberFlagRequest.getDefaultInstance());
        allowed(bit);
        GroupOp op = ops.of(c.userId(), r.getToLinesList(), r.hasNotifyMessage(), r.getNotifyMessage());
        return changed(members.setRole(op, gid(r.getGroupId()), GroupViews.userIds("members", r.getMembersList()),
                role, r.getOn()));
    }

    private GroupOp op(RpcMethod.Caller c, GroupTarget r) {
        return ops.of(c.userId(), r.getToLinesList(), r.hasNotifyMessage(), r.getNotifyMessage());
    }

    private void allowed(int bit) {
        if ((forbidden & bit) != 0) {
            throw new StatusException(Status.NOT_RIGHT, "clients may not do this group operation on this server");
        }
    }

    private static String gid(String groupId) {
        return GroupLimits.id("group_id", groupId);
    }

    private static CompletableFuture<Reply> changed(CompletableFuture<Void> change) {
        return change.thenApply(v -> CHANGED);
    }
}
