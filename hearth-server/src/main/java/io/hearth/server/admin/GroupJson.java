package io.hearth.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Status;
import io.hearth.server.common.FieldCheck;
import io.hearth.server.common.StatusException;
import io.hearth.server.group.GroupInfo;
import io.hearth.server.group.GroupLimits;
import io.hearth.server.group.GroupMember;
import io.hearth.server.group.GroupOp;
import io.hearth.server.user.UserIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's group JSON: {@code PojoGroupInfo} and {@code PojoGroupMember} (snake_case, with Hearth's
 * {@code member_count}, {@code update_dt} and {@code member_update_dt} added), the {@code InputGroupBase} fields of
 * every write ({@code operator}, {@code to_lines}, {@code notify_message}) and the value checks (251).
 */
public final class GroupJson {

    private GroupJson() {
    }

    /** {@code operator}, {@code to_lines} and {@code notify_message} of a write. */
    static GroupOp op(JsonNode b) {
        String operator = UserIds.check("operator", AdminJson.required(b, "operator"));
        List<Integer> lines = new ArrayList<>();
        JsonNode l = b.get("to_lines");
        if (l != null && !l.isNull()) {
            if (!l.isArray()) {
                throw FieldCheck.invalid("to_lines must be an array of numbers");
            }
            for (JsonNode n : l) {
                if (!n.canConvertToInt() || n.asInt() < 0) {
                    throw FieldCheck.invalid("to_lines must be an array of numbers");
                }
                lines.add(n.asInt());
            }
        }
        JsonNode notify = b.get("notify_message");
        return GroupOp.admin(operator, lines, notify == null || notify.isNull() ? null : PayloadJson.content(notify));
    }

    static String groupId(JsonNode b, String field) {
        return GroupLimits.id(field, AdminJson.optional(b, field));
    }

    /** A {@code PojoGroupInfo} of a create; an absent {@code target_id} stays empty (a generated id follows). */
    static GroupInfo info(JsonNode g) {
        if (g == null || !g.isObject()) {
            throw FieldCheck.invalid("missing group.group_info");
        }
        String id = AdminJson.optional(g, "target_id");
        if (id != null) {
            GroupLimits.id("target_id", id);
        }
        String owner = AdminJson.optional(g, "owner");
        if (owner != null) {
            UserIds.check("owner", owner);
        }
        return new GroupInfo(id == null ? "" : id, text(g, "name", GroupLimits.NAME),
                text(g, "portrait", GroupLimits.PORTRAIT), owner == null ? "" : owner, range(g, "type", 0, 3),
                text(g, "extra", GroupLimits.EXTRA), range(g, "mute", 0, 1), range(g, "join_type", 0, 2),
                range(g, "private_chat", 0, 1), range(g, "searchable", 0, 1), range(g, "history_message", 0, 1),
                range(g, "max_member_count", 0, Integer.MAX_VALUE), flag(g, "super_group"), 0, 0, 0, 0);
    }

    /** {@code [PojoGroupMember]} of a create or add (ids checked, type 0 when absent). */
    static List<GroupMember> members(JsonNode list) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw FieldCheck.invalid("members must be an array");
        }
        atMost("members", list);
        List<GroupMember> out = new ArrayList<>();
        for (JsonNode m : list) {
            if (!m.isObject()) {
                throw FieldCheck.invalid("a member must be an object with member_id");
            }
            String id = UserIds.check("member_id", AdminJson.required(m, "member_id"));
            out.add(new GroupMember("", id, text(m, "alias", GroupLimits.ALIAS), range(m, "type", 0, 5),
                    text(m, "extra", GroupLimits.EXTRA), 0, 0));
        }
        return out;
    }

    /** A list of user ids ({@code members} of kick and the role paths); 251 when missing or empty. */
    static List<String> userIds(JsonNode b, String field) {
        JsonNode list = b.get(field);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw FieldCheck.invalid("missing " + field);
        }
        atMost(field, list);
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(UserIds.check(field, n.asText())));
        return out;
    }

    private static void atMost(String field, JsonNode list) {
        if (list.size() > GroupLimits.MEMBERS_PER_CALL) {
            throw FieldCheck.invalid(field + " has more than " + GroupLimits.MEMBERS_PER_CALL + " entries");
        }
    }

    public static Map<String, Object> json(GroupInfo g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target_id", g.groupId());
        m.put("name", g.name());
        m.put("portrait", g.portrait());
        m.put("owner", g.owner());
        m.put("type", g.type());
        m.put("extra", g.extra());
        m.put("mute", g.mute());
        m.put("join_type", g.joinType());
        m.put("private_chat", g.privateChat());
        m.put("searchable", g.searchable());
        m.put("max_member_count", g.maxMemberCount());
        m.put("history_message", g.historyMessage());
        m.put("super_group", g.superGroup());
        m.put("member_count", g.memberCount());
        m.put("update_dt", g.updatedAt());
        m.put("member_update_dt", g.memberUpdatedAt());
        return m;
    }

    static Map<String, Object> json(GroupMember gm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("member_id", gm.memberId());
        m.put("alias", gm.alias());
        m.put("type", gm.type());
        m.put("extra", gm.extra());
        m.put("createDt", gm.createdAt());
        m.put("update_dt", gm.updatedAt());
        return m;
    }

    /** A boolean given as true/false, 1/0 or "true"/"false"/"1"/"0"; 251 when missing or otherwise. */
    static boolean requiredFlag(JsonNode b, String field) {
        if (!b.hasNonNull(field)) {
            throw FieldCheck.invalid("missing " + field);
        }
        return flag(b, field);
    }

    private static boolean flag(JsonNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        String t = n.asText();
        return switch (t) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw FieldCheck.invalid(field + " must be true or false");
        };
    }

    private static String text(JsonNode b, String field, int max) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return "";
        }
        if (!n.isValueNode()) {
            throw FieldCheck.invalid(field + " must be a string");
        }
        return FieldCheck.text(field, n.asText(), max);
    }

    private static int range(JsonNode b, String field, int min, int max) {
        int v = AdminJson.optionalInt(b, field, 0);
        if (v < min || v > max) {
            throw new StatusException(Status.INVALID_PARAMETER, field + " must be in " + min + ".." + max);
        }
        return v;
    }
}
