package io.hearth.server.it;

import static io.hearth.server.it.Fixtures.newUser;
import static io.hearth.server.it.Fixtures.text;
import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.it.Fixtures.Login;
import io.hearth.server.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference's webhooks (§4) against a local HTTP sink: every callback produced by a real action arrives with
 * the reference's body and a valid HMAC signature; a sink that answers 500 for a while gets every event once it
 * recovers, in order, with the same event id on the repeated delivery; an event past its maximum age is a dead
 * letter on the server API, which retries and deletes it.
 */
class WebhookIT {

    private static final String SECRET = "sink-secret";
    private static WebhookSink sink;
    private static TestNode node;

    @BeforeAll
    static void start() {
        sink = new WebhookSink();
        node = TestNode.start(Map.ofEntries(
                Map.entry("message.forward.url", sink.url("/forward")),
                Map.entry("message.forward.exclude_types", "90-99"),
                Map.entry("message.forward_with_client_info", true),
                Map.entry("message.mentionmsg.forward.url", sink.url("/mention")),
                Map.entry("message.recallmsg.forward.url", sink.url("/recall")),
                Map.entry("user.online_status_callback", sink.url("/online")),
                Map.entry("user.info_update_callback", sink.url("/user")), // the DOC alias
                Map.entry("relation.update_callback", sink.url("/relation")), // the DOC alias
                Map.entry("group.group_info_update_callback", sink.url("/group")),
                Map.entry("group.group_member_update_callback", sink.url("/member")),
                Map.entry("webhook.secret", SECRET),
                Map.entry("webhook.backoff_initial_ms", 20),
                Map.entry("webhook.backoff_max_ms", 100),
                Map.entry("webhook.poll_interval_ms", 20),
                Map.entry("webhook.timeout_ms", 2000),
                Map.entry("webhook.lease_seconds", 5)));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void everyCallbackArrivesWithTheReferenceBodyAndAValidSignature() {
        Login alice = newUser(node, "alice");
        Login bob = newUser(node, "bob");
        JsonNode user = await().until(() -> find("/user", h -> h.json().path("userId").asText()
                .equals(bob.userId())), java.util.Objects::nonNull).json();
        assertThat(user.path("name").asText()).isNotEmpty();

        long uid;
        try (Mqtt5Peer a = Fixtures.online(node, alice)) {
            JsonNode online = awaitHit("/online", h -> h.json().path("clientId").asText().equals(alice.clientId()))
                    .json();
            assertThat(online.path("userId").asText()).isEqualTo(alice.userId());
            assertThat(online.path("platform").asInt()).isEqualTo(Fixtures.ANDROID);
            assertThat(online.path("status").asInt()).isZero();
            assertThat(online.path("timestamp").asLong()).isPositive();

            uid = a.call(Methods.MESSAGE_SEND, text(bob.userId(), "hello bob")).getSend().getMessageUid();
            JsonNode fwd = awaitHit("/forward", h -> h.json().path("messageId").asLong() == uid).json();
            assertThat(fwd.path("sender").asText()).isEqualTo(alice.userId());
            assertThat(fwd.path("conv").path("type").asInt()).isZero();
            assertThat(fwd.path("conv").path("target").asText()).isEqualTo(bob.userId());
            assertThat(fwd.path("conv").path("line").asInt()).isZero();
            assertThat(fwd.path("payload").path("type").asInt()).isEqualTo(Fixtures.TEXT);
            assertThat(fwd.path("payload").path("searchableContent").asText()).isEqualTo("hello bob");
            assertThat(fwd.path("timestamp").asLong()).isPositive();
            assertThat(fwd.path("client").path("clientId").asText()).isEqualTo(alice.clientId());
            assertThat(fwd.path("client").path("platform").asInt()).isEqualTo(Fixtures.ANDROID);
            assertThat(fwd.has("toUsers")).isFalse();

            // a mention goes to the mention endpoint whatever its type; type 95 is excluded from the forward
            long mentioned = a.call(Methods.MESSAGE_SEND, SendMessageRequest.newBuilder()
                    .setConversation(Conversation.newBuilder().setType(0).setTarget(bob.userId()))
                    .setContent(MessageContent.newBuilder().setType(95).setSearchableContent("@bob")
                            .setMentionedType(1).addMentionedTarget(bob.userId()).setPersistFlag(3))
                    .build()).getSend().getMessageUid();
            JsonNode mention = awaitHit("/mention", h -> h.json().path("messageId").asLong() == mentioned).json();
            assertThat(mention.path("payload").path("mentionedType").asInt()).isEqualTo(1);
            assertThat(mention.path("payload").path("mentionedTarget").get(0).asText()).isEqualTo(bob.userId());
            // the forward of a later message arrives, the excluded one never did (one endpoint, in order)
            long later = a.call(Methods.MESSAGE_SEND, text(bob.userId(), "after the mention")).getSend()
                    .getMessageUid();
            awaitHit("/forward", h -> h.json().path("messageId").asLong() == later);
            assertThat(sink.delivered("/forward")).noneMatch(h -> h.json().path("messageId").asLong() == mentioned);
        }
        JsonNode offline = awaitHit("/online", h -> h.json().path("clientId").asText().equals(alice.clientId())
                && h.json().path("status").asInt() == 1).json();
        assertThat(offline.path("userId").asText()).isEqualTo(alice.userId());

        JsonNode recall = node.admin().call("/admin/message/recall", Map.of("operator", alice.userId(),
                "messageUid", uid));
        assertThat(recall.path("code").asInt(-1)).as("%s", recall).isZero();
        JsonNode recalled = awaitHit("/recall", h -> h.json().path("message").path("messageId").asLong() == uid)
                .json();
        assertThat(recalled.path("userId").asText()).isEqualTo(alice.userId());
        assertThat(recalled.path("isAdmin").asBoolean()).isTrue();
        assertThat(recalled.path("timestamp").asLong()).isPositive();
        assertThat(recalled.path("message").path("payload").path("searchableContent").asText())
                .as("the original").isEqualTo("hello bob");

        JsonNode friends = node.admin().call("/admin/friend/status", body("userId", alice.userId(), "friendUid",
                bob.userId(), "status", 0));
        assertThat(friends.path("code").asInt(-1)).as("%s", friends).isZero();
        JsonNode relation = awaitHit("/relation", h -> h.json().path("userId").asText().equals(alice.userId())
                && h.json().path("targetId").asText().equals(bob.userId())).json();
        assertThat(relation.path("type").asInt()).isZero();
        assertThat(relation.path("value").asText()).isEqualTo("1");

        String gid = Fixtures.id("g");
        JsonNode created = node.admin().call("/admin/group/create", body("operator", alice.userId(), "group",
                body("group_info", body("target_id", gid, "name", "hooks", "owner", alice.userId(), "type", 2),
                        "members", List.of(body("member_id", alice.userId())))));
        assertThat(created.path("code").asInt(-1)).as("%s", created).isZero();
        JsonNode info = awaitHit("/group", h -> h.json().path("groupId").asText().equals(gid)).json();
        assertThat(info.path("operatorId").asText()).isEqualTo(alice.userId());
        assertThat(info.path("type").asInt()).isZero();
        assertThat(info.path("groupInfo").path("name").asText()).isEqualTo("hooks");

        JsonNode added = node.admin().call("/admin/group/member/add", body("operator", alice.userId(),
                "group_id", gid, "members", List.of(body("member_id", bob.userId()))));
        assertThat(added.path("code").asInt(-1)).as("%s", added).isZero();
        JsonNode member = awaitHit("/member", h -> h.json().path("groupId").asText().equals(gid)).json();
        assertThat(member.path("operatorId").asText()).isEqualTo(alice.userId());
        assertThat(member.path("type").asInt()).isZero();
        assertThat(member.path("memberIds")).extracting(JsonNode::asText).containsExactly(bob.userId());

        assertThat(sink.hits).allSatisfy(h -> {
            assertThat(h.signature()).as("signature of %s", h.path()).isEqualTo(hmac(h.body()));
            assertThat(h.eventId()).isNotBlank();
            assertThat(h.kind()).isNotBlank();
        });
    }

    @Test
    void aSinkThatFailsForAWhileGetsEveryEventInOrderWithTheSameIdOnRepeats() {
        Login carol = newUser(node, "carol");
        Login dave = newUser(node, "dave");
        int n = 30;
        sink.failing = true;
        try (Mqtt5Peer c = Fixtures.online(node, carol)) {
            for (int i = 0; i < n; i++) {
                assertThat(c.call(Methods.MESSAGE_SEND, text(dave.userId(), "burst " + i)).getCode()).isZero();
            }
            // the first of them is tried again and again while the sink fails
            await().until(() -> sink.hits.stream().filter(h -> h.answered() == 500 && h.path().equals("/forward")
                    && h.body().contains("burst 0")).count() >= 3);
            sink.failing = false;
            await().atMost(Duration.ofSeconds(30)).until(() -> burst(carol).size() == n);
        }
        List<WebhookSink.Hit> delivered = burst(carol);
        assertThat(delivered).extracting(h -> h.json().path("payload").path("searchableContent").asText())
                .as("in order, each once").containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, n).mapToObj(i -> "burst " + i).toList());
        List<WebhookSink.Hit> tries = sink.hits.stream().filter(h -> h.path().equals("/forward")
                && h.body().contains("\"burst 0\"")).toList();
        assertThat(tries).hasSizeGreaterThan(3);
        assertThat(tries.stream().map(WebhookSink.Hit::eventId).collect(Collectors.toSet()))
                .as("every try of one event carries its id").hasSize(1);
        assertThat(tries).extracting(WebhookSink.Hit::attempt).startsWith(1, 2, 3);
        Set<String> ids = delivered.stream().map(WebhookSink.Hit::eventId).collect(Collectors.toSet());
        assertThat(ids).hasSize(n);
    }

    @Test
    void anEventPastItsMaximumAgeIsADeadLetterThatTheServerApiRetriesAndDeletes() {
        try (WebhookSink down = new WebhookSink();
             TestNode short_ = TestNode.start(Map.of("user.user_info_update_callback", down.url("/user"),
                     "webhook.max_age_seconds", 1, "webhook.backoff_initial_ms", 100, "webhook.backoff_max_ms", 200,
                     "webhook.poll_interval_ms", 20))) {
            down.failing = true;
            String user = Fixtures.id("erin");
            short_.admin().createUser(user);
            JsonNode letter = await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(short_, user),
                    java.util.Objects::nonNull);
            assertThat(letter.path("kind").asText()).isEqualTo("user.user_info_update_callback");
            assertThat(letter.path("endpoint").asText()).isEqualTo(down.url("/user"));
            assertThat(letter.path("attempts").asInt()).isGreaterThan(1);
            assertThat(letter.path("lastError").asText()).isEqualTo("HTTP 500");
            String eventId = letter.path("eventId").asText();
            assertThat(down.hits).allMatch(h -> !h.body().contains(user) || h.eventId().equals(eventId));

            down.failing = false;
            assertThat(short_.admin().call("/admin/webhook/retry", Map.of("id", letter.path("id").asLong()))
                    .path("code").asInt(-1)).isZero();
            await().until(() -> down.delivered("/user").stream().anyMatch(h -> h.eventId().equals(eventId)));
            assertThat(deadLetter(short_, user)).isNull();

            assertThat(short_.admin().call("/admin/webhook/retry", Map.of("id", letter.path("id").asLong()))
                    .path("code").asInt()).as("no longer a dead letter").isEqualTo(253);
            assertThat(short_.admin().call("/admin/webhook/delete", Map.of("id", 987654321L)).path("code").asInt())
                    .isEqualTo(253);
            assertThat(short_.admin().call("/admin/webhook/retry", Map.of()).path("code").asInt()).isEqualTo(251);
            assertThat(short_.admin().call("/admin/webhook/dead_letters", Map.of("count", 0)).path("code").asInt())
                    .isEqualTo(251);
        }
    }

    private static JsonNode deadLetter(TestNode n, String user) {
        JsonNode r = n.admin().call("/admin/webhook/dead_letters", Map.of());
        for (JsonNode l : r.path("result").path("deadLetters")) {
            if (l.path("body").asText().contains(user)) {
                return l;
            }
        }
        return null;
    }

    private static List<WebhookSink.Hit> burst(Login sender) {
        return sink.delivered("/forward").stream().filter(h -> h.json().path("sender").asText()
                .equals(sender.userId())).toList();
    }

    private static WebhookSink.Hit find(String path, java.util.function.Predicate<WebhookSink.Hit> which) {
        return sink.delivered(path).stream().filter(which).findFirst().orElse(null);
    }

    private static WebhookSink.Hit awaitHit(String path, java.util.function.Predicate<WebhookSink.Hit> which) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> find(path, which), java.util.Objects::nonNull);
    }

    private static String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
