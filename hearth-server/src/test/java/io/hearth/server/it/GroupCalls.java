package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.testing.TestNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server API calls of the group tests ({@code /admin/group/*} bodies built from key/value pairs) and what group
 * tests read from timelines: a group message as "type data" ({@code 110 {"g":..,"o":..,"n":..}}).
 */
final class GroupCalls {

    private final TestNode node;

    GroupCalls(TestNode node) {
        this.node = node;
    }

    static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    JsonNode call(String path, Object body) {
        return node.admin().call(path, body);
    }

    JsonNode result(String path, Object body) {
        JsonNode r = call(path, body);
        assertThat(r.get("code").asInt()).as("%s %s", path, r).isZero();
        return r.get("result");
    }

    void ok(String path, Object body) {
        result(path, body);
    }

    void code(int expected, String path, Object body) {
        JsonNode r = call(path, body);
        assertThat(r.get("code").asInt()).as("%s %s", path, r).isEqualTo(expected);
        assertThat(r.get("msg").asText()).isNotBlank();
    }

    /** Creates group {@code id} owned by {@code owner} with {@code members}; returns its id. */
    String create(String owner, String id, String name, String... members) {
        List<Map<String, Object>> ms = java.util.Arrays.stream(members).map(m -> body("member_id", m)).toList();
        return result("/admin/group/create", body("operator", owner, "group", body("group_info",
                body("target_id", id, "name", name, "owner", owner, "type", 2), "members", ms)))
                .get("group_id").asText();
    }

    /** A text message to group {@code groupId}. */
    static SendMessageRequest text(String groupId, String text) {
        return SendMessageRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(1).setTarget(groupId))
                .setContent(MessageContent.newBuilder().setType(Fixtures.TEXT).setSearchableContent(text)
                        .setPersistFlag(3))
                .build();
    }

    /** A group message as "type data" for notifications (types 104–124), "type text" otherwise. */
    static String describe(Message m) {
        int t = m.getContent().getType();
        return t >= 104 && t <= 124 ? t + " " + m.getContent().getData().toStringUtf8()
                : t + " " + m.getContent().getSearchableContent();
    }

    /** The group messages of a timeline, described. */
    static List<String> groupMessages(List<Message> timeline, String groupId) {
        return timeline.stream().filter(m -> m.getConversation().getType() == 1
                && m.getConversation().getTarget().equals(groupId)).map(GroupCalls::describe).toList();
    }
}
