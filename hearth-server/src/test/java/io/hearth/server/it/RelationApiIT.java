package io.hearth.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.NoticeKinds;
import io.hearth.server.testing.TestNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every relation endpoint of the server API ({@code /admin/friend/*}, {@code /admin/blacklist/*},
 * {@code /admin/relation/get}): the reference's field names and envelope, the alternative body shapes, a missing
 * field 251 and an unknown user 253; changes made here reach the users' devices as Notices.
 */
class RelationApiIT {

    private static TestNode node;
    private String alice;
    private String bob;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void users() {
        alice = Fixtures.id("alice");
        bob = Fixtures.id("bob");
        node.admin().createUser(alice);
        node.admin().createUser(bob);
    }

    @Test
    void friendStatusMakesFriendsBothWaysListsThemAndTellsTheirDevices() {
        try (Mqtt5Peer bobPhone = Devices.phone(node, bob)) {
            JsonNode r = call("/admin/friend/status", "userId", alice, "friendUid", bob, "status", 0, "extra", "e");
            assertThat(r.get("code").asInt()).isZero();
            assertThat(r.get("msg").asText()).isEqualTo("success");
            assertThat(r.has("result")).isFalse();
            Devices.awaitNotice(bobPhone, NoticeKinds.FRIEND, 1);
        }
        assertThat(result("/admin/friend/list", "userId", alice).get("list")).containsExactly(text(bob));
        assertThat(result("/admin/friend/list", "userId", bob).get("list")).containsExactly(text(alice));
        JsonNode rel = result("/admin/relation/get", "first", bob, "second", alice);
        assertThat(rel.get("userId").asText()).isEqualTo(bob);
        assertThat(rel.get("targetId").asText()).isEqualTo(alice);
        assertThat(rel.get("isFriend").asBoolean()).isTrue();
        assertThat(rel.get("isBlacked").asBoolean()).isFalse();
        assertThat(rel.get("extra").asText()).isEqualTo("e");
        assertThat(rel.get("alias").asText()).isEmpty();

        ok("/admin/friend/status", "userId", bob, "friendUid", alice, "status", 1);
        assertThat(result("/admin/friend/list", "userId", alice).get("list")).isEmpty();
        assertThat(result("/admin/relation/get", "first", alice, "second", bob).get("isFriend").asBoolean()).isFalse();

        code(251, "/admin/friend/status", "userId", alice, "status", 0);
        code(251, "/admin/friend/status", "userId", alice, "friendUid", bob);
        code(251, "/admin/friend/status", "userId", alice, "friendUid", bob, "status", 3);
        code(253, "/admin/friend/status", "userId", alice, "friendUid", Fixtures.id("nobody"), "status", 0);
        code(253, "/admin/friend/status", "userId", Fixtures.id("nobody"), "friendUid", bob, "status", 0);
        code(251, "/admin/friend/list");
        code(253, "/admin/friend/list", "userId", Fixtures.id("nobody"));
    }

    @Test
    void blacklistStatusTwoBlocksOneUnblocksAndIsOneDirectional() {
        ok("/admin/blacklist/status", "userId", alice, "targetUid", bob, "status", 2);
        assertThat(result("/admin/blacklist/list", "userId", alice).get("list")).containsExactly(text(bob));
        assertThat(result("/admin/blacklist/list", "userId", bob).get("list")).isEmpty();
        assertThat(result("/admin/relation/get", "first", alice, "second", bob).get("isBlacked").asBoolean()).isTrue();
        assertThat(result("/admin/relation/get", "first", bob, "second", alice).get("isBlacked").asBoolean())
                .isFalse();

        ok("/admin/blacklist/status", "userId", alice, "targetUid", bob, "status", 1);
        assertThat(result("/admin/blacklist/list", "userId", alice).get("list")).isEmpty();

        code(251, "/admin/blacklist/status", "userId", alice, "targetUid", bob, "status", 9);
        code(251, "/admin/blacklist/status", "userId", alice, "status", 2);
        code(251, "/admin/blacklist/status", "userId", alice, "targetUid", bob);
        code(253, "/admin/blacklist/status", "userId", alice, "targetUid", Fixtures.id("nobody"), "status", 2);
        code(251, "/admin/blacklist/list");
        code(253, "/admin/blacklist/list", "userId", Fixtures.id("nobody"));
    }

    @Test
    void aliasAndExtraAreSetAndReadWithTheOperatorsNames() {
        ok("/admin/friend/set_alias", "operator", alice, "targetId", bob, "alias", "Bobby");
        JsonNode alias = result("/admin/friend/get_alias", "operator", alice, "targetId", bob);
        assertThat(alias.get("operator").asText()).isEqualTo(alice);
        assertThat(alias.get("targetId").asText()).isEqualTo(bob);
        assertThat(alias.get("alias").asText()).isEqualTo("Bobby");
        assertThat(result("/admin/friend/get_alias", "operator", bob, "targetId", alice).get("alias").asText())
                .isEmpty();
        ok("/admin/friend/set_extra", "operator", alice, "targetId", bob, "extra", "{\"x\":1}");
        assertThat(result("/admin/relation/get", "first", alice, "second", bob).get("extra").asText())
                .isEqualTo("{\"x\":1}");

        code(251, "/admin/friend/set_alias", "targetId", bob, "alias", "x");
        code(251, "/admin/friend/set_alias", "operator", alice, "targetId", bob, "alias", "x".repeat(257));
        code(253, "/admin/friend/set_alias", "operator", alice, "targetId", Fixtures.id("nobody"), "alias", "x");
        code(251, "/admin/friend/get_alias", "operator", alice);
        code(253, "/admin/friend/get_alias", "operator", Fixtures.id("nobody"), "targetId", bob);
        code(251, "/admin/friend/set_extra", "operator", alice);
        code(253, "/admin/friend/set_extra", "operator", alice, "targetId", Fixtures.id("nobody"), "extra", "x");
    }

    @Test
    void aRequestToARobotIsAcceptedAtOnceAndGreetsBothTimelines() {
        String robot = result("/admin/robot/create", "name", Fixtures.id("helper-bot"), "owner", alice)
                .get("userId").asText();
        ok("/admin/friend/send_request", "userId", bob, "friendUid", robot, "reason", "hi robot");
        assertThat(result("/admin/friend/list", "userId", bob).get("list")).containsExactly(text(robot));
        assertThat(result("/admin/friend/list", "userId", robot).get("list")).containsExactly(text(bob));
        assertThat(result("/admin/friend/get_requests", "userId", robot).get("requests").get(0).get("status")
                .asInt()).isEqualTo(1);
        try (Mqtt5Peer phone = Devices.phone(node, bob)) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(Devices.timeline(phone)).extracting(m -> m.getContent().getType())
                            .contains(92, 93));
        }
    }

    @Test
    void sendRequestGetRequestsAndHandleSendRequest() {
        ok("/admin/friend/send_request", "userId", alice, "friendUid", bob, "reason", "from the app server");
        JsonNode in = result("/admin/friend/get_requests", "userId", bob).get("requests");
        assertThat(in).hasSize(1);
        assertThat(in.get(0).get("fromUserId").asText()).isEqualTo(alice);
        assertThat(in.get(0).get("toUserId").asText()).isEqualTo(bob);
        assertThat(in.get(0).get("reason").asText()).isEqualTo("from the app server");
        assertThat(in.get(0).get("status").asInt()).isZero();
        assertThat(in.get(0).get("readStatus").asBoolean()).isFalse();
        assertThat(in.get(0).get("updateDt").asLong()).isPositive();
        assertThat(result("/admin/friend/get_requests", "userId", bob, "incoming", false).get("requests")).isEmpty();
        assertThat(result("/admin/friend/get_requests", "userId", alice, "incoming", false).get("requests"))
                .hasSize(1);

        code(16, "/admin/friend/send_request", "userId", alice, "friendUid", bob, "reason", "again");
        ok("/admin/friend/send_request", "userId", alice, "friendUid", bob, "reason", "again", "force", true);
        ok("/admin/friend/handle_send_request", "userId", bob, "friendUid", alice, "accept", true);
        assertThat(result("/admin/friend/list", "userId", bob).get("list")).containsExactly(text(alice));
        assertThat(result("/admin/friend/get_requests", "userId", bob).get("requests").get(0).get("status").asInt())
                .isEqualTo(1);
        code(23, "/admin/friend/send_request", "userId", alice, "friendUid", bob, "force", true);

        String carol = Fixtures.id("carol");
        node.admin().createUser(carol);
        ok("/admin/friend/send_request", "userId", carol, "friendUid", bob);
        ok("/admin/friend/handle_send_request", "userId", bob, "friendUid", carol, "status", 2);
        assertThat(result("/admin/friend/list", "userId", bob).get("list")).containsExactly(text(alice));
        // within the repeat window a rejected request is 16, as in the reference (18 once that window has passed)
        code(16, "/admin/friend/send_request", "userId", carol, "friendUid", bob);

        code(253, "/admin/friend/handle_send_request", "userId", bob, "friendUid", carol, "accept", true);
        code(251, "/admin/friend/handle_send_request", "userId", bob, "friendUid", carol);
        code(251, "/admin/friend/handle_send_request", "userId", bob, "friendUid", carol, "accept", "maybe");
        code(253, "/admin/friend/handle_send_request", "userId", bob, "friendUid", Fixtures.id("nobody"),
                "accept", true);
        code(251, "/admin/friend/send_request", "userId", alice);
        code(251, "/admin/friend/send_request", "userId", alice, "friendUid", bob, "force", "yes");
        code(253, "/admin/friend/send_request", "userId", alice, "friendUid", Fixtures.id("nobody"));
        code(251, "/admin/friend/get_requests");
        code(253, "/admin/friend/get_requests", "userId", Fixtures.id("nobody"));
    }

    @Test
    void relationGetAcceptsTheDocumentedOperatorTargetIdShape() {
        ok("/admin/friend/status", "userId", alice, "friendUid", bob, "status", 0);
        JsonNode rel = result("/admin/relation/get", "operator", alice, "targetId", bob);
        assertThat(rel.get("userId").asText()).isEqualTo(alice);
        assertThat(rel.get("targetId").asText()).isEqualTo(bob);
        assertThat(rel.get("isFriend").asBoolean()).isTrue();
        String carol = Fixtures.id("carol");
        node.admin().createUser(carol);
        JsonNode stranger = result("/admin/relation/get", "first", alice, "second", carol);
        assertThat(stranger.get("isFriend").asBoolean()).isFalse();
        assertThat(stranger.get("isBlacked").asBoolean()).isFalse();
        code(251, "/admin/relation/get", "first", alice);
        code(251, "/admin/relation/get", "second", bob);
        code(253, "/admin/relation/get", "first", alice, "second", Fixtures.id("nobody"));
    }

    @Test
    void aUserCannotBefriendItselfThroughFriendStatus() {
        code(251, "/admin/friend/status", "userId", alice, "friendUid", alice, "status", 0);
        code(251, "/admin/friend/status", "userId", alice, "friendUid", alice, "status", 1);
        assertThat(result("/admin/friend/list", "userId", alice).get("list")).isEmpty();
        assertThat(result("/admin/relation/get", "first", alice, "second", alice).get("isFriend").asBoolean())
                .isFalse();
    }

    private static JsonNode text(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s);
    }

    private static JsonNode call(String path, Object... kv) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            body.put((String) kv[i], kv[i + 1]);
        }
        return node.admin().call(path, body);
    }

    private static void ok(String path, Object... kv) {
        code(0, path, kv);
    }

    private static JsonNode result(String path, Object... kv) {
        JsonNode r = call(path, kv);
        assertThat(r.get("code").asInt()).as("%s %s", path, r).isZero();
        return r.get("result");
    }

    private static void code(int expected, String path, Object... kv) {
        JsonNode r = call(path, kv);
        assertThat(r.get("code").asInt()).as("%s %s", path, r).isEqualTo(expected);
        if (expected != 0) {
            assertThat(r.get("msg").asText()).as("msg of %s", r).isNotBlank();
        }
    }
}
