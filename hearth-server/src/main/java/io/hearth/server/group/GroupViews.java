package io.hearth.server.group;

import io.hearth.protocol.pb.GroupMemberEntry;
import io.hearth.protocol.pb.GroupProfile;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.user.UserIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups and members between the client protobuf ({@code GroupProfile}, {@code GroupMemberEntry}) and the model,
 * with the value checks of a client's create and add (251). Pure functions, any thread.
 */
final class GroupViews {

    private GroupViews() {
    }

    static GroupProfile profile(GroupInfo g) {
        return GroupProfile.newBuilder().setGroupId(g.groupId()).setName(nz(g.name())).setPortrait(nz(g.portrait()))
                .setOwner(nz(g.owner())).setType(g.type()).setExtra(nz(g.extra())).setMute(g.mute())
                .setJoinType(g.joinType()).setPrivateChat(g.privateChat()).setSearchable(g.searchable())
                .setHistoryMessage(g.historyMessage()).setMaxMemberCount(g.maxMemberCount())
                .setSuperGroup(g.superGroup()).setMemberCount(g.memberCount()).setUpdateDt(g.updatedAt())
                .setMemberUpdateDt(g.memberUpdatedAt()).build();
    }

    static GroupMemberEntry entry(GroupMember m) {
        return GroupMemberEntry.newBuilder().setMemberId(m.memberId()).setAlias(nz(m.alias())).setType(m.type())
                .setExtra(nz(m.extra())).setCreateDt(m.createdAt()).setUpdateDt(m.updatedAt()).build();
    }

    /** The info of a client's create: the id checked when given, the owner left to the caller. */
    static GroupInfo info(GroupProfile g) {
        String id = g.getGroupId().isEmpty() ? "" : GroupLimits.id("group.group_id", g.getGroupId());
        return new GroupInfo(id, FieldCheck.text("group.name", g.getName(), GroupLimits.NAME),
                FieldCheck.text("group.portrait", g.getPortrait(), GroupLimits.PORTRAIT), "",
                range("group.type", g.getType(), 3), FieldCheck.text("group.extra", g.getExtra(), GroupLimits.EXTRA),
                range("group.mute", g.getMute(), 1), range("group.join_type", g.getJoinType(), 2),
                range("group.private_chat", g.getPrivateChat(), 1), range("group.searchable", g.getSearchable(), 1),
                range("group.history_message", g.getHistoryMessage(), 1),
                range("group.max_member_count", g.getMaxMemberCount(), Integer.MAX_VALUE), g.getSuperGroup(),
                0, 0, 0, 0);
    }

    /** Members a client creates a group with or adds: ids checked, type 0 (normal) or 1 (manager). */
    static List<GroupMember> members(List<GroupMemberEntry> entries) {
        FieldCheck.count("members", entries, GroupLimits.MEMBERS_PER_CALL);
        List<GroupMember> out = new ArrayList<>();
        for (GroupMemberEntry e : entries) {
            out.add(new GroupMember("", UserIds.check("members.member_id", e.getMemberId()),
                    FieldCheck.text("members.alias", e.getAlias(), GroupLimits.ALIAS),
                    range("members.type", e.getType(), GroupMember.MANAGER),
                    FieldCheck.text("members.extra", e.getExtra(), GroupLimits.EXTRA), 0, 0));
        }
        return out;
    }

    /** User ids of a kick or set_managers: 251 when none or one is invalid. */
    static List<String> userIds(String field, List<String> ids) {
        if (ids.isEmpty()) {
            throw FieldCheck.invalid("missing " + field);
        }
        FieldCheck.count(field, ids, GroupLimits.MEMBERS_PER_CALL);
        ids.forEach(id -> UserIds.check(field, id));
        return ids;
    }

    private static int range(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw FieldCheck.invalid(field + " must be between 0 and " + max);
        }
        return value;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
