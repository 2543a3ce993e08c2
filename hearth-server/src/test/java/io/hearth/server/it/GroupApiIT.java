package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.pb.Message;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every group endpoint of the server API ({@code /admin/group/*}): the reference's field names (snake_case writes,
 * camelCase reads), the alternative body shapes ({@code memberExtra}, {@code {user, types}}, a bare array), 251
 * for a missing or bad field, 253 for an unknown group or user, 11 for an existing id, 12 for a member already in,
 * 240 over the max member count, 9 for a non-member. On H2 and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class GroupApiIT {

    private static TestNode node;
    private static GroupCalls api;
    private String alice;
    private String bob;
    private String carol;

    GroupApiIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        node = TestNode.start(database.settings());
        api = new GroupCalls(node);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void users() {
        alice = Fixtures.id("alice");
        bob = Fixtures.id("bob");
        carol = Fixtures.id("carol");
        for (String u : List.of(alice, bob, carol)) {
            node.admin().createUser(u);
        }
    }

    @Test
    void createGetInfoBatchInfosAndTheRefusalsOfCreate() {
        String gid = Fixtures.id("g");
        JsonNode created = api.result("/admin/group/create", body("operator", alice, "group", body(
                "group_info", body("target_id", gid, "name", "climbers", "portrait", "http://p/1.png", "owner", alice,
                        "type", 2, "extra", "{\"x\":1}", "join_type", 1, "searchable", 1),
                "members", List.of(body("member_id", bob, "alias", "bobby"), body("member_id", carol, "type", 1)))));
        assertThat(created.get("group_id").asText()).isEqualTo(gid);

        JsonNode info = api.result("/admin/group/get_info", body("groupId", gid));
        assertThat(info.get("target_id").asText()).isEqualTo(gid);
        assertThat(info.get("name").asText()).isEqualTo("climbers");
        assertThat(info.get("portrait").asText()).isEqualTo("http://p/1.png");
        assertThat(info.get("owner").asText()).isEqualTo(alice);
        assertThat(info.get("type").asInt()).isEqualTo(2);
        assertThat(info.get("extra").asText()).isEqualTo("{\"x\":1}");
        assertThat(info.get("join_type").asInt()).isEqualTo(1);
        assertThat(info.get("searchable").asInt()).isEqualTo(1);
        assertThat(info.get("mute").asInt()).isZero();
        assertThat(info.get("super_group").asBoolean()).isFalse();
        assertThat(info.get("member_count").asInt()).isEqualTo(3);
        assertThat(info.get("update_dt").asLong()).isPositive();
        assertThat(info.get("member_update_dt").asLong()).isPositive();

        JsonNode members = api.result("/admin/group/member/list", body("groupId", gid)).get("members");
        assertThat(members).extracting(m -> m.get("member_id").asText()).containsExactlyInAnyOrder(alice, bob, carol);
        JsonNode bobRow = api.result("/admin/group/member/get", body("groupId", gid, "memberId", bob));
        assertThat(bobRow.get("alias").asText()).isEqualTo("bobby");
        assertThat(bobRow.get("type").asInt()).isZero();
        assertThat(bobRow.get("createDt").asLong()).isPositive();
        assertThat(api.result("/admin/group/member/get", body("groupId", gid, "memberId", alice)).get("type").asInt())
                .isEqualTo(2);
        assertThat(api.result("/admin/group/member/get", body("groupId", gid, "memberId", carol)).get("type").asInt())
                .isEqualTo(1);

        String generated = api.result("/admin/group/create", body("operator", alice, "group", body(
                "group_info", body("name", "no id"), "members", List.of()))).get("group_id").asText();
        assertThat(generated).isNotBlank().isNotEqualTo(gid);
        assertThat(api.result("/admin/group/get_info", body("groupId", generated)).get("owner").asText())
                .isEqualTo(alice);

        JsonNode batch = api.result("/admin/group/batch_infos", List.of(gid, "nope-" + gid, generated));
        assertThat(batch.get("groupInfoList")).extracting(g -> g.get("target_id").asText())
                .containsExactly(gid, generated);

        api.code(11, "/admin/group/create", body("operator", alice, "group", body("group_info",
                body("target_id", gid, "name", "again"))));
        api.code(251, "/admin/group/create", body("group", body("group_info", body("name", "no operator"))));
        api.code(251, "/admin/group/create", body("operator", alice));
        api.code(251, "/admin/group/create", body("operator", alice, "group", body("group_info",
                body("name", "bad", "join_type", 7))));
        api.code(253, "/admin/group/create", body("operator", alice, "group", body("group_info",
                body("name", "ghost"), "members", List.of(body("member_id", Fixtures.id("nobody"))))));
        api.code(253, "/admin/group/get_info", body("groupId", "nope-" + gid));
        api.code(251, "/admin/group/get_info", body());
        api.code(251, "/admin/group/batch_infos", body("x", 1));
        api.code(253, "/admin/group/member/list", body("groupId", "nope-" + gid));
        api.code(253, "/admin/group/member/get", body("groupId", gid, "memberId", Fixtures.id("nobody")));
    }

    @Test
    void addKickQuitAliasExtraWithBothExtraShapesAnd12And9() {
        String gid = api.create(alice, Fixtures.id("g"), "g", bob);
        String dave = Fixtures.id("dave");
        String erin = Fixtures.id("erin");
        node.admin().createUser(dave);
        node.admin().createUser(erin);
        api.ok("/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", carol)), "member_extra", "snake"));
        api.ok("/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", dave, "alias", "d")), "memberExtra", "camel"));
        api.code(12, "/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", erin), body("member_id", bob))));
        api.code(253, "/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", Fixtures.id("nobody")))));
        api.code(253, "/admin/group/member/add", body("operator", alice, "group_id", "nope-" + gid,
                "members", List.of(body("member_id", erin))));
        api.code(251, "/admin/group/member/add", body("operator", alice, "group_id", gid));
        api.code(251, "/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", erin, "type", 2))));
        assertThat(api.result("/admin/group/get_info", body("groupId", gid)).get("member_count").asInt()).isEqualTo(4);

        api.ok("/admin/group/member/set_alias", body("operator", alice, "group_id", gid, "memberId", bob,
                "alias", "B"));
        api.ok("/admin/group/member/set_extra", body("operator", alice, "group_id", gid, "memberId", bob,
                "extra", "E"));
        JsonNode bobRow = api.result("/admin/group/member/get", body("groupId", gid, "memberId", bob));
        assertThat(bobRow.get("alias").asText()).isEqualTo("B");
        assertThat(bobRow.get("extra").asText()).isEqualTo("E");
        api.code(9, "/admin/group/member/set_alias", body("operator", alice, "group_id", gid, "memberId", erin,
                "alias", "x"));

        api.code(248, "/admin/group/member/del", body("operator", alice, "group_id", gid, "members", List.of(alice)));
        api.code(9, "/admin/group/member/del", body("operator", alice, "group_id", gid, "members", List.of(erin)));
        api.code(251, "/admin/group/member/del", body("operator", alice, "group_id", gid));
        api.ok("/admin/group/member/del", body("operator", alice, "group_id", gid, "members", List.of(dave, erin)));
        assertThat(api.result("/admin/group/member/get", body("groupId", gid, "memberId", dave)).get("type").asInt())
                .isEqualTo(4);
        api.ok("/admin/group/member/quit", body("operator", carol, "group_id", gid));
        api.code(9, "/admin/group/member/quit", body("operator", carol, "group_id", gid));
        assertThat(api.result("/admin/group/member/list", body("groupId", gid)).get("members"))
                .extracting(m -> m.get("member_id").asText()).containsExactlyInAnyOrder(alice, bob);
        assertThat(api.result("/admin/group/get_info", body("groupId", gid)).get("member_count").asInt()).isEqualTo(2);

        // a kicked member joins again
        api.ok("/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", dave))));
        assertThat(api.result("/admin/group/member/get", body("groupId", gid, "memberId", dave)).get("type").asInt())
                .isZero();

        try (Mqtt5Peer alicePhone = Devices.phone(node, alice)) {
            await().atMost(Mqtt5Peer.WAIT).untilAsserted(() -> assertThat(Devices.timeline(alicePhone).stream()
                    .filter(m -> m.getContent().getType() == 105).map(m -> m.getContent().getExtra()))
                    .contains("snake", "camel"));
        }
    }

    @Test
    void maxMemberCountOfTheGroupAndOfSystemSetting1Gives240() {
        String gid = api.create(alice, Fixtures.id("g"), "g", bob);
        api.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 8, "value", "2"));
        api.code(240, "/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", carol))));
        api.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 8, "value", "0"));
        try {
            api.ok("/admin/system/put_setting", body("id", 1, "value", "2", "desc", "test"));
            api.code(240, "/admin/group/member/add", body("operator", alice, "group_id", gid,
                    "members", List.of(body("member_id", carol))));
            api.code(240, "/admin/group/create", body("operator", alice, "group", body("group_info",
                    body("name", "big"), "members", List.of(body("member_id", bob), body("member_id", carol)))));
        } finally {
            api.ok("/admin/system/put_setting", body("id", 1, "value", "2000", "desc", "test"));
        }
        api.ok("/admin/group/member/add", body("operator", alice, "group_id", gid,
                "members", List.of(body("member_id", carol))));
    }

    @Test
    void modifyTypesZeroToTenAndTheirBadValues() {
        String gid = api.create(alice, Fixtures.id("g"), "g", bob);
        String[][] changes = {{"0", "new name", "name"}, {"1", "http://p/2.png", "portrait"}, {"2", "xx", "extra"},
            {"3", "1", "mute"}, {"4", "2", "join_type"}, {"5", "1", "private_chat"}, {"6", "1", "searchable"},
            {"7", "1", "history_message"}, {"8", "500", "max_member_count"}, {"10", "3", "type"}};
        for (String[] c : changes) {
            api.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", Integer.parseInt(c[0]),
                    "value", c[1]));
            assertThat(api.result("/admin/group/get_info", body("groupId", gid)).get(c[2]).asText())
                    .as("modify type %s", c[0]).isEqualTo(c[1]);
        }
        api.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 9, "value", "1"));
        assertThat(api.result("/admin/group/get_info", body("groupId", gid)).get("super_group").asBoolean()).isTrue();

        for (Object[] bad : new Object[][] {{3, "2"}, {4, "3"}, {5, "x"}, {8, "-1"}, {10, "4"}, {11, "1"}, {-1, "1"}}) {
            api.code(251, "/admin/group/modify", body("operator", alice, "group_id", gid, "type", bad[0],
                    "value", bad[1]));
        }
        api.code(251, "/admin/group/modify", body("operator", alice, "group_id", gid, "type", 0));
        api.code(251, "/admin/group/modify", body("operator", alice, "group_id", gid, "value", "x"));
        api.code(253, "/admin/group/modify", body("operator", alice, "group_id", "nope-" + gid, "type", 0,
                "value", "x"));
    }

    @Test
    void transferManagersMuteAllowAndTheQueriesOfAUsersGroups() {
        String gid = api.create(alice, Fixtures.id("g"), "g", bob, carol);
        String other = api.create(bob, Fixtures.id("g"), "other", carol);
        api.ok("/admin/group/manager/set", body("operator", alice, "group_id", gid, "members", List.of(bob),
                "is_manager", true));
        api.ok("/admin/group/manager/mute", body("operator", alice, "group_id", gid, "members", List.of(carol),
                "is_manager", true));
        assertThat(type(gid, bob)).isEqualTo(1);
        assertThat(type(gid, carol)).isEqualTo(3);
        api.ok("/admin/group/manager/allow", body("operator", alice, "group_id", gid, "members", List.of(carol),
                "is_manager", 1));
        assertThat(type(gid, carol)).isEqualTo(5);
        api.ok("/admin/group/manager/allow", body("operator", alice, "group_id", gid, "members", List.of(carol),
                "is_manager", false));
        assertThat(type(gid, carol)).isZero();
        api.code(248, "/admin/group/manager/mute", body("operator", alice, "group_id", gid,
                "members", List.of(alice), "is_manager", true));
        api.code(9, "/admin/group/manager/set", body("operator", alice, "group_id", gid,
                "members", List.of(Fixtures.id("nobody")), "is_manager", true));
        api.code(251, "/admin/group/manager/set", body("operator", alice, "group_id", gid, "members", List.of(bob)));

        assertThat(ids(api.result("/admin/group/of_user_by_type", body("userId", bob, "groupMemberTypes", List.of(1)))))
                .containsExactly(gid);
        assertThat(ids(api.result("/admin/group/of_user_by_type", body("user", bob, "types", List.of(2)))))
                .containsExactly(other);
        api.code(251, "/admin/group/of_user_by_type", body("userId", bob));
        api.code(251, "/admin/group/of_user_by_type", body("userId", bob, "groupMemberTypes", List.of(9)));

        api.ok("/admin/group/transfer", body("operator", alice, "group_id", gid, "new_owner", bob));
        assertThat(api.result("/admin/group/get_info", body("groupId", gid)).get("owner").asText()).isEqualTo(bob);
        assertThat(type(gid, bob)).isEqualTo(2);
        assertThat(type(gid, alice)).isZero();
        api.code(9, "/admin/group/transfer", body("operator", bob, "group_id", gid, "new_owner",
                Fixtures.id("nobody")));
        api.code(251, "/admin/group/transfer", body("operator", bob, "group_id", gid));

        assertThat(ids(api.result("/admin/group/of_user", body("userId", carol))))
                .containsExactlyInAnyOrder(gid, other);
        assertThat(ids(api.result("/admin/group/of_user", body("userId", alice)))).containsExactly(gid);
        assertThat(ids(api.result("/admin/group/common_group", body("first", alice, "second", carol))))
                .containsExactly(gid);
        assertThat(ids(api.result("/admin/group/common_group", body("first", bob, "second", carol))))
                .containsExactlyInAnyOrder(gid, other);
        api.code(251, "/admin/group/common_group", body("first", alice));

        api.ok("/admin/group/del", body("operator", bob, "group_id", gid));
        api.code(253, "/admin/group/get_info", body("groupId", gid));
        assertThat(ids(api.result("/admin/group/of_user", body("userId", alice)))).isEmpty();
        api.code(253, "/admin/group/del", body("operator", bob, "group_id", gid));
        api.code(251, "/admin/group/del", body("operator", bob));
    }

    @Test
    void notifyMessageAndToLinesReplaceTheDefaultNotification() {
        String gid = api.create(alice, Fixtures.id("g"), "g", bob);
        api.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 0, "value", "renamed",
                "to_lines", List.of(0, 1), "notify_message", body("type", 110, "persistFlag", 1,
                        "searchableContent", "custom", "base64edData", "e30=")));
        api.code(251, "/admin/group/modify", body("operator", alice, "group_id", gid, "type", 0, "value", "x",
                "to_lines", "zero"));
        try (Mqtt5Peer bobPhone = Devices.phone(node, bob)) {
            await().atMost(Mqtt5Peer.WAIT).untilAsserted(() -> {
                List<Message> renames = new ArrayList<>(Devices.timeline(bobPhone).stream()
                        .filter(m -> m.getContent().getType() == 110).toList());
                assertThat(renames).extracting(m -> m.getConversation().getLine()).containsExactly(0, 1);
                assertThat(renames).allSatisfy(m -> {
                    assertThat(m.getContent().getSearchableContent()).isEqualTo("custom");
                    assertThat(m.getContent().getData().toStringUtf8()).isEqualTo("{}");
                });
            });
        }
    }

    @Test
    void serverApiSendsToAGroupSkipMembershipAndMuteAndHonourToUsers() {
        String gid = api.create(alice, Fixtures.id("g"), "g", bob, carol);
        api.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 3, "value", "1"));
        String outsider = Fixtures.id("robot");
        node.admin().createUser(outsider);
        Map<String, Object> conv = body("type", 1, "target", gid, "line", 0);
        api.ok("/admin/message/send", body("sender", outsider, "conv", conv,
                "payload", body("type", 1, "searchableContent", "to all", "persistFlag", 3)));
        api.ok("/admin/message/send", body("sender", outsider, "conv", conv, "toUsers", List.of(carol),
                "payload", body("type", 1, "searchableContent", "to carol", "persistFlag", 3)));
        api.code(253, "/admin/message/send", body("sender", outsider, "conv", body("type", 1, "target", "nope-" + gid),
                "payload", body("type", 1, "searchableContent", "x", "persistFlag", 3)));
        try (Mqtt5Peer bobPhone = Devices.phone(node, bob); Mqtt5Peer carolPhone = Devices.phone(node, carol)) {
            await().atMost(Mqtt5Peer.WAIT).untilAsserted(() -> assertThat(GroupCalls.groupMessages(
                    Devices.timeline(carolPhone), gid)).endsWith("1 to all", "1 to carol"));
            assertThat(GroupCalls.groupMessages(Devices.timeline(bobPhone), gid)).contains("1 to all")
                    .doesNotContain("1 to carol");
        }
    }

    @Test
    void anOwnerWhoQuitsHandsTheGroupToTheEarliestManagerElseTheEarliestMember() {
        String gid = api.create(alice, Fixtures.id("g"), "g", bob, carol);
        api.ok("/admin/group/manager/set", body("operator", alice, "group_id", gid, "members", List.of(carol),
                "is_manager", true));
        api.ok("/admin/group/member/quit", body("operator", alice, "group_id", gid));
        JsonNode info = api.result("/admin/group/get_info", body("groupId", gid));
        assertThat(info.get("owner").asText()).isEqualTo(carol);
        assertThat(info.get("member_count").asInt()).isEqualTo(2);
        assertThat(type(gid, carol)).isEqualTo(2);
        assertThat(type(gid, alice)).isEqualTo(4);
        api.ok("/admin/group/member/quit", body("operator", carol, "group_id", gid));
        assertThat(api.result("/admin/group/get_info", body("groupId", gid)).get("owner").asText()).isEqualTo(bob);
        api.ok("/admin/group/member/quit", body("operator", bob, "group_id", gid));
        api.code(253, "/admin/group/get_info", body("groupId", gid));
        assertThat(api.create(alice, gid, "again")).isEqualTo(gid);
    }

    private int type(String gid, String member) {
        return api.result("/admin/group/member/get", body("groupId", gid, "memberId", member)).get("type").asInt();
    }

    private static List<String> ids(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.get("groupIds").forEach(n -> out.add(n.asText()));
        return out;
    }
}
