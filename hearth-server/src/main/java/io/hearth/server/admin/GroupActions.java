package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.group.GroupLimits;
import io.hearth.server.group.GroupMembers;
import io.hearth.server.group.GroupService;
import io.hearth.server.user.UserIds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Server API group actions ({@code /admin/group/*}) with the reference's field names: snake_case for writes
 * ({@code group_id}, {@code to_lines}, {@code notify_message}), camelCase for reads ({@code groupId}). Every write
 * acts as an admin (no role checks) and answers after its notification is in the members' timelines.
 */
public final class GroupActions implements AdminActions {

    private final GroupService groups;
    private final GroupMembers members;

    public GroupActions(GroupService groups) {
        this.groups = groups;
        this.members = groups.members();
    }

    @Override
    public void register(AdminApi api) {
        api.action("/admin/group/create", this::create)
                .action("/admin/group/del", b -> groups.dismiss(GroupJson.op(b), gid(b)).thenApply(v -> null))
                .action("/admin/group/get_info", b -> groups.info(GroupJson.groupId(b, "groupId"))
                        .thenApply(GroupJson::json))
                .action("/admin/group/batch_infos", this::batchInfos)
                .action("/admin/group/transfer", b -> groups.transfer(GroupJson.op(b), gid(b),
                        user(b, "new_owner")).thenApply(v -> null))
                .action("/admin/group/modify", b -> {
                    if (!b.hasNonNull("type")) {
                        throw FieldCheck.invalid("missing type");
                    }
                    return groups.modify(GroupJson.op(b), gid(b), AdminJson.optionalInt(b, "type", -1),
                            b.hasNonNull("value") ? b.get("value").asText() : null).thenApply(v -> null);
                })
                .action("/admin/group/member/list", b -> groups.memberList(GroupJson.groupId(b, "groupId"))
                        .thenApply(l -> Map.of("members", l.stream().map(GroupJson::json).toList())))
                .action("/admin/group/member/get", b -> groups.member(GroupJson.groupId(b, "groupId"),
                        user(b, "memberId")).thenApply(GroupJson::json))
                .action("/admin/group/member/add", this::add)
                .action("/admin/group/member/del", b -> members.kick(GroupJson.op(b), gid(b),
                        GroupJson.userIds(b, "members")).thenApply(v -> null))
                .action("/admin/group/member/quit", b -> groups.quit(GroupJson.op(b), gid(b)).thenApply(v -> null))
                .action("/admin/group/member/set_alias", b -> members.setAlias(GroupJson.op(b), gid(b),
                        user(b, "memberId"), text(b, "alias", GroupLimits.ALIAS)).thenApply(v -> null))
                .action("/admin/group/member/set_extra", b -> members.setExtra(GroupJson.op(b), gid(b),
                        user(b, "memberId"), text(b, "extra", GroupLimits.EXTRA)).thenApply(v -> null))
                .action("/admin/group/manager/set", b -> role(b, GroupMembers.Role.MANAGER))
                .action("/admin/group/manager/mute", b -> role(b, GroupMembers.Role.MUTED))
                .action("/admin/group/manager/allow", b -> role(b, GroupMembers.Role.ALLOWED))
                .action("/admin/group/of_user", b -> groups.groupsOf(user(b, "userId"), Set.of())
                        .thenApply(GroupActions::ids))
                .action("/admin/group/of_user_by_type", this::ofUserByType)
                .action("/admin/group/common_group", b -> groups.common(user(b, "first"), user(b, "second"))
                        .thenApply(GroupActions::ids));
    }

    /** {@code {operator, group:{group_info, members}, to_lines?, notify_message?}} → {@code {group_id}}. */
    private CompletableFuture<Object> create(JsonNode b) {
        var op = GroupJson.op(b);
        JsonNode group = b.get("group");
        if (group == null || !group.isObject()) {
            throw FieldCheck.invalid("missing group");
        }
        return groups.create(op, GroupJson.info(group.get("group_info")), GroupJson.members(group.get("members")))
                .thenApply(id -> Map.of("group_id", id));
    }

    /** A bare array of ids (or {@code {groupIds:[...]}}) → {@code {groupInfoList:[...]}}, unknown ids left out. */
    private CompletableFuture<Object> batchInfos(JsonNode b) {
        JsonNode list = b.isArray() ? b : b.get("groupIds");
        if (list == null || !list.isArray()) {
            throw FieldCheck.invalid("the body must be an array of group ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode n : list) {
            ids.add(GroupLimits.id("group id", n.asText()));
        }
        return groups.infos(ids).thenApply(l -> Map.of("groupInfoList", l.stream().map(GroupJson::json).toList()));
    }

    /** {@code member_extra} or, as the JS SDK sends it, {@code memberExtra}. */
    private CompletableFuture<Object> add(JsonNode b) {
        var op = GroupJson.op(b);
        String extra = AdminJson.optional(b, b.hasNonNull("member_extra") ? "member_extra" : "memberExtra");
        FieldCheck.text("member_extra", extra, GroupLimits.EXTRA);
        return members.add(op, gid(b), GroupJson.members(b.get("members")), extra).thenApply(v -> null);
    }

    /** {@code {operator, group_id, members, is_manager}}: {@code is_manager} is the flag of every role path. */
    private CompletableFuture<Object> role(JsonNode b, GroupMembers.Role role) {
        var op = GroupJson.op(b);
        return members.setRole(op, gid(b), GroupJson.userIds(b, "members"), role,
                GroupJson.requiredFlag(b, "is_manager")).thenApply(v -> null);
    }

    /** {@code {userId, groupMemberTypes}} (or {@code groupMemberType}), or the JS SDK's {@code {user, types}}. */
    private CompletableFuture<Object> ofUserByType(JsonNode b) {
        String user = user(b, b.hasNonNull("userId") ? "userId" : "user");
        String field = b.has("groupMemberTypes") ? "groupMemberTypes"
                : b.has("groupMemberType") ? "groupMemberType" : "types";
        JsonNode list = b.get(field);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw FieldCheck.invalid("missing groupMemberTypes");
        }
        Set<Integer> types = new LinkedHashSet<>();
        for (JsonNode n : list) {
            if (!n.canConvertToInt() || n.asInt() < 0 || n.asInt() > 5) {
                throw FieldCheck.invalid(field + " must be member types 0..5");
            }
            types.add(n.asInt());
        }
        return groups.groupsOf(user, types).thenApply(GroupActions::ids);
    }

    private static Object ids(List<String> ids) {
        return Map.of("groupIds", ids);
    }

    private static String gid(JsonNode b) {
        return GroupJson.groupId(b, "group_id");
    }

    private static String user(JsonNode b, String field) {
        return UserIds.check(field, AdminJson.required(b, field));
    }

    private static String text(JsonNode b, String field, int max) {
        String v = b.hasNonNull(field) ? b.get(field).asText() : "";
        return FieldCheck.text(field, v, max);
    }
}
