package io.hearth.server.it;

import static io.hearth.server.it.Devices.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.testing.TestNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The single-chat send policy on a node with {@code message.blacklist.strategy 1} (accept and drop) and
 * {@code message.disable_stranger_chat true}: a blacklisted sender is told its message was sent and the receiver
 * never gets it (VoIP signalling excepted); strangers are refused with 248 unless one of them is on
 * {@code message.allow_stranger_chat_list}; server API sends are exempt from both.
 */
class SendPolicyIT {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("message.blacklist.strategy", 1, "message.disable_stranger_chat", true,
                "message.allow_stranger_chat_list", "admin"));
        node.admin().createUser("admin");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aBlacklistedSendersMessageIsAcceptedAndDroppedExceptVoipSignalling() {
        String alice = user("alice");
        String bob = user("bob");
        friends(alice, bob);
        admin("/admin/blacklist/status", Map.of("userId", bob, "targetUid", alice, "status", 2));
        try (Mqtt5Peer alicePhone = Devices.phone(node, alice); Mqtt5Peer bobPc = Devices.pc(node, bob)) {
            Reply dropped = alicePhone.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "dropped"));
            assertThat(dropped.getCode()).isZero();
            assertThat(dropped.getSend().getMessageUid()).isPositive();
            SendMessageRequest voip = Fixtures.text(bob, "").toBuilder()
                    .setContent(MessageContent.newBuilder().setType(401).setPersistFlag(1)).build();
            assertThat(alicePhone.call(Methods.MESSAGE_SEND, voip).getCode()).isZero();
            assertThat(alicePhone.call(Methods.MESSAGE_SEND, Fixtures.text(bob, "dropped too")).getCode()).isZero();

            await().atMost(Mqtt5Peer.WAIT).untilAsserted(() -> assertThat(timeline(bobPc))
                    .extracting(m -> m.getContent().getType()).containsExactly(401));
            assertThat(timeline(alicePhone)).extracting(m -> m.getContent().getSearchableContent())
                    .contains("dropped", "dropped too");
        }
    }

    @Test
    void strangersAreRefusedWith248UnlessOneIsOnTheAllowListAndFriendsChat() {
        String carol = user("carol");
        String dave = user("dave");
        try (Mqtt5Peer carolPhone = Devices.phone(node, carol)) {
            Reply refused = carolPhone.call(Methods.MESSAGE_SEND, Fixtures.text(dave, "hello stranger"));
            assertThat(refused.getCode()).isEqualTo(248);
            assertThat(refused.getMsg()).contains("not friends").contains("message.disable_stranger_chat");
            assertThat(carolPhone.call(Methods.MESSAGE_SEND, Fixtures.text("admin", "help")).getCode()).isZero();

            friends(carol, dave);
            assertThat(carolPhone.call(Methods.MESSAGE_SEND, Fixtures.text(dave, "hello friend")).getCode()).isZero();
        }
    }

    @Test
    void serverApiSendsSkipTheBlacklistAndStrangerChecks() {
        String erin = user("erin");
        String frank = user("frank");
        admin("/admin/blacklist/status", Map.of("userId", frank, "targetUid", erin, "status", 2));
        JsonNode sent = admin("/admin/message/send", Map.of("sender", erin,
                "conv", Map.of("type", 0, "target", frank, "line", 0),
                "payload", Map.of("type", 1, "searchableContent", "from the server", "persistFlag", 3)));
        assertThat(sent.get("result").get("messageUid").asLong()).isPositive();
        try (Mqtt5Peer frankPhone = Devices.phone(node, frank)) {
            assertThat(timeline(frankPhone)).extracting(m -> m.getContent().getSearchableContent())
                    .containsExactly("from the server");
        }
    }

    private static String user(String prefix) {
        String id = Fixtures.id(prefix);
        node.admin().createUser(id);
        return id;
    }

    private static void friends(String a, String b) {
        admin("/admin/friend/status", Map.of("userId", a, "friendUid", b, "status", 0));
    }

    private static JsonNode admin(String path, Map<String, Object> body) {
        JsonNode r = node.admin().call(path, body);
        assertThat(r.get("code").asInt()).as("%s %s", path, r).isZero();
        return r;
    }
}
