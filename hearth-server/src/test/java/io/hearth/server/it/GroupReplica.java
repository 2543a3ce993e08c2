package io.hearth.server.it;

import static io.hearth.server.it.Devices.ok;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.GetGroupInfosRequest;
import io.hearth.protocol.pb.GroupMemberEntry;
import io.hearth.protocol.pb.GroupMembersResult;
import io.hearth.protocol.pb.GroupProfile;
import io.hearth.protocol.pb.GroupRequest;
import io.hearth.protocol.pb.GroupResult;
import io.hearth.protocol.pb.PullGroupMembersRequest;
import io.hearth.protocol.pb.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client keeps of one group, refreshed the way a client refreshes: {@code group.get_infos} with the
 * {@code update_dt} it holds (code 2, not modified, keeps the old info) and {@code group.pull_members} since the
 * member update time it holds, whose rows replace its own (a type 4 row removes the member). {@link #view()} and
 * {@link #serverView} put the replica and the server API's {@code get_info} / {@code member/list} in one comparable
 * form. Mutable, used from the test thread only; {@link #copy()} freezes an old version.
 */
final class GroupReplica {

    private final String groupId;
    private GroupProfile info = GroupProfile.getDefaultInstance();
    private long memberSince;
    private final Map<String, GroupMemberEntry> members = new LinkedHashMap<>();

    GroupReplica(String groupId) {
        this.groupId = groupId;
    }

    /** A copy that later refreshes of this replica leave alone. */
    GroupReplica copy() {
        GroupReplica c = new GroupReplica(groupId);
        c.info = info;
        c.memberSince = memberSince;
        c.members.putAll(members);
        return c;
    }

    long updateDt() {
        return info.getUpdateDt();
    }

    long memberSince() {
        return memberSince;
    }

    /** Refreshes the info and then the members through {@code device}; returns the rows the delta carried. */
    int refresh(Mqtt5Peer device) {
        refreshInfo(device);
        return refreshMembers(device);
    }

    /** {@code group.get_infos} by the held {@code update_dt}; returns the entry's code (0 new info, 2 unchanged). */
    int refreshInfo(Mqtt5Peer device) {
        GroupResult r = ok(device.call(Methods.GROUP_GET_INFOS, GetGroupInfosRequest.newBuilder()
                .addRequest(GroupRequest.newBuilder().setGroupId(groupId).setUpdateDt(info.getUpdateDt())).build()))
                .getGroupInfos().getResult(0);
        if (r.getCode() == 0) {
            info = r.getGroup();
        } else if (r.getCode() != 2) {
            throw new AssertionError("get_infos of " + groupId + " answered entry code " + r.getCode());
        }
        return r.getCode();
    }

    /** {@code group.pull_members} since the held member update time, applied; returns how many rows came. */
    int refreshMembers(Mqtt5Peer device) {
        GroupMembersResult r = ok(pullMembers(device)).getGroupMembers();
        for (GroupMemberEntry m : r.getMembersList()) {
            if (m.getType() == 4) {
                members.remove(m.getMemberId());
            } else {
                members.put(m.getMemberId(), m);
            }
        }
        memberSince = Math.max(memberSince, r.getMemberUpdateDt());
        return r.getMembersCount();
    }

    /** The raw {@code group.pull_members} reply since the held member update time (for refusals). */
    Reply pullMembers(Mqtt5Peer device) {
        return device.call(Methods.GROUP_PULL_MEMBERS, PullGroupMembersRequest.newBuilder().setGroupId(groupId)
                .setSince(memberSince).build());
    }

    /** The replica as "field=value" of the info and "id type alias extra" per member, members by id. */
    Map<String, Object> view() {
        Map<String, Object> i = new TreeMap<>();
        i.put("name", info.getName());
        i.put("portrait", info.getPortrait());
        i.put("owner", info.getOwner());
        i.put("type", info.getType());
        i.put("extra", info.getExtra());
        i.put("mute", info.getMute());
        i.put("join_type", info.getJoinType());
        i.put("private_chat", info.getPrivateChat());
        i.put("searchable", info.getSearchable());
        i.put("history_message", info.getHistoryMessage());
        i.put("max_member_count", info.getMaxMemberCount());
        i.put("super_group", info.getSuperGroup());
        i.put("member_count", info.getMemberCount());
        i.put("update_dt", info.getUpdateDt());
        i.put("member_update_dt", info.getMemberUpdateDt());
        Map<String, String> m = new TreeMap<>();
        members.values().forEach(e -> m.put(e.getMemberId(), e.getType() + " " + e.getAlias() + " " + e.getExtra()));
        return Map.of("info", i, "members", m);
    }

    /** The server API's {@code get_info} and {@code member/list} of the group in the form of {@link #view()}. */
    static Map<String, Object> serverView(GroupCalls api, String groupId) {
        JsonNode g = api.result("/admin/group/get_info", GroupCalls.body("groupId", groupId));
        Map<String, Object> i = new TreeMap<>();
        for (String text : List.of("name", "portrait", "owner", "extra")) {
            i.put(text, g.path(text).asText());
        }
        for (String number : List.of("type", "mute", "join_type", "private_chat", "searchable", "history_message",
                "max_member_count", "member_count")) {
            i.put(number, g.path(number).asInt());
        }
        i.put("super_group", g.path("super_group").asBoolean());
        i.put("update_dt", g.path("update_dt").asLong());
        i.put("member_update_dt", g.path("member_update_dt").asLong());
        Map<String, String> m = new TreeMap<>();
        api.result("/admin/group/member/list", GroupCalls.body("groupId", groupId)).path("members").forEach(e ->
                m.put(e.path("member_id").asText(), e.path("type").asInt() + " " + e.path("alias").asText() + " "
                        + e.path("extra").asText()));
        return Map.of("info", i, "members", m);
    }
}
