package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.PullSettingRequest;
import io.hearth.protocol.pb.PullSettingResult;
import io.hearth.protocol.pb.PutSettingRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SessionInfoRequest;
import io.hearth.protocol.pb.SettingEntry;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * User settings synced across a user's phone (TCP) and PC (WebSocket) through {@code setting.put}, the
 * {@code setting} notice, {@code setting.pull} and the version in {@code session.info}; the server API's
 * {@code user/put_setting} and {@code get_setting} and the system settings, with the reference's field names, the
 * scope rules and every bad input's code. On H2 and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class SettingsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestNode node;

    SettingsIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        node = TestNode.start(database.settings());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    // ---- client RPCs ----

    @Test
    void aSettingPutOnThePhoneIsNoticedOnThePcWhichPullsIt() {
        try (UserDevices alice = UserDevices.of(node, "alice")) {
            long v1 = put(alice.phone(), 1, "0-bob-0", "1");
            assertThat(v1).isPositive();
            Notice n1 = notice(alice.pc());
            assertThat(n1.getKind()).isEqualTo(NoticeKinds.SETTING);
            assertThat(n1.getVersion()).isEqualTo(v1);

            PullSettingResult all = pull(alice.pc(), 0);
            assertThat(all.getEntriesList()).containsExactly(entry(1, "0-bob-0", "1", v1));
            assertThat(all.getVersion()).isEqualTo(v1);
            assertThat(all.getHead()).isEqualTo(v1);
            assertThat(settingVersion(alice.pc())).isEqualTo(v1);

            long v2 = put(alice.pc(), 1000, "theme", "dark");
            assertThat(v2).isGreaterThan(v1);
            assertThat(notice(alice.phone()).getVersion()).isEqualTo(v2);
            assertThat(pull(alice.phone(), v1).getEntriesList()).containsExactly(entry(1000, "theme", "dark", v2));

            long v3 = put(alice.phone(), 1, "0-bob-0", "0");
            assertThat(notice(alice.pc()).getVersion()).isEqualTo(v3);
            PullSettingResult fromMid = pull(alice.pc(), v2);
            assertThat(fromMid.getEntriesList()).containsExactly(entry(1, "0-bob-0", "0", v3));
            assertThat(fromMid.getHead()).isEqualTo(v3);
            assertThat(pull(alice.pc(), v3).getEntriesCount()).isZero();
            assertThat(pull(alice.pc(), v3).getVersion()).isEqualTo(v3);

            // the writer itself is not noticed: by now its own notice would have been pushed before the others'
            assertThat(settingVersion(alice.phone())).isEqualTo(v3);
            assertThat(alice.phone().pending()).noneMatch(p -> p.getTopic().toString().endsWith(Topics.PUSH_NOTICE)
                    && parseNotice(p).getVersion() == v3);
        }
    }

    @Test
    void aReconnectedDevicePullsEverySettingFromZeroAndOnlyNewerOnesFromItsVersion() {
        String userId;
        long v1;
        long v2;
        try (UserDevices bob = UserDevices.of(node, "bob")) {
            userId = bob.userId();
            v1 = put(bob.phone(), 3, "0-carol-0", "1");
            v2 = put(bob.phone(), 19, "0-carol-0", "draft text");
        }
        try (UserDevices again = UserDevices.login(node, userId)) {
            assertThat(settingVersion(again.pc())).isEqualTo(v2);
            assertThat(pull(again.pc(), 0).getEntriesList()).containsExactly(entry(3, "0-carol-0", "1", v1),
                    entry(19, "0-carol-0", "draft text", v2));
            assertThat(pull(again.phone(), v1).getEntriesList()).containsExactly(entry(19, "0-carol-0", "draft text",
                    v2));
        }
    }

    @Test
    void aNewUserHasSettingVersionZeroAndNothingToPull() {
        try (UserDevices dan = UserDevices.of(node, "dan")) {
            assertThat(settingVersion(dan.phone())).isZero();
            PullSettingResult r = pull(dan.phone(), 0);
            assertThat(r.getEntriesCount()).isZero();
            assertThat(r.getVersion()).isZero();
            assertThat(r.getHead()).isZero();
        }
    }

    @Test
    void scopesOutsideTheReferenceRangesAndCustomOnesAre251() {
        try (UserDevices erin = UserDevices.of(node, "erin")) {
            for (int scope : new int[] {0, -3, 29, 999}) {
                Reply r = erin.phone().call(Methods.SETTING_PUT, PutSettingRequest.newBuilder().setScope(scope)
                        .setKey("k").setValue("v").build());
                assertThat(r.getCode()).as("scope %d", scope).isEqualTo(251);
                assertThat(r.getMsg()).contains("scope " + scope);
            }
            assertThat(put(erin.phone(), 28, "", "1")).isPositive();
            assertThat(put(erin.phone(), 1000, "k", "v")).isPositive();
            Reply tooLong = erin.phone().call(Methods.SETTING_PUT, PutSettingRequest.newBuilder().setScope(1000)
                    .setKey("k").setValue("x".repeat(8193)).build());
            assertThat(tooLong.getCode()).isEqualTo(251);
            assertThat(tooLong.getMsg()).contains("value longer than 8192");
            Reply keyTooLong = erin.phone().call(Methods.SETTING_PUT, PutSettingRequest.newBuilder().setScope(1000)
                    .setKey("k".repeat(257)).build());
            assertThat(keyTooLong.getCode()).isEqualTo(251);
        }
    }

    @Test
    void theJsonFormsOfPutAndPull() {
        try (UserDevices fay = UserDevices.of(node, "fay")) {
            JsonNode put = json(fay.phone(), Methods.SETTING_PUT, "{\"scope\":1000,\"key\":\"k\",\"value\":\"v\"}");
            assertThat(put.path("code").asInt()).isZero();
            long version = put.path("settingPut").path("version").asLong();
            assertThat(version).isPositive();
            JsonNode pull = json(fay.phone(), Methods.SETTING_PULL, "{\"sinceVersion\":0}");
            assertThat(pull.path("settingPull").path("entries").get(0).path("key").asText()).isEqualTo("k");
            assertThat(pull.path("settingPull").path("head").asLong()).isEqualTo(version);
        }
    }

    // ---- server API: user settings ----

    @Test
    void aServerApiPutIsNoticedOnEveryDeviceAndReadBackWithTheReferenceFieldNames() {
        try (UserDevices gil = UserDevices.of(node, "gil")) {
            JsonNode put = node.admin().call("/admin/user/put_setting",
                    Map.of("userId", gil.userId(), "scope", 1000, "key", "lang", "value", "fr"));
            assertThat(put.path("code").asInt()).isZero();
            assertThat(put.path("msg").asText()).isEqualTo("success");
            long v = notice(gil.phone()).getVersion();
            assertThat(notice(gil.pc()).getVersion()).isEqualTo(v);
            assertThat(pull(gil.pc(), 0).getEntriesList()).containsExactly(entry(1000, "lang", "fr", v));

            JsonNode got = node.admin().call("/admin/user/get_setting",
                    Map.of("userId", gil.userId(), "scope", 1000, "key", "lang"));
            assertThat(got.path("code").asInt()).isZero();
            assertThat(got.path("result")).isEqualTo(tree("{\"userId\":\"" + gil.userId()
                    + "\",\"scope\":1000,\"key\":\"lang\",\"value\":\"fr\"}"));

            // a scope as a string of digits is read as the number, as the reference's Gson does
            put(gil.phone(), 5, "g1", "1");
            JsonNode fromClient = node.admin().call("/admin/user/get_setting",
                    Map.of("userId", gil.userId(), "scope", "5", "key", "g1"));
            assertThat(fromClient.path("result").path("value").asText()).isEqualTo("1");
        }
    }

    @Test
    void userSettingBadInputs() {
        String userId = id("hal");
        node.admin().createUser(userId);
        assertCode(node.admin().call("/admin/user/put_setting", Map.of("scope", 1, "key", "k", "value", "v")), 251,
                "missing userId");
        assertCode(node.admin().call("/admin/user/put_setting", Map.of("userId", userId, "key", "k")), 251,
                "missing scope");
        assertCode(node.admin().call("/admin/user/put_setting", Map.of("userId", userId, "scope", 500)), 251,
                "scope 500");
        assertCode(node.admin().call("/admin/user/put_setting", Map.of("userId", userId, "scope", "x")), 251,
                "scope must be a number");
        assertCode(node.admin().call("/admin/user/put_setting", Map.of("userId", userId, "scope", 1.5)), 251,
                "scope must be a whole number");
        assertCode(node.admin().call("/admin/user/put_setting",
                Map.of("userId", userId, "scope", 1000, "value", "x".repeat(8193))), 251, "value longer than");
        assertCode(node.admin().call("/admin/user/put_setting", Map.of("userId", id("nobody"), "scope", 1)), 253,
                "no user");
        assertCode(node.admin().call("/admin/user/get_setting", Map.of("userId", userId, "scope", 1, "key", "k")),
                253, "has no setting");
        assertCode(node.admin().call("/admin/user/get_setting", Map.of("userId", id("nobody"), "scope", 1)), 253,
                "no user");
        assertCode(node.admin().call("/admin/user/get_setting", Map.of("scope", 1)), 251, "missing userId");
        assertCode(node.admin().call("/admin/user/get_setting", Map.of("userId", userId)), 251, "missing scope");
        // a key and value may be absent: the empty string, as scope 2 (global silent) uses
        assertCode(node.admin().call("/admin/user/put_setting", Map.of("userId", userId, "scope", 2)), 0, "success");
        JsonNode got = node.admin().call("/admin/user/get_setting", Map.of("userId", userId, "scope", 2));
        assertThat(got.path("result").path("key").asText()).isEmpty();
        assertThat(got.path("result").path("value").asText()).isEmpty();
    }

    // ---- server API: system settings ----

    @Test
    void systemSettingsArePutAndReadBackWithTheReferenceFieldNames() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", 1);
        body.put("value", "500");
        body.put("desc", "group max member count");
        assertCode(node.admin().call("/admin/system/put_setting", body), 0, "success");
        JsonNode got = node.admin().call("/admin/system/get_setting", Map.of("id", 1));
        assertThat(got.path("code").asInt()).isZero();
        assertThat(got.path("result"))
                .isEqualTo(tree("{\"id\":1,\"value\":\"500\",\"desc\":\"group max member count\"}"));

        body.put("value", "2000");
        body.remove("desc");
        assertCode(node.admin().call("/admin/system/put_setting", body), 0, "success");
        JsonNode again = node.admin().call("/admin/system/get_setting", Map.of("id", "1"));
        assertThat(again.path("result").path("value").asText()).isEqualTo("2000");
        assertThat(again.path("result").path("desc").asText()).isEmpty();

        assertCode(node.admin().call("/admin/system/put_setting", Map.of("id", 7001, "value", "anything")), 0,
                "success");
        assertThat(node.admin().call("/admin/system/get_setting", Map.of("id", 7001)).path("result").path("value")
                .asText()).isEqualTo("anything");
    }

    @Test
    void systemSettingBadInputs() {
        assertCode(node.admin().call("/admin/system/get_setting", Map.of("id", 424242)), 253, "no system setting");
        assertCode(node.admin().call("/admin/system/get_setting", Map.of()), 251, "missing id");
        assertCode(node.admin().call("/admin/system/put_setting", Map.of("value", "1")), 251, "missing id");
        assertCode(node.admin().call("/admin/system/put_setting", Map.of("id", 2)), 251, "missing value");
        assertCode(node.admin().call("/admin/system/put_setting", Map.of("id", 1, "value", "many")), 251,
                "group max member count");
        assertCode(node.admin().call("/admin/system/put_setting", Map.of("id", 1, "value", "0")), 251,
                "positive number");
        assertCode(node.admin().call("/admin/system/put_setting", Map.of("id", "one", "value", "1")), 251,
                "id must be a number");
    }

    // ---- helpers ----

    private static long put(Mqtt5Peer peer, int scope, String key, String value) {
        Reply r = peer.call(Methods.SETTING_PUT,
                PutSettingRequest.newBuilder().setScope(scope).setKey(key).setValue(value).build());
        assertThat(r.getCode()).as("setting.put: %s", r.getMsg()).isZero();
        return r.getSettingPut().getVersion();
    }

    private static PullSettingResult pull(Mqtt5Peer peer, long since) {
        Reply r = peer.call(Methods.SETTING_PULL, PullSettingRequest.newBuilder().setSinceVersion(since).build());
        assertThat(r.getCode()).as("setting.pull: %s", r.getMsg()).isZero();
        return r.getSettingPull();
    }

    private static long settingVersion(Mqtt5Peer peer) {
        Reply r = peer.call(Methods.SESSION_INFO, SessionInfoRequest.getDefaultInstance());
        assertThat(r.getCode()).isZero();
        return r.getSession().getSettingVersion();
    }

    private static Notice notice(Mqtt5Peer peer) {
        return parseNotice(peer.awaitPublish(Topics.push(peer.userId, Topics.PUSH_NOTICE)));
    }

    private static Notice parseNotice(Mqtt5Publish p) {
        try {
            return Notice.parseFrom(p.getPayloadAsBytes());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("not a Notice", e);
        }
    }

    private static SettingEntry entry(int scope, String key, String value, long version) {
        return SettingEntry.newBuilder().setScope(scope).setKey(key).setValue(value).setVersion(version).build();
    }

    private static JsonNode json(Mqtt5Peer peer, String method, String body) {
        var raw = peer.callRaw(Topics.request(method), body.getBytes(StandardCharsets.UTF_8),
                Topics.JSON_CONTENT_TYPE);
        return tree(new String(raw.reply().getPayloadAsBytes(), StandardCharsets.UTF_8));
    }

    /** A JSON text as a tree; trees compare field by field, whatever the order. */
    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void assertCode(JsonNode envelope, int code, String msgPart) {
        assertThat(envelope.path("code").asInt()).as("envelope %s", envelope).isEqualTo(code);
        assertThat(envelope.path("msg").asText()).as("envelope %s", envelope).contains(msgPart);
    }
}
