package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.id;
import static io.hearth.server.it.Fixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The users part of the server API as an app server calls it: update with the flag mask, destroy,
 * get_info_by_email, all, batch_get_infos, search_user, the block status calls, online_list, session_list and the
 * robot calls, with the reference's field names and envelope, its alternative body shapes, and 251 for a missing
 * or bad field, 253 for an unknown id; on H2 and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class UsersIT {

    private static TestNode node;

    UsersIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void startNode(NodeDatabase database) {
        node = TestNode.start(database.settings());
    }

    @AfterParameterizedClassInvocation
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    // ---- update ----

    @Test
    void updateChangesExactlyTheFieldsOfTheFlagMask() {
        String u = create(Map.of("displayName", "Old", "mobile", "100", "email", "old@example.com", "gender", 1));
        long before = info(u).path("updateDt").asLong();
        Map<String, Object> userInfo = new LinkedHashMap<>();
        userInfo.put("userId", u);
        userInfo.put("displayName", "New");
        userInfo.put("mobile", "200");
        userInfo.put("email", "ignored@example.com");
        userInfo.put("gender", 2);
        userInfo.put("name", u + "-renamed");

        assertOk(call("/admin/user/update", Map.of("flag", 0x01 | 0x08 | 0x04 | 0x200, "userInfo", userInfo)));

        JsonNode after = info(u);
        assertThat(after.path("displayName").asText()).isEqualTo("New");
        assertThat(after.path("mobile").asText()).isEqualTo("200");
        assertThat(after.path("gender").asInt()).isEqualTo(2);
        assertThat(after.path("name").asText()).isEqualTo(u + "-renamed");
        assertThat(after.path("email").asText()).as("0x10 not in the mask").isEqualTo("old@example.com");
        assertThat(after.path("updateDt").asLong()).isGreaterThan(before);
        // an empty value clears an optional field
        assertOk(call("/admin/user/update", Map.of("flag", 0x08, "userInfo", Map.of("userId", u, "mobile", ""))));
        assertThat(info(u).has("mobile")).isFalse();
    }

    @Test
    void updateRefusesBadInputWith251AndUnknownUsersWith253() {
        String u = create(Map.of());
        assertCode(call("/admin/user/update", Map.of("userInfo", Map.of("userId", u))), 251, "flag");
        assertCode(call("/admin/user/update", Map.of("flag", 0, "userInfo", Map.of("userId", u))), 251, "flag");
        assertCode(call("/admin/user/update", Map.of("flag", 0x400, "userInfo", Map.of("userId", u))), 251, "flag");
        assertCode(call("/admin/user/update", Map.of("flag", 1)), 251, "userInfo");
        assertCode(call("/admin/user/update", Map.of("flag", 1, "userInfo", Map.of("displayName", "x"))), 251,
                "userId");
        assertCode(call("/admin/user/update", Map.of("flag", 0x04, "userInfo", Map.of("userId", u, "gender", "m"))),
                251, "gender");
        assertCode(call("/admin/user/update", Map.of("flag", 0x200, "userInfo", Map.of("userId", u))), 251, "name");
        assertCode(call("/admin/user/update", Map.of("flag", 0x01,
                "userInfo", Map.of("userId", u, "displayName", "x".repeat(257)))), 251, "displayName");
        assertCode(call("/admin/user/update", Map.of("flag", 1, "userInfo", Map.of("userId", id("nobody")))), 253,
                "not exist");
    }

    // ---- reads ----

    @Test
    void getInfoByEmailTakesABareJsonStringOrAnObject() {
        String email = id("mail") + "@example.com";
        String a = create(Map.of("email", email));
        String b = create(Map.of("email", email));
        create(Map.of("email", "other-" + email));

        JsonNode bare = assertOk(call("/admin/user/get_info_by_email", email));
        assertThat(ids(bare.path("result").path("userInfos"))).containsExactlyInAnyOrder(a, b);
        assertThat(bare.path("result").path("userInfos").get(0).path("email").asText()).isEqualTo(email);
        JsonNode object = assertOk(call("/admin/user/get_info_by_email", Map.of("email", email)));
        assertThat(ids(object.path("result").path("userInfos"))).containsExactlyInAnyOrder(a, b);
        assertThat(assertOk(call("/admin/user/get_info_by_email", "none-" + email)).path("result").path("userInfos"))
                .isEmpty();

        assertCode(call("/admin/user/get_info_by_email", ""), 251, "email");
        assertCode(call("/admin/user/get_info_by_email", Map.of()), 251, "email");
    }

    @Test
    void allPagesThroughTheUsersThatAreNotDestroyed() {
        String a = create(Map.of());
        String gone = create(Map.of());
        assertOk(call("/admin/user/destroy", Map.of("userId", gone)));

        List<String> seen = new ArrayList<>();
        for (int offset = 0; ; offset += 7) {
            JsonNode page = assertOk(call("/admin/user/all", Map.of("count", 7, "offset", offset)))
                    .path("result").path("userInfoList");
            assertThat(page.size()).isLessThanOrEqualTo(7);
            seen.addAll(ids(page));
            if (page.size() < 7) {
                break;
            }
        }
        assertThat(seen).contains(a).doesNotContain(gone).doesNotHaveDuplicates().isSorted();

        assertCode(call("/admin/user/all", Map.of("count", 0)), 251, "count");
        assertCode(call("/admin/user/all", Map.of("count", 1001)), 251, "count");
        assertCode(call("/admin/user/all", Map.of("offset", -1)), 251, "offset");
        assertCode(call("/admin/user/all", Map.of("count", "many")), 251, "count");
    }

    @Test
    void batchGetInfosAnswersKnownUsersInTheOrderAskedFromAListOrABareArray() {
        String a = create(Map.of("displayName", "A"));
        String b = create(Map.of("displayName", "B"));
        String unknown = id("unknown");

        JsonNode listed = assertOk(call("/admin/user/batch_get_infos", Map.of("list", List.of(b, unknown, a))));
        assertThat(ids(listed.path("result").path("userInfos"))).containsExactly(b, a);
        assertThat(listed.path("result").path("userInfos").get(0).path("displayName").asText()).isEqualTo("B");
        JsonNode bare = assertOk(call("/admin/user/batch_get_infos", List.of(a, b)));
        assertThat(ids(bare.path("result").path("userInfos"))).containsExactly(a, b);

        assertCode(call("/admin/user/batch_get_infos", Map.of()), 251, "list");
        assertCode(call("/admin/user/batch_get_infos", Map.of("list", List.of(a, 7))), 251, "list entry");
        assertCode(call("/admin/user/batch_get_infos", Map.of("list", List.of("a b"))), 251, "list entry");
    }

    @Test
    void searchUserMatchesByTypeIncludingRobotsButNotDestroyedUsers() {
        String tag = id("zebra");
        String fuzzy = create(Map.of("displayName", "Mr " + tag + " Jr", "mobile", tag + "-m"));
        String named = create(Map.of("name", tag));
        String robot = assertOk(call("/admin/robot/create", Map.of("name", id("bot"), "displayName", tag + " bot",
                "owner", named))).path("result").path("userId").asText();
        String gone = create(Map.of("displayName", tag + " gone"));
        assertOk(call("/admin/user/destroy", Map.of("userId", gone)));

        assertThat(search(tag, 0)).containsExactlyInAnyOrder(fuzzy, named, robot);
        assertThat(search(tag.toUpperCase(), 0)).as("display names (the name by default) match case-insensitively")
                .containsExactlyInAnyOrder(fuzzy, named, robot);
        assertThat(search(tag, 2)).containsExactly(named);
        assertThat(search(tag + "-m", 3)).containsExactly(fuzzy);
        assertThat(search(tag + "-m", 1)).containsExactly(fuzzy);
        assertThat(search(fuzzy, 4)).containsExactly(fuzzy);
        assertThat(search("%", 0)).as("LIKE wildcards are plain characters").isEmpty();

        assertCode(call("/admin/user/search_user", Map.of("searchType", 0)), 251, "keyword");
        assertCode(call("/admin/user/search_user", Map.of("keyword", tag, "searchType", 9)), 251, "searchType");
        assertCode(call("/admin/user/search_user", Map.of("keyword", tag, "page", -1)), 251, "page");
    }

    // ---- destroy ----

    @Test
    void destroyClearsTheProfileKeepsTheDisplayNameAndKicksTheSessions() {
        Login login = newUser(node, "dora");
        assertOk(call("/admin/user/update", Map.of("flag", 0x01 | 0x08, "userInfo",
                Map.of("userId", login.userId(), "displayName", "Dora", "mobile", "555"))));
        try (Mqtt5Peer phone = Fixtures.online(node, login)) {
            assertOk(call("/admin/user/destroy", Map.of("userId", login.userId())));
            phone.awaitDisconnected();
        }

        assertCode(call("/admin/user/get_info", Map.of("userId", login.userId())), 253, "");
        JsonNode kept = assertOk(call("/admin/user/get_info", Map.of("userId", login.userId(), "includeDeleted", true)))
                .path("result");
        assertThat(kept.path("displayName").asText()).isEqualTo("Dora");
        assertThat(kept.path("deleted").asInt()).isEqualTo(1);
        assertThat(kept.has("mobile")).isFalse();
        assertCode(call("/admin/user/get_token", Map.of("userId", login.userId(), "clientId", login.clientId(),
                "platform", 2)), 253, "not exist");
        assertCode(call("/admin/user/destroy", Map.of("userId", login.userId())), 253, "not exist");
        assertCode(call("/admin/user/destroy", Map.of()), 251, "userId");
    }

    @Test
    void destroyClearsTheDisplayNameTooWhenConfigured() {
        try (TestNode other = TestNode.start(Map.of("user.keep_display_name_when_destroy", "false"))) {
            String u = id("erase");
            assertOk(other.admin().call("/admin/user/create", Map.of("userId", u, "name", u, "displayName", "Eve")));
            assertOk(other.admin().call("/admin/user/destroy", Map.of("userId", u)));
            JsonNode gone = assertOk(other.admin().call("/admin/user/get_info", Map.of("userId", u,
                    "includeDeleted", true))).path("result");
            assertThat(gone.has("displayName")).isFalse();
            assertThat(gone.path("deleted").asInt()).isEqualTo(1);
        }
    }

    // ---- block status ----

    @Test
    void blockStatusIsSetWithStatusOrBlockCheckedAndListed() {
        String muted = create(Map.of());
        String banned = create(Map.of());
        assertOk(call("/admin/user/update_block_status", Map.of("userId", muted, "status", 1)));
        assertOk(call("/admin/user/update_block_status", Map.of("userId", banned, "block", 2)));

        assertThat(assertOk(call("/admin/user/check_block_status", Map.of("userId", muted))).path("result")
                .path("status").asInt()).isEqualTo(1);
        assertThat(assertOk(call("/admin/user/check_block_status", Map.of("userId", banned))).path("result")
                .path("status").asInt()).isEqualTo(2);
        Map<String, Integer> listed = blockedList();
        assertThat(listed).containsEntry(muted, 1).containsEntry(banned, 2);

        assertOk(call("/admin/user/update_block_status", Map.of("userId", muted, "status", 0)));
        assertThat(assertOk(call("/admin/user/check_block_status", Map.of("userId", muted))).path("result")
                .path("status").asInt()).isZero();
        assertThat(blockedList()).doesNotContainKey(muted).containsEntry(banned, 2);
        assertOk(call("/admin/user/update_block_status", Map.of("userId", banned, "status", 0)));

        assertCode(call("/admin/user/update_block_status", Map.of("userId", muted)), 251, "status");
        assertCode(call("/admin/user/update_block_status", Map.of("userId", muted, "status", 3)), 251, "status");
        assertCode(call("/admin/user/update_block_status", Map.of("status", 1)), 251, "userId");
        assertCode(call("/admin/user/update_block_status", Map.of("userId", id("nobody"), "status", 1)), 253, "");
        assertCode(call("/admin/user/check_block_status", Map.of()), 251, "userId");
        assertCode(call("/admin/user/check_block_status", Map.of("userId", id("nobody"))), 253, "");
    }

    // ---- online ----

    @Test
    void onlineListAndSessionListShowConnectedClients() {
        Login online = newUser(node, "on");
        String offlineClient = id("off-pc");
        node.admin().token(online.userId(), offlineClient, 3);
        try (Mqtt5Peer phone = Fixtures.online(node, online)) {
            List<JsonNode> clients = new ArrayList<>();
            int total = -1;
            for (int offset = 0; total < 0 || offset < total; offset += 50) {
                JsonNode r = assertOk(call("/admin/user/online_list", Map.of("nodeId", 1, "offset", offset,
                        "count", 50))).path("result");
                assertThat(r.path("offset").asInt()).isEqualTo(offset);
                total = r.path("totalCount").asInt();
                r.path("userClients").forEach(clients::add);
                if (r.path("userClients").isEmpty()) {
                    break;
                }
            }
            assertThat(clients).anySatisfy(c -> {
                assertThat(c.path("userId").asText()).isEqualTo(online.userId());
                assertThat(c.path("clientId").asText()).isEqualTo(online.clientId());
                assertThat(c.path("platform").asInt()).isEqualTo(Fixtures.ANDROID);
            });
            assertThat(clients).hasSize(total);

            JsonNode sessions = assertOk(call("/admin/user/session_list", Map.of("userId", online.userId())))
                    .path("result").path("userSessions");
            Map<String, Boolean> isOnline = new LinkedHashMap<>();
            sessions.forEach(s -> {
                assertThat(s.path("userId").asText()).isEqualTo(online.userId());
                assertThat(s.has("pushType") && s.has("deviceToken") && s.has("deviceVoipToken")).isTrue();
                isOnline.put(s.path("clientId").asText(), s.path("isOnline").asBoolean());
            });
            assertThat(isOnline).containsEntry(online.clientId(), true).containsEntry(offlineClient, false);
        }
        assertCode(call("/admin/user/online_list", Map.of("nodeId", 99)), 3, "node 99");
        assertCode(call("/admin/user/online_list", Map.of("count", 0)), 251, "count");
        assertCode(call("/admin/user/session_list", Map.of()), 251, "userId");
        assertCode(call("/admin/user/session_list", Map.of("userId", id("nobody"))), 253, "");
    }

    // ---- robots ----

    @Test
    void robotsAreCreatedWithAnOwnerAndASecretAndListed() {
        String owner = create(Map.of());
        JsonNode made = assertOk(call("/admin/robot/create", Map.of("name", id("helper"), "displayName", "Helper",
                "owner", owner, "callback", "http://127.0.0.1:1/hook", "robotExtra", "{\"k\":1}"))).path("result");
        String robotId = made.path("userId").asText();
        assertThat(made.path("secret").asText()).hasSize(16);
        String chosen = id("bot2");
        JsonNode second = assertOk(call("/admin/robot/create", Map.of("userId", chosen, "name", chosen,
                "owner", owner, "secret", "s3cret"))).path("result");
        assertThat(second.path("userId").asText()).isEqualTo(chosen);
        assertThat(second.path("secret").asText()).isEqualTo("s3cret");

        JsonNode info = assertOk(call("/admin/user/get_robot_info", Map.of("robotId", robotId))).path("result");
        assertThat(info.path("userId").asText()).isEqualTo(robotId);
        assertThat(info.path("displayName").asText()).isEqualTo("Helper");
        assertThat(info.path("owner").asText()).isEqualTo(owner);
        assertThat(info.path("secret").asText()).isEqualTo(made.path("secret").asText());
        assertThat(info.path("callback").asText()).isEqualTo("http://127.0.0.1:1/hook");
        assertThat(info.path("robotExtra").asText()).isEqualTo("{\"k\":1}");
        assertThat(info.has("updateDt")).isTrue();
        assertThat(assertOk(call("/admin/user/get_info", Map.of("userId", robotId))).path("result").path("type")
                .asInt()).as("robots are users of type 1").isEqualTo(1);

        JsonNode owned = assertOk(call("/admin/user/get_user_robots", Map.of("userId", owner))).path("result");
        assertThat(owned.path("list")).extracting(JsonNode::asText).containsExactlyInAnyOrder(robotId, chosen);
        JsonNode all = assertOk(call("/admin/user/get_all_robots", Map.of("count", 1000, "offset", 0)))
                .path("result").path("robotInfoList");
        assertThat(ids(all)).contains(robotId, chosen);

        assertCode(call("/admin/robot/create", Map.of("name", id("x"))), 251, "owner");
        assertCode(call("/admin/robot/create", Map.of("owner", owner)), 251, "name");
        assertCode(call("/admin/robot/create", Map.of("name", id("x"), "owner", id("nobody"))), 253, "owner");
        assertCode(call("/admin/user/get_robot_info", Map.of()), 251, "robotId");
        assertCode(call("/admin/user/get_robot_info", Map.of("robotId", owner)), 253, "robot");
        assertCode(call("/admin/user/get_user_robots", Map.of("userId", id("nobody"))), 253, "");
        assertCode(call("/admin/user/get_user_robots", Map.of()), 251, "userId");
    }

    // ---- helpers ----

    private static JsonNode call(String path, Object body) {
        return node.admin().call(path, body);
    }

    /** Creates a user with a fresh id (used as its name unless given) and these fields. */
    private static String create(Map<String, Object> fields) {
        String u = id("u");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", u);
        body.put("name", u);
        body.putAll(fields);
        assertOk(call("/admin/user/create", body));
        return u;
    }

    private static JsonNode info(String userId) {
        return assertOk(call("/admin/user/get_info", Map.of("userId", userId))).path("result");
    }

    private static List<String> search(String keyword, int type) {
        return ids(assertOk(call("/admin/user/search_user", Map.of("keyword", keyword, "searchType", type)))
                .path("result").path("userInfos"));
    }

    private static Map<String, Integer> blockedList() {
        Map<String, Integer> out = new LinkedHashMap<>();
        assertOk(call("/admin/user/get_blocked_list", Map.of())).path("result").path("statusList")
                .forEach(e -> out.put(e.path("userId").asText(), e.path("status").asInt()));
        return out;
    }

    private static List<String> ids(JsonNode users) {
        List<String> out = new ArrayList<>();
        users.forEach(u -> out.add(u.path("userId").asText()));
        return out;
    }

    static JsonNode assertOk(JsonNode envelope) {
        assertThat(envelope.path("code").asInt(-1)).as("envelope %s", envelope).isZero();
        assertThat(envelope.path("msg").asText()).isEqualTo("success");
        return envelope;
    }

    static void assertCode(JsonNode envelope, int code, String msgPart) {
        assertThat(envelope.path("code").asInt(-1)).as("envelope %s", envelope).isEqualTo(code);
        assertThat(envelope.path("msg").asText()).as("envelope %s", envelope).contains(msgPart);
    }
}
