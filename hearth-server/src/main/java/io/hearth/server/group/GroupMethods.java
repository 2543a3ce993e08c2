package io.hearth.server.group;

import io.hearth.protocol.Methods;
import io.hearth.protocol.Status;
import io.hearth.protocol.pb.AddGroupMembersRequest;
import io.hearth.protocol.pb.CommonGroupsRequest;
import io.hearth.protocol.pb.CreateGroupRequest;
import io.hearth.protocol.pb.CreateGroupResult;
import io.hearth.protocol.pb.GetGroupInfosRequest;
import io.hearth.protocol.pb.GetGroupInfosResult;
import io.hearth.protocol.pb.GroupChangeResult;
import io.hearth.protocol.pb.GroupIdsResult;
import io.hearth.protocol.pb.GroupMembersResult;
import io.hearth.protocol.pb.GroupRequest;
import io.hearth.protocol.pb.GroupResult;
import io.hearth.protocol.pb.GroupTarget;
import io.hearth.protocol.pb.KickGroupMembersRequest;
import io.hearth.protocol.pb.ModifyGroupRequest;
import io.hearth.protocol.pb.PullGroupMembersRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SetGroupAliasRequest;
import io.hearth.protocol.pb.SetGroupManagersRequest;
import io.hearth.protocol.pb.TransferGroupRequest;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.rpc.RpcMethod;
import io.hearth.server.rpc.RpcRegistry;
import io.hearth.server.rpc.RpcRequest;
import io.hearth.server.user.UserIds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The group feature's client RPCs ({@code group.*}). Each acts as the calling member, not as an admin, so the
 * reference's owner and manager rules ({@link GroupRules}) apply; an operation whose bit is set in
 * {@code group.forbidden_client_operation} is refused with 248 before anything is read. Called on event loops;
 * the work runs in {@link GroupService} and {@link GroupMembers}, on the blocking executor.
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
    static final int MODIFY = 0x400;

    /** Most groups one {@code group.get_infos} asks for. */
    public static final int MAX_INFOS = 500;

    static final int FOUND = 0;
    static final int NOT_FOUND = 1;
    static final int NOT_MODIFIED = 2;

    private static final Reply CHANGED = Reply.newBuilder().setGroupChanged(GroupChangeResult.getDefaultInstance())
            .build();

    private final GroupService groups;
    private final GroupMembers members;
    private final int forbidden;

    /** {@code forbidden}: the bit mask of {@code group.forbidden_client_operation}. */
    public GroupMethods(GroupService groups, int forbidden) {
        this.groups = groups;
        this.members = groups.members();
        this.forbidden = forbidden;
    }

    public void register(RpcRegistry rpc) {
        rpc.register(Methods.GROUP_CREATE, this::create)
                .register(Methods.GROUP_ADD_MEMBERS, (c, req) -> {
                    AddGroupMembersRequest r = req.parse(AddGroupMembersRequest.getDefaultInstance());
                    allowed(INVITE);
                    FieldCheck.text("extra", r.getExtra(), GroupLimits.EXTRA);
                    return changed(members.add(op(c), gid(r.getGroupId()), GroupViews.members(r.getMembersList()),
                            r.getExtra().isEmpty() ? null : r.getExtra()));
                })
                .register(Methods.GROUP_KICK_MEMBERS, (c, req) -> {
                    KickGroupMembersRequest r = req.parse(KickGroupMembersRequest.getDefaultInstance());
                    allowed(KICK);
                    return changed(members.kick(op(c), gid(r.getGroupId()),
                            GroupViews.userIds("members", r.getMembersList())));
                })
                .register(Methods.GROUP_QUIT, (c, req) -> {
                    String g = gid(req.parse(GroupTarget.getDefaultInstance()).getGroupId());
                    allowed(QUIT);
                    return changed(groups.quit(op(c), g));
                })
                .register(Methods.GROUP_DISMISS, (c, req) -> {
                    String g = gid(req.parse(GroupTarget.getDefaultInstance()).getGroupId());
                    allowed(DISMISS);
                    return changed(groups.dismiss(op(c), g));
                })
                .register(Methods.GROUP_MODIFY, (c, req) -> {
                    ModifyGroupRequest r = req.parse(ModifyGroupRequest.getDefaultInstance());
                    allowed(MODIFY);
                    GroupField field = GroupField.ofModifyType(r.getType());
                    if (field == GroupField.MAX_MEMBER_COUNT || field == GroupField.SUPER_GROUP) {
                        // capacity and storage model are the operator's: only the server API sets them
                        throw new StatusException(Status.NOT_RIGHT, "only the server API may change "
                                + (field == GroupField.SUPER_GROUP ? "super_group" : "max_member_count"));
                    }
                    return changed(groups.modify(op(c), gid(r.getGroupId()), r.getType(), r.getValue()));
                })
                .register(Methods.GROUP_SET_ALIAS, (c, req) -> {
                    SetGroupAliasRequest r = req.parse(SetGroupAliasRequest.getDefaultInstance());
                    FieldCheck.text("alias", r.getAlias(), GroupLimits.ALIAS);
                    return changed(members.setAlias(op(c), gid(r.getGroupId()), c.userId(), r.getAlias()));
                })
                .register(Methods.GROUP_TRANSFER, (c, req) -> {
                    TransferGroupRequest r = req.parse(TransferGroupRequest.getDefaultInstance());
                    allowed(TRANSFER);
                    return changed(groups.transfer(op(c), gid(r.getGroupId()),
                            UserIds.check("new_owner", r.getNewOwner())));
                })
                .register(Methods.GROUP_SET_MANAGERS, (c, req) -> {
                    SetGroupManagersRequest r = req.parse(SetGroupManagersRequest.getDefaultInstance());
                    allowed(SET_MANAGER);
                    return changed(members.setRole(op(c), gid(r.getGroupId()),
                            GroupViews.userIds("members", r.getMembersList()), GroupMembers.Role.MANAGER, r.getOn()));
                })
                .register(Methods.GROUP_MY_GROUPS, (c, req) -> ids(groups.groupsOf(c.userId(), Set.of())))
                .register(Methods.GROUP_COMMON_GROUPS, (c, req) -> ids(groups.common(c.userId(),
                        UserIds.check("uid", req.parse(CommonGroupsRequest.getDefaultInstance()).getUid()))))
                .register(Methods.GROUP_GET_INFOS, this::getInfos)
                .register(Methods.GROUP_PULL_MEMBERS, this::pullMembers);
    }

    private CompletableFuture<Reply> create(RpcMethod.Caller c, RpcRequest req) {
        CreateGroupRequest r = req.parse(CreateGroupRequest.getDefaultInstance());
        allowed(CREATE);
        return groups.create(op(c), GroupViews.info(r.getGroup()), GroupViews.members(r.getMembersList()))
                .thenApply(id -> Reply.newBuilder().setGroupCreated(CreateGroupResult.newBuilder().setGroupId(id))
                        .build());
    }

    private CompletableFuture<Reply> getInfos(RpcMethod.Caller c, RpcRequest req) {
        GetGroupInfosRequest r = req.parse(GetGroupInfosRequest.getDefaultInstance());
        FieldCheck.count("request", r.getRequestList(), MAX_INFOS);
        r.getRequestList().forEach(q -> gid(q.getGroupId()));
        return groups.infos(r.getRequestList().stream().map(GroupRequest::getGroupId).toList()).thenApply(found -> {
            Map<String, GroupInfo> byId = new HashMap<>();
            found.forEach(g -> byId.put(g.groupId(), g));
            GetGroupInfosResult.Builder out = GetGroupInfosResult.newBuilder();
            for (GroupRequest q : r.getRequestList()) {
                GroupInfo g = byId.get(q.getGroupId());
                GroupResult.Builder e = GroupResult.newBuilder().setGroupId(q.getGroupId());
                if (g == null) {
                    e.setCode(NOT_FOUND);
                } else if (q.getUpdateDt() > 0 && g.updatedAt() <= q.getUpdateDt()) {
                    e.setCode(NOT_MODIFIED);
                } else {
                    e.setCode(FOUND).setGroup(GroupViews.profile(g));
                }
                out.addResult(e);
            }
            return Reply.newBuilder().setGroupInfos(out).build();
        });
    }

    private CompletableFuture<Reply> pullMembers(RpcMethod.Caller c, RpcRequest req) {
        PullGroupMembersRequest r = req.parse(PullGroupMembersRequest.getDefaultInstance());
        if (r.getSince() < 0) {
            throw FieldCheck.invalid("since must not be negative");
        }
        return groups.membersSince(gid(r.getGroupId()), c.userId(), r.getSince()).thenApply(p -> {
            GroupMembersResult.Builder out = GroupMembersResult.newBuilder()
                    .setMemberUpdateDt(p.getKey().memberUpdatedAt());
            p.getValue().forEach(m -> out.addMembers(GroupViews.entry(m)));
            return Reply.newBuilder().setGroupMembers(out).build();
        });
    }

    private void allowed(int bit) {
        if ((forbidden & bit) != 0) {
            throw new StatusException(Status.NOT_RIGHT, "clients may not do this group operation on this server");
        }
    }

    private static GroupOp op(RpcMethod.Caller c) {
        return new GroupOp(c.userId(), List.of(), null, false);
    }

    private static String gid(String groupId) {
        return GroupLimits.id("group_id", groupId);
    }

    private static CompletableFuture<Reply> changed(CompletableFuture<Void> change) {
        return change.thenApply(v -> CHANGED);
    }

    private static CompletableFuture<Reply> ids(CompletableFuture<List<String>> ids) {
        return ids.thenApply(l -> Reply.newBuilder().setGroupIds(GroupIdsResult.newBuilder().addAllGroupIds(l))
                .build());
    }
}
