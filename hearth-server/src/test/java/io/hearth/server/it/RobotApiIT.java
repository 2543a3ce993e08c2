package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.protocol.ApiSignature;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Message;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The robot API on the public HTTP port (H2): a robot signed with its own secret answers a user (send, reply),
 * recalls and edits its message, reads and changes its profile in both body shapes, keeps its callback, runs a group
 * as its operator; unsigned, badly signed, unknown, replayed and over-the-limit calls get the reference's codes.
 */
class RobotApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    private GroupCalls api;
    private String robot;
    private String secret;
    private String alice;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("http.robot.rate_limit", 30, "message.allow_client_update_types", "1"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    void robot() {
        api = new GroupCalls(node);
        alice = Fixtures.id("alice");
        node.admin().createUser(alice);
        JsonNode created = api.result("/admin/robot/create", body("name", Fixtures.id("helper"), "owner", alice));
        robot = created.get("userId").asText();
        secret = created.get("secret").asText();
    }

    @Test
    void aRobotAnswersAUserRecallsAndEditsItsMessage() throws Exception {
        Mqtt5Peer phone = closer.keep(Devices.phone(node, alice));
        long question = Devices.ok(phone.call(Methods.MESSAGE_SEND, Fixtures.text(robot, "what time is it?")))
                .getSend().getMessageUid();

        JsonNode replied = ok(call("/robot/message/reply", body("messageUid", question,
                "payload", body("type", 1, "searchableContent", "noon"))));
        long answer = replied.get("messageUid").asLong();
        Message m = MessageChangesIT.awaitPushed(phone, answer, 0);
        assertThat(m.getSender()).isEqualTo(robot);
        assertThat(m.getConversation().getTarget()).as("alice sees a chat with the robot").isEqualTo(robot);

        long sent = ok(call("/robot/message/send", body("conv", body("type", 0, "target", alice),
                "payload", body("type", 1, "searchableContent", "tea?")))).get("messageUid").asLong();
        MessageChangesIT.awaitPushed(phone, sent, 0);
        ok(call("/robot/message/update", body("messageUid", sent, "distribute", 1,
                "payload", body("type", 1, "searchableContent", "coffee?"))));
        assertThat(MessageChangesIT.awaitPushed(phone, sent, 2).getContent().getSearchableContent())
                .isEqualTo("coffee?");
        JsonNode recalled = ok(call("/robot/message/recall", body("messageUid", sent)));
        assertThat(JSON.readTree(recalled.asText()).get("sc").asText()).isEqualTo("coffee?");
        MessageChangesIT.assertRecalled(MessageChangesIT.awaitPushed(phone, sent, 1), sent, robot);
        assertThat(code(call("/robot/message/recall", body("messageUid", question)))).as("alice's message")
                .isEqualTo(248);
    }

    @Test
    void aMessageToARobotIsPostedToItsCallbackAndTheRobotAnswersThroughTheApi() throws Exception {
        try (WebhookSink sink = new WebhookSink()) {
            ok(call("/robot/set_callback", body("url", sink.url("/bot"))));
            Mqtt5Peer phone = closer.keep(Devices.phone(node, alice));
            // the node reads callbacks again every 2 s: send until the first one is called back
            long asked = 0;
            for (int i = 0; i < 100 && sink.delivered("/bot").isEmpty(); i++) {
                asked = Devices.ok(phone.call(Methods.MESSAGE_SEND, Fixtures.text(robot, "ping " + i))).getSend()
                        .getMessageUid();
                Thread.sleep(100);
            }
            org.awaitility.Awaitility.await().until(() -> !sink.delivered("/bot").isEmpty());
            JsonNode hook = sink.delivered("/bot").get(sink.delivered("/bot").size() - 1).json();
            assertThat(hook.get("sender").asText()).isEqualTo(alice);
            assertThat(hook.get("conv").get("target").asText()).isEqualTo(robot);
            long uid = hook.get("messageId").asLong();
            assertThat(uid).isPositive();
            long answer = ok(call("/robot/message/reply", body("messageUid", uid,
                    "payload", body("type", 1, "searchableContent", "pong")))).get("messageUid").asLong();
            assertThat(MessageChangesIT.awaitPushed(phone, answer, 0).getContent().getSearchableContent())
                    .isEqualTo("pong");
            int before = sink.delivered("/bot").size();
            Thread.sleep(300);
            assertThat(sink.delivered("/bot")).as("the robot's own reply is not called back").hasSize(before);
            assertThat(asked).isPositive();
        }
    }

    @Test
    void aRobotKeepsItsProfileAndCallbackAndRunsAGroup() {
        assertThat(ok(call("/robot/profile", body())).toString()).contains(robot);
        ok(call("/robot/update_profile", body("intValue", 0, "strValue", "Helper")));
        assertThat(ok(call("/robot/user_info", body("userId", robot))).get("displayName").asText())
                .isEqualTo("Helper");
        ok(call("/robot/update_profile", body("first", 0, "second", "Helper Two")));
        assertThat(ok(call("/robot/user_info", body("userId", robot))).get("displayName").asText())
                .as("the JavaScript shape").isEqualTo("Helper Two");

        ok(call("/robot/set_callback", body("url", "http://127.0.0.1:9/hook")));
        assertThat(ok(call("/robot/get_callback", body())).get("url").asText()).isEqualTo("http://127.0.0.1:9/hook");
        ok(call("/robot/delete_callback", body()));
        assertThat(ok(call("/robot/get_callback", body())).has("url")).as("none: left out, as null fields are").isFalse();

        String gid = ok(call("/robot/group/create", body("group", body("group_info", body("name", "bots' group",
                "type", 2), "members", List.of(body("member_id", alice)))))).get("group_id").asText();
        JsonNode members = ok(call("/robot/group/member/list", body("groupId", gid)));
        assertThat(members.toString()).contains(alice, robot);
        assertThat(api.result("/admin/group/get_info", body("groupId", gid)).get("owner").asText())
                .as("the robot is the operator").isEqualTo(robot);
        assertThat(code(call("/robot/application/get_user_info", body("authCode", "x")))).isEqualTo(254);
    }

    @Test
    void badCallsGetTheReferenceCodes() throws Exception {
        assertThat(code(send("/robot/profile", "{}", Map.of()))).as("no headers").isEqualTo(239);
        assertThat(code(send("/robot/profile", "{}", headers("nobody-" + robot, secret, System.currentTimeMillis()))))
                .as("unknown robot").isEqualTo(253);
        assertThat(code(send("/robot/profile", "{}", headers(robot, "wrong", System.currentTimeMillis()))))
                .as("bad sign").isEqualTo(244);
        assertThat(code(send("/robot/profile", "{}", headers(robot, secret,
                System.currentTimeMillis() - 3 * 3600 * 1000L)))).as("older than 2 h").isEqualTo(243);
        assertThat(code(send("/robot/profile", "{}", headers("nobody-" + robot, secret,
                System.currentTimeMillis() - 3 * 3600 * 1000L)))).as("the age is checked first").isEqualTo(243);
        Map<String, String> once = headers(robot, secret, System.currentTimeMillis());
        assertThat(code(send("/robot/profile", "{}", once))).isZero();
        assertThat(code(send("/robot/profile", "{}", once))).as("replayed").isEqualTo(243);
        assertThat(code(send("/robot/message/send", "{not json", headers(robot, secret,
                System.currentTimeMillis())))).isEqualTo(251);
        assertThat(code(call("/robot/message/send", body("payload", body("type", 1))))).as("no conv")
                .isEqualTo(251);
        int last = 0;
        for (int i = 0; i < 40 && last != 250; i++) {
            last = code(call("/robot/get_callback", body()));
        }
        assertThat(last).as("http.robot.rate_limit 30 in 10 s").isEqualTo(250);
    }

    // ---- helpers

    private JsonNode call(String path, Object body) {
        try {
            return send(path, JSON.writeValueAsString(body), headers(robot, secret, System.currentTimeMillis()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> headers(String rid, String secret, long ts) {
        String nonce = UUID.randomUUID().toString();
        String t = Long.toString(ts);
        return Map.of("rid", rid, "nonce", nonce, "timestamp", t, "sign", ApiSignature.sign(nonce, secret, t));
    }

    private static JsonNode send(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode ok(JsonNode envelope) {
        assertThat(envelope.get("code").asInt()).as("%s", envelope).isZero();
        return envelope.get("result");
    }

    private static int code(JsonNode envelope) {
        return envelope.get("code").asInt();
    }
}
