package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.id;
import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.Fixtures.online;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.JsNumbers;
import io.hearth.server.testing.ManualClock;
import io.hearth.server.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Message uids as a JavaScript client sees them: every uid the server API and the JSON replies and pushes return is
 * read as a double (what {@code JSON.parse} does), printed back as JavaScript prints it and sent back to
 * {@code /admin/message/get_one}, as a number and as a string; it must come back unchanged.
 */
class MessageUidIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;
    /** Windows: a PC, which does not kick an Android session of the same user. */
    private static final int WINDOWS = 3;

    private static TestNode node;

    @BeforeAll
    static void startNode() {
        node = TestNode.start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyUidTheServerApiAndTheJsonFormsReturnSurvivesJavaScript() throws Exception {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        String bobPc = id("bob-pc");
        String bobPcToken = node.admin().token(bob.userId(), bobPc, WINDOWS);
        try (Mqtt5Peer a = online(node, alice);
             Mqtt5Peer phone = online(node, bob);
             Mqtt5Peer pc = Mqtt5Peer.connect(node.mqttPort(), bob.userId(), bobPc, bobPcToken)) {
            pc.subscribe(Topics.namespace(bob.userId()) + "json/push/#", Topics.namespace(bob.userId()) + "reply/#");
            List<Long> uids = new ArrayList<>();

            // the server API: message/send answers messageUid as a JSON number
            JsonNode sent = node.admin().call("/admin/message/send", Map.of("sender", alice.userId(),
                    "conv", Map.of("type", 0, "target", bob.userId(), "line", 0),
                    "payload", Map.of("type", 1, "searchableContent", "from the app server", "persistFlag", 3)));
            assertThat(sent.path("code").asInt(-1)).isZero();
            JsonNode apiUid = sent.path("result").path("messageUid");
            assertThat(apiUid.isIntegralNumber()).isTrue();
            long first = survivesJavaScript(apiUid.asText());
            uids.add(first);
            assertThat(pushedUid(phone)).as("protobuf push to bob's phone").isEqualTo(first);
            assertThat(survivesJavaScript(jsonPushedUid(pc, bob))).as("JSON push to bob's PC").isEqualTo(first);

            // a client's JSON send: the reply's messageUid is a JSON string
            String body = "{\"conversation\":{\"type\":0,\"target\":\"" + bob.userId() + "\"},"
                    + "\"content\":{\"type\":1,\"searchableContent\":\"from a JS client\",\"persistFlag\":3}}";
            JsonNode reply = JSON.readTree(a.callRaw("rpc/json/" + Methods.MESSAGE_SEND,
                    body.getBytes(StandardCharsets.UTF_8), null).reply().getPayloadAsBytes());
            assertThat(reply.path("code").asInt(-1)).isZero();
            long second = survivesJavaScript(reply.path("send").path("messageUid").asText());
            uids.add(second);
            assertThat(pushedUid(phone)).isEqualTo(second);
            assertThat(survivesJavaScript(jsonPushedUid(pc, bob))).isEqualTo(second);

            // a JSON pull on bob's PC returns both
            JsonNode pulled = JSON.readTree(pc.callRaw("rpc/json/" + Methods.MESSAGE_PULL,
                    "{\"sinceSeq\":\"0\",\"limit\":100}".getBytes(StandardCharsets.UTF_8), null).reply()
                    .getPayloadAsBytes());
            assertThat(pulled.path("code").asInt(-1)).isZero();
            List<Long> pulledUids = new ArrayList<>();
            for (JsonNode m : pulled.path("pull").path("messages")) {
                pulledUids.add(survivesJavaScript(m.path("messageUid").asText()));
            }
            assertThat(pulledUids).containsExactlyElementsOf(uids);

            // get_one with the uid as JavaScript sends it back: a number, and a string
            for (long uid : uids) {
                String js = JsNumbers.roundTrip(uid);
                JsonNode asNumber = node.admin().callRaw("/admin/message/get_one",
                        ("{\"messageUid\":" + js + "}").getBytes(StandardCharsets.UTF_8),
                        node.admin().freshSignature());
                JsonNode asString = node.admin().call("/admin/message/get_one", Map.of("messageUid", js));
                for (JsonNode one : List.of(asNumber, asString)) {
                    assertThat(one.path("code").asInt(-1)).as("get_one %s", js).isZero();
                    assertThat(survivesJavaScript(one.path("result").path("messageId").asText())).isEqualTo(uid);
                }
            }
        }
    }

    @Test
    void getOneOfZeroOrOfAUidThatIsNotAPositiveIntegerIs251AndTheServerGoesOn() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");

        for (Object bad : List.of(0, "0", -1, "-1", "abc", "", "12abc", 1.5, "9223372036854775808",
                "99999999999999999999", true)) {
            JsonNode r = node.admin().call("/admin/message/get_one", Map.of("messageUid", bad));
            assertThat(r.path("code").asInt(-1)).as("get_one %s", bad).isEqualTo(251);
        }
        assertThat(node.admin().call("/admin/message/get_one", Map.of()).path("code").asInt(-1)).isEqualTo(251);
        assertThat(node.admin().call("/admin/message/get_one", Map.of("messageUid", "123456789")).path("code")
                .asInt(-1)).as("a well-formed uid that does not exist").isEqualTo(253);

        JsonNode sent = node.admin().call("/admin/message/send", Map.of("sender", alice.userId(),
                "conv", Map.of("type", 0, "target", bob.userId(), "line", 0),
                "payload", Map.of("type", 1, "searchableContent", "still here")));
        String uid = sent.path("result").path("messageUid").asText();
        JsonNode one = node.admin().call("/admin/message/get_one", Map.of("messageUid", uid));
        assertThat(one.path("code").asInt(-1)).isZero();
        assertThat(one.path("result").path("payload").path("searchableContent").asText()).isEqualTo("still here");
    }

    @Test
    void recallUpdateAndDeleteTakeTheUidAsAStringToo() throws Exception {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        String edited = Long.toString(send(node, alice, bob, "to edit"));
        String recalled = Long.toString(send(node, alice, bob, "to recall"));
        String deleted = Long.toString(send(node, alice, bob, "to delete"));

        JsonNode update = node.admin().call("/admin/message/update", Map.of("operator", alice.userId(),
                "messageUid", edited, "payload", Map.of("type", 1, "searchableContent", "edited"), "distribute", 1));
        JsonNode recall = node.admin().call("/admin/message/recall", Map.of("operator", alice.userId(),
                "messageUid", recalled));
        JsonNode delete = node.admin().call("/admin/message/delete", Map.of("messageUid", deleted));

        assertThat(update.path("code").asInt(-1)).as("update %s", update).isZero();
        assertThat(recall.path("code").asInt(-1)).as("recall %s", recall).isZero();
        assertThat(delete.path("code").asInt(-1)).as("delete %s", delete).isZero();
        assertThat(node.admin().call("/admin/message/get_one", Map.of("messageUid", edited)).path("result")
                .path("payload").path("searchableContent").asText()).isEqualTo("edited");
        JsonNode recallPayload = node.admin().call("/admin/message/get_one", Map.of("messageUid", recalled))
                .path("result").path("payload");
        assertThat(recallPayload.path("type").asInt()).isEqualTo(80);
        // the recall's push data names the uid as a JSON number: it too must survive JavaScript
        assertThat(survivesJavaScript(JSON.readTree(recallPayload.path("pushData").asText()).path("messageUid")
                .asText())).isEqualTo(Long.parseLong(recalled));
        assertThat(node.admin().call("/admin/message/get_one", Map.of("messageUid", deleted)).path("code")
                .asInt(-1)).isEqualTo(253);
        for (String path : List.of("/admin/message/recall", "/admin/message/update", "/admin/message/delete")) {
            JsonNode bad = node.admin().call(path, Map.of("operator", alice.userId(), "messageUid", "0",
                    "payload", Map.of("type", 1, "searchableContent", "x")));
            assertThat(bad.path("code").asInt(-1)).as("%s of uid \"0\"", path).isEqualTo(251);
        }
    }

    @Test
    void aRestartedNodeWhoseClockIsBehindItsStoredUidsKeepsSendingWithNewUids() {
        ManualClock clock = new ManualClock(System.currentTimeMillis());
        try (TestNode stopped = TestNode.start(Map.of(), clock)) {
            Login alice = newUser(stopped, "alice");
            Login bob = newUser(stopped, "bob");
            List<Long> before = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                before.add(send(stopped, alice, bob, "before " + i));
            }
            clock.now -= 60_000; // the clock steps back while the node is down
            stopped.restart();

            List<Long> after = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                after.add(send(stopped, alice, bob, "after " + i));
            }
            assertThat(after).allMatch(u -> u > before.get(2)).doesNotHaveDuplicates();
            JsonNode first = stopped.admin().call("/admin/message/get_one", Map.of("messageUid", before.get(0)));
            assertThat(first.path("result").path("payload").path("searchableContent").asText()).isEqualTo("before 0");
        }
    }

    private static long send(TestNode n, Login from, Login to, String text) {
        JsonNode sent = n.admin().call("/admin/message/send", Map.of("sender", from.userId(),
                "conv", Map.of("type", 0, "target", to.userId(), "line", 0),
                "payload", Map.of("type", 1, "searchableContent", text, "persistFlag", 3)));
        assertThat(sent.path("code").asInt(-1)).as("send %s: %s", text, sent).isZero();
        return survivesJavaScript(sent.path("result").path("messageUid").asText());
    }

    /**
     * The uid a JSON field holds ({@code digits}), checked as JavaScript holds it: the double parsed from it is the
     * same integer, prints back as the same digits, and is a safe integer.
     */
    private static long survivesJavaScript(String digits) {
        long uid = Long.parseLong(digits);
        double js = JsNumbers.parse(digits);
        assertThat((long) js).as("uid %s as a double", digits).isEqualTo(uid);
        assertThat(JsNumbers.print(js)).as("uid %s printed by JavaScript", digits).isEqualTo(digits);
        assertThat(uid).isPositive().isLessThanOrEqualTo(MAX_SAFE_INTEGER);
        return uid;
    }

    private static long pushedUid(Mqtt5Peer p) throws Exception {
        Mqtt5Publish push = p.awaitPublish(Topics.push(p.userId, Topics.PUSH_MESSAGE));
        return MessagePush.parseFrom(push.getPayloadAsBytes()).getMessages(0).getMessageUid();
    }

    private static String jsonPushedUid(Mqtt5Peer p, Login user) throws Exception {
        Mqtt5Publish push = p.awaitPublish(Topics.jsonPush(user.userId(), Topics.PUSH_MESSAGE));
        return JSON.readTree(push.getPayloadAsBytes()).path("messages").path(0).path("messageUid").asText();
    }
}
