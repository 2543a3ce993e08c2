package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.id;
import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.UsersIT.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.GetUserInfosRequest;
import io.hearth.protocol.pb.InfoEntry;
import io.hearth.protocol.pb.ModifyMyInfoRequest;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SearchUserRequest;
import io.hearth.protocol.pb.SessionInfoRequest;
import io.hearth.protocol.pb.UserInfo;
import io.hearth.protocol.pb.UserRequest;
import io.hearth.protocol.pb.UserResult;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The users' client RPCs over MQTT 5 (HiveMQ's client, over TCP and over WebSocket): user.get_infos with
 * {@code update_dt} (ok, not found, not modified), user.modify_my_info with a {@code user} notice to the user's
 * other device and not to the one that made the change, hidden properties ({@code user.hide_properties 3,4}: mobile
 * and email), user.search and its switches, and the own profile's update time in session.info; on H2 and on
 * PostgreSQL.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class UserRpcIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    UserRpcIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void startNode(NodeDatabase database) {
        node = TestNode.start(withDatabase(database));
    }

    @AfterParameterizedClassInvocation
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void getInfosAnswersOkNotFoundAndNotModifiedPerEntry() {
        Login alice = newUser(node, "gi-alice");
        String bob = profile("Bob B.", "bob-mobile", "bob@example.com", "Bob Street");
        String carol = profile("Carol", null, null, null);
        long carolDt = adminInfo(carol).path("updateDt").asLong();
        String ghost = id("ghost");
        Mqtt5Peer phone = closer.keep(Fixtures.online(node, alice));

        Reply r = phone.call(Methods.USER_GET_INFOS, GetUserInfosRequest.newBuilder()
                .addRequest(UserRequest.newBuilder().setUid(bob))
                .addRequest(UserRequest.newBuilder().setUid(ghost))
                .addRequest(UserRequest.newBuilder().setUid(carol).setUpdateDt(carolDt))
                .addRequest(UserRequest.newBuilder().setUid(carol).setUpdateDt(carolDt - 1))
                .build());

        assertThat(r.getCode()).isZero();
        List<UserResult> results = r.getUserInfos().getResultList();
        assertThat(results).extracting(UserResult::getUid).containsExactly(bob, ghost, carol, carol);
        assertThat(results).extracting(UserResult::getCode).containsExactly(0, 1, 2, 0);
        UserInfo b = results.get(0).getUser();
        assertThat(b.getDisplayName()).isEqualTo("Bob B.");
        assertThat(b.getAddress()).isEqualTo("Bob Street");
        assertThat(b.getUpdateDt()).isPositive();
        assertThat(b.getMobile()).as("mobile is hidden (3)").isEmpty();
        assertThat(b.getEmail()).as("email is hidden (4)").isEmpty();
        assertThat(results.get(2).hasUser()).isFalse();
        assertThat(results.get(3).getUser().getDisplayName()).isEqualTo("Carol");

        Reply bad = phone.call(Methods.USER_GET_INFOS, GetUserInfosRequest.newBuilder()
                .addRequest(UserRequest.newBuilder().setUid("a b")).build());
        assertThat(bad.getCode()).isEqualTo(251);
        assertThat(bad.getMsg()).contains("request.uid");
    }

    @Test
    void aUserSeesItsOwnHiddenFieldsAndDestroyedUsersShowOnlyTheirDisplayName() {
        Login alice = newUser(node, "self");
        assertOk(node.admin().call("/admin/user/update", Map.of("flag", 0x08 | 0x10, "userInfo",
                Map.of("userId", alice.userId(), "mobile", "123", "email", "me@example.com"))));
        String gone = profile("Gone Person", "999", null, "Somewhere");
        assertOk(node.admin().call("/admin/user/destroy", Map.of("userId", gone)));
        Mqtt5Peer phone = closer.keep(Fixtures.online(node, alice));

        List<UserResult> r = phone.call(Methods.USER_GET_INFOS, GetUserInfosRequest.newBuilder()
                .addRequest(UserRequest.newBuilder().setUid(alice.userId()))
                .addRequest(UserRequest.newBuilder().setUid(gone)).build()).getUserInfos().getResultList();

        assertThat(r.get(0).getUser().getMobile()).isEqualTo("123");
        assertThat(r.get(0).getUser().getEmail()).isEqualTo("me@example.com");
        UserInfo destroyed = r.get(1).getUser();
        assertThat(r.get(1).getCode()).isZero();
        assertThat(destroyed.getDeleted()).isTrue();
        assertThat(destroyed.getDisplayName()).isEqualTo("Gone Person");
        assertThat(destroyed.getAddress()).isEmpty();
    }

    @Test
    void modifyMyInfoIsPushedToTheOtherDeviceAndSeenByOthersOnTheirNextPull() throws Exception {
        Login alice = newUser(node, "mmi");
        Login bob = newUser(node, "mmi-friend");
        String pcClient = id("mmi-pc");
        String pcToken = node.admin().token(alice.userId(), pcClient, 3);
        Mqtt5Peer phone = closer.keep(Fixtures.online(node, alice));
        Mqtt5ClientBuilder ws = Mqtt5Client.builder().serverHost(node.host()).serverPort(node.wsPort())
                .webSocketConfig().serverPath("/mqtt").subprotocol("mqtt").applyWebSocketConfig();
        Mqtt5Peer pc = closer.keep(Mqtt5Peer.connect(ws, alice.userId(), pcClient, pcToken).subscribeDefaults());
        Mqtt5Peer friend = closer.keep(Fixtures.online(node, bob));
        long seenByFriend = info(friend, alice.userId()).getUser().getUpdateDt();

        Reply r = phone.call(Methods.USER_MODIFY_MY_INFO, ModifyMyInfoRequest.newBuilder()
                .addEntry(InfoEntry.newBuilder().setType(0).setValue("Alice A."))
                .addEntry(InfoEntry.newBuilder().setType(2).setValue("2"))
                .addEntry(InfoEntry.newBuilder().setType(6).setValue("ACME")).build());

        assertThat(r.getCode()).as(r.getMsg()).isZero();
        long updateDt = r.getMyInfo().getUpdateDt();
        assertThat(updateDt).isGreaterThan(seenByFriend);
        Notice notice = Notice.parseFrom(pc.awaitPublish(Topics.push(alice.userId(), Topics.PUSH_NOTICE))
                .getPayloadAsBytes());
        assertThat(notice.getKind()).isEqualTo(NoticeKinds.USER);
        assertThat(notice.getTarget()).isEqualTo(alice.userId());
        assertThat(notice.getVersion()).isEqualTo(updateDt);
        UserResult pulled = info(friend, alice.userId(), seenByFriend);
        assertThat(pulled.getCode()).isZero();
        assertThat(pulled.getUser().getDisplayName()).isEqualTo("Alice A.");
        assertThat(pulled.getUser().getGender()).isEqualTo(2);
        assertThat(pulled.getUser().getCompany()).isEqualTo("ACME");
        assertThat(info(friend, alice.userId(), updateDt).getCode()).as("not modified since").isEqualTo(2);
        assertThat(friend.pending()).as("friends are not pushed").noneMatch(p -> p.getTopic().toString()
                .endsWith(Topics.PUSH_NOTICE));

        // a change through the server API reaches both devices
        assertOk(node.admin().call("/admin/user/update", Map.of("flag", 0x02,
                "userInfo", Map.of("userId", alice.userId(), "portrait", "http://img/a.png"))));
        long byAdmin = Notice.parseFrom(phone.awaitPublish(Topics.push(alice.userId(), Topics.PUSH_NOTICE))
                .getPayloadAsBytes()).getVersion();
        assertThat(byAdmin).isGreaterThan(updateDt);
        assertThat(Notice.parseFrom(pc.awaitPublish(Topics.push(alice.userId(), Topics.PUSH_NOTICE))
                .getPayloadAsBytes()).getVersion()).isEqualTo(byAdmin);
        assertThat(phone.pending()).as("the phone made the first change and was not told of it")
                .noneMatch(p -> p.getTopic().toString().endsWith(Topics.PUSH_NOTICE));
        assertThat(phone.call(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance()).getSession()
                .getUserUpdateDt()).isEqualTo(byAdmin);
    }

    @Test
    void overwritingAUserWithCreateIsAProfileChangeToo() throws Exception {
        Login alice = newUser(node, "recreate");
        Mqtt5Peer phone = closer.keep(Fixtures.online(node, alice));
        long before = info(phone, alice.userId()).getUser().getUpdateDt();

        assertOk(node.admin().call("/admin/user/create", Map.of("userId", alice.userId(), "name", alice.userId(),
                "displayName", "Recreated")));

        Notice notice = Notice.parseFrom(phone.awaitPublish(Topics.push(alice.userId(), Topics.PUSH_NOTICE))
                .getPayloadAsBytes());
        assertThat(notice.getKind()).isEqualTo(NoticeKinds.USER);
        assertThat(notice.getVersion()).isGreaterThan(before);
        UserResult now = info(phone, alice.userId(), before);
        assertThat(now.getCode()).isZero();
        assertThat(now.getUser().getDisplayName()).isEqualTo("Recreated");
        assertThat(now.getUser().getUpdateDt()).isEqualTo(notice.getVersion());
    }

    @Test
    void modifyMyInfoRefusesBadEntriesWith251AndChangesNothing() {
        Login alice = newUser(node, "mmi-bad");
        Mqtt5Peer phone = closer.keep(Fixtures.online(node, alice));
        long before = adminInfo(alice.userId()).path("updateDt").asLong();

        assertBad(phone, ModifyMyInfoRequest.getDefaultInstance(), "entry");
        assertBad(phone, entries(9, "x"), "type 9");
        assertBad(phone, entries(2, "male"), "type 2");
        assertBad(phone, entries(0, "x".repeat(257)), "longer than 256");
        assertBad(phone, ModifyMyInfoRequest.newBuilder().addEntry(InfoEntry.newBuilder().setType(0).setValue("ok"))
                .addEntry(InfoEntry.newBuilder().setType(-1).setValue("name")).build(), "type -1");

        assertThat(adminInfo(alice.userId()).path("updateDt").asLong()).isEqualTo(before);
        assertThat(adminInfo(alice.userId()).path("displayName").asText()).isEqualTo(alice.userId());
    }

    @Test
    void searchMatchesNamesMobilesAndDisplayNamesButNotUserIdsRobotsOrDestroyedUsers() {
        Login alice = newUser(node, "finder");
        String tag = id("quokka");
        String byDisplay = profile("The " + tag + " keeper", tag + "-phone", null, null);
        String byName = id("named");
        assertOk(node.admin().call("/admin/user/create", Map.of("userId", byName, "name", tag + "-name",
                "displayName", "someone")));
        assertOk(node.admin().call("/admin/robot/create", Map.of("name", id("bot"), "displayName", tag + " bot",
                "owner", byName)));
        String gone = profile(tag + " gone", null, null, null);
        assertOk(node.admin().call("/admin/user/destroy", Map.of("userId", gone)));
        Mqtt5Peer phone = closer.keep(Fixtures.online(node, alice));

        assertThat(search(phone, tag, 1, 0)).containsExactly(byDisplay);
        assertThat(search(phone, tag, 0, 0)).as("exact only").isEmpty();
        assertThat(search(phone, tag + "-name", 0, 0)).containsExactly(byName);
        assertThat(search(phone, tag + "-phone", 0, 0)).containsExactly(byDisplay);
        assertThat(search(phone, byName, 0, 0)).as("friend.disable_user_id_search is true by default").isEmpty();
        assertThat(search(phone, tag, 1, 1)).as("page 2").isEmpty();
        Reply found = phone.call(Methods.USER_SEARCH, SearchUserRequest.newBuilder().setKeyword(tag + "-phone")
                .build());
        assertThat(found.getUserSearch().getUsers(0).getMobile()).as("hidden in search results too").isEmpty();

        Reply empty = phone.call(Methods.USER_SEARCH, SearchUserRequest.newBuilder().setKeyword("  ").build());
        assertThat(empty.getCode()).isEqualTo(251);
        assertThat(empty.getMsg()).contains("keyword");
        assertThat(phone.call(Methods.USER_SEARCH, SearchUserRequest.newBuilder().setKeyword(tag).setFuzzy(2)
                .build()).getCode()).isEqualTo(251);
        assertThat(phone.call(Methods.USER_SEARCH, SearchUserRequest.newBuilder().setKeyword(tag).setPage(-1)
                .build()).getCode()).isEqualTo(251);
    }

    @Test
    void searchObeysTheFriendSearchSwitches() {
        try (TestNode other = TestNode.start(Map.of("friend.disable_nick_name_search", "true",
                "friend.disable_user_id_search", "false"))) {
            Login alice = newUser(other, "sw");
            String target = id("sw-target");
            assertOk(other.admin().call("/admin/user/create", Map.of("userId", target, "name", target + "-n",
                    "displayName", "Display " + target)));
            Mqtt5Peer phone = closer.keep(Fixtures.online(other, alice));
            assertThat(search(phone, target, 0, 0)).as("user id search on").containsExactly(target);
            assertThat(search(phone, "Display " + target, 0, 0)).as("display names off").isEmpty();
            assertThat(search(phone, "Display", 1, 0)).isEmpty();
            assertThat(search(phone, target + "-n", 0, 0)).containsExactly(target);
        }
        try (TestNode off = TestNode.start(Map.of("friend.disable_search", "true"))) {
            Login alice = newUser(off, "off");
            Mqtt5Peer phone = closer.keep(Fixtures.online(off, alice));
            assertThat(search(phone, alice.userId(), 0, 0)).isEmpty();
        }
    }

    @Test
    void getInfosInJson() throws Exception {
        Login alice = newUser(node, "json");
        Mqtt5Peer phone = closer.keep(Fixtures.online(node, alice));
        byte[] request = ("{\"request\":[{\"uid\":\"" + alice.userId() + "\",\"updateDt\":\"0\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        Mqtt5Publish reply = phone.callRaw(Topics.request(Methods.USER_GET_INFOS), request, Topics.JSON_CONTENT_TYPE)
                .reply();
        JsonNode r = JSON.readTree(reply.getPayloadAsBytes());
        assertThat(r.path("code").asInt(-1)).as(r.toString()).isZero();
        JsonNode entry = r.path("userInfos").path("result").get(0);
        assertThat(entry.path("uid").asText()).isEqualTo(alice.userId());
        assertThat(entry.path("user").path("displayName").asText()).isEqualTo(alice.userId());
        assertThat(entry.path("user").path("updateDt").asText()).matches("\\d+");
    }

    // ---- helpers ----

    private static Map<String, Object> withDatabase(NodeDatabase database) {
        Map<String, Object> s = new LinkedHashMap<>(database.settings());
        s.put("user.hide_properties", "3,4");
        return s;
    }

    /** Creates a user with these profile fields (null = unset). */
    private static String profile(String displayName, String mobile, String email, String address) {
        String u = id("p");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", u);
        body.put("name", u);
        body.put("displayName", displayName);
        if (mobile != null) {
            body.put("mobile", mobile);
        }
        if (email != null) {
            body.put("email", email);
        }
        if (address != null) {
            body.put("address", address);
        }
        assertOk(node.admin().call("/admin/user/create", body));
        return u;
    }

    private static JsonNode adminInfo(String userId) {
        return assertOk(node.admin().call("/admin/user/get_info", Map.of("userId", userId))).path("result");
    }

    private static UserResult info(Mqtt5Peer peer, String userId) {
        return info(peer, userId, 0);
    }

    private static UserResult info(Mqtt5Peer peer, String userId, long updateDt) {
        Reply r = peer.call(Methods.USER_GET_INFOS, GetUserInfosRequest.newBuilder()
                .addRequest(UserRequest.newBuilder().setUid(userId).setUpdateDt(updateDt)).build());
        assertThat(r.getCode()).as(r.getMsg()).isZero();
        return r.getUserInfos().getResult(0);
    }

    private static List<String> search(Mqtt5Peer peer, String keyword, int fuzzy, int page) {
        Reply r = peer.call(Methods.USER_SEARCH, SearchUserRequest.newBuilder().setKeyword(keyword).setFuzzy(fuzzy)
                .setPage(page).build());
        assertThat(r.getCode()).as(r.getMsg()).isZero();
        return r.getUserSearch().getUsersList().stream().map(UserInfo::getUid).toList();
    }

    private static ModifyMyInfoRequest entries(int type, String value) {
        return ModifyMyInfoRequest.newBuilder().addEntry(InfoEntry.newBuilder().setType(type).setValue(value)).build();
    }

    private static void assertBad(Mqtt5Peer peer, ModifyMyInfoRequest request, String msgPart) {
        Reply r = peer.call(Methods.USER_MODIFY_MY_INFO, request);
        assertThat(r.getCode()).as(r.getMsg()).isEqualTo(251);
        assertThat(r.getMsg()).contains(msgPart);
    }
}
