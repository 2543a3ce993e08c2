package io.hearth.server.group;

import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.CommonGroupsRequest;
import io.hearth.protocol.pb.GetGroupInfosRequest;
import io.hearth.protocol.pb.GetGroupInfosResult;
import io.hearth.protocol.pb.GroupIdsResult;
import io.hearth.protocol.pb.GroupMembersResult;
import io.hearth.protocol.pb.GroupRequest;
import io.hearth.protocol.pb.GroupResult;
import io.hearth.protocol.pb.PullGroupMembersRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.server.common.FieldCheck;
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
 * The group feature's client reads: {@code group.my_groups}, {@code group.common_groups}, {@code group.get_infos}
 * by {@code update_dt} (not modified when unchanged) and {@code group.pull_members} since a member update time.
 * Registered by {@link GroupMethods}; called on event loops, the reads run on the blocking executor.
 */
final class GroupQueries {

    /** Most groups one {@code group.get_infos} asks for. */
    static final int MAX_INFOS = 500;

    static final int FOUND = 0;
    static final int NOT_FOUND = 1;
    static final int NOT_MODIFIED = 2;

    private final GroupService groups;

    GroupQueries(GroupService groups) {
        this.groups = groups;
    }

    void register(RpcRegistry rpc) {
        rpc.register(Methods.GROUP_MY_GROUPS, (c, req) -> ids(groups.groupsOf(c.userId(), Set.of())))
                .register(Methods.GROUP_COMMON_GROUPS, (c, req) -> ids(groups.common(c.userId(),
                        UserIds.check("uid", req.parse(CommonGroupsRequest.getDefaultInstance()).getUid()))))
                .register(Methods.GROUP_GET_INFOS, this::getInfos)
                .register(Methods.GROUP_PULL_MEMBERS, this::pullMembers);
    }

    private CompletableFuture<Reply> getInfos(RpcMethod.Caller c, RpcRequest req) {
        GetGroupInfosRequest r = req.parse(GetGroupInfosRequest.getDefaultInstance());
        FieldCheck.count("request", r.getRequestList(), MAX_INFOS);
        r.getRequestList().forEach(q -> GroupLimits.id("group_id", q.getGroupId()));
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
        return groups.membersSince(GroupLimits.id("group_id", r.getGroupId()), c.userId(), r.getSince()).thenApply(p -> {
            GroupMembersResult.Builder out = GroupMembersResult.newBuilder()
                    .setMemberUpdateDt(p.getKey().memberUpdatedAt());
            p.getValue().forEach(m -> out.addMembers(GroupViews.entry(m)));
            return Reply.newBuilder().setGroupMembers(out).build();
        });
    }

    private static CompletableFuture<Reply> ids(CompletableFuture<List<String>> ids) {
        return ids.thenApply(l -> Reply.newBuilder().setGroupIds(GroupIdsResult.newBuilder().addAllGroupIds(l))
                .build());
    }
}
