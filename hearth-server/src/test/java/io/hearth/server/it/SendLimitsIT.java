package io.hearth.server.it;

import static io.hearth.server.it.Limits.EMOJI;
import static io.hearth.server.it.Limits.fill;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fields of a send at their limits are stored (ASCII, accented letters, emoji) and one character or entry more
 * is 251 naming the field, never 4: on {@code /admin/message/send} with its JSON names and on {@code message.send}
 * over MQTT with the proto names, on H2 and on PostgreSQL. After each refusal the same connection sends again.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class SendLimitsIT {

    private static TestNode node;
    private static Fixtures.Login alice;
    private static Fixtures.Login bob;
    private static Mqtt5Peer peer;

    SendLimitsIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        node = TestNode.start(database.settings());
        alice = Fixtures.newUser(node, "alice");
        bob = Fixtures.newUser(node, "bob");
        peer = Fixtures.online(node, alice);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "spelled with {0}")
    @ValueSource(strings = {"x", "\u00e9", EMOJI})
    void everySendFieldAtItsLimitIsStoredOnBothApis(String unit) {
        String sender = user(fill(Fixtures.id("s"), unit, 64));
        String target = user(fill(Fixtures.id("t"), unit, 64));
        List<String> toUsers = ids(unit, 100);

        Map<String, Object> body = serverApiSend(sender, target);
        body.put("toUsers", toUsers);
        payload(body).put("mentionedTarget", toUsers);
        JsonNode sent = node.admin().call("/admin/message/send", body);
        assertThat(sent.path("code").asInt(-1)).as("%s", sent).isZero();
        JsonNode stored = getOne(sent.path("result").path("messageUid").asLong());
        assertThat(strings(stored.path("toUsers"))).isEqualTo(toUsers);
        assertThat(strings(stored.path("payload").path("mentionedTarget"))).isEqualTo(toUsers);

        SendMessageRequest rpc = Fixtures.text(target, "at the limits").toBuilder()
                .setClientMessageId(fill("", unit, 64)).addAllToUsers(toUsers).build();
        Reply reply = peer.call(Methods.MESSAGE_SEND, rpc);
        assertThat(reply.getCode()).as(reply.getMsg()).isZero();
        JsonNode viaRpc = getOne(reply.getSend().getMessageUid());
        assertThat(strings(viaRpc.path("toUsers"))).isEqualTo(toUsers);
    }

    static Stream<Arguments> serverApiRefusals() {
        return Stream.of(
                refusal("sender longer than 64", b -> b.put("sender", "s".repeat(65))),
                refusal("sender must not contain", b -> b.put("sender", "a#b")),
                refusal("conv.target longer than 64", b -> conv(b).put("target", "t".repeat(65))),
                refusal("conv.target must not contain", b -> conv(b).put("target", "a+b")),
                refusal("toUsers has more than 100 entries", b -> b.put("toUsers", ids("x", 101))),
                refusal("toUsers[0] longer than 64", b -> b.put("toUsers", List.of("u".repeat(65)))),
                refusal("toUsers[1] must not contain", b -> b.put("toUsers", List.of("ok", "a,b"))),
                refusal("toUsers must be an array", b -> b.put("toUsers", "bob")),
                refusal("payload.mentionedTarget has more than 100 entries",
                        b -> payload(b).put("mentionedTarget", ids("x", 101))),
                refusal("payload.mentionedTarget[0] longer than 64",
                        b -> payload(b).put("mentionedTarget", List.of("m".repeat(65)))),
                refusal("payload.persistFlag must be 0, 1, 3 or 4", b -> payload(b).put("persistFlag", 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverApiRefusals")
    void anOversizedServerApiSendFieldIs251NamingIt(String message, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = serverApiSend(alice.userId(), bob.userId());
        change.accept(body);

        Limits.assertRefused(node.admin().call("/admin/message/send", body), message);
        JsonNode good = node.admin().call("/admin/message/send", serverApiSend(alice.userId(), bob.userId()));
        assertThat(good.path("code").asInt(-1)).as("a good send after the refused one: %s", good).isZero();
    }

    static Stream<Arguments> rpcRefusals() {
        return Stream.of(
                rpcRefusal("conversation.target longer than 64",
                        r -> r.setConversation(r.getConversation().toBuilder().setTarget("t".repeat(65)))),
                rpcRefusal("conversation.target must not contain",
                        r -> r.setConversation(r.getConversation().toBuilder().setTarget("u/x/push"))),
                rpcRefusal("client_message_id longer than 64", r -> r.setClientMessageId("c".repeat(65))),
                rpcRefusal("client_message_id contains a control character", r -> r.setClientMessageId("m\u0007")),
                rpcRefusal("client_message_id contains an invalid character", r -> r.setClientMessageId("m\u0000")),
                rpcRefusal("to_users has more than 100 entries", r -> r.addAllToUsers(ids("x", 101))),
                rpcRefusal("to_users[0] longer than 64", r -> r.addToUsers("u".repeat(65))),
                rpcRefusal("to_users[0] must not contain", r -> r.addToUsers("a,b")),
                rpcRefusal("content.mentioned_target has more than 100 entries",
                        r -> r.getContentBuilder().addAllMentionedTarget(ids("x", 101))),
                rpcRefusal("content.mentioned_target[0] longer than 64",
                        r -> r.getContentBuilder().addMentionedTarget("m".repeat(65))),
                rpcRefusal("content.persist_flag must be 0, 1, 3 or 4", r -> r.getContentBuilder().setPersistFlag(7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rpcRefusals")
    void anOversizedRpcSendFieldIs251NamingItAndTheConnectionSendsOn(String message,
                                                                     Consumer<SendMessageRequest.Builder> change) {
        SendMessageRequest.Builder bad = Fixtures.text(bob.userId(), "bad").toBuilder();
        change.accept(bad);

        Reply refused = peer.call(Methods.MESSAGE_SEND, bad.build());
        assertThat(refused.getCode()).as(refused.getMsg()).isEqualTo(251);
        assertThat(refused.getMsg()).contains(message);
        Reply good = peer.call(Methods.MESSAGE_SEND, Fixtures.text(bob.userId(), "good"));
        assertThat(good.getCode()).as(good.getMsg()).isZero();
    }

    private static Arguments refusal(String message, Consumer<Map<String, Object>> change) {
        return Arguments.of(message, change);
    }

    private static Arguments rpcRefusal(String message, Consumer<SendMessageRequest.Builder> change) {
        return Arguments.of(message, change);
    }

    /** {@code count} distinct ids of 64 characters spelled with {@code unit}. */
    private static List<String> ids(String unit, int count) {
        return IntStream.range(0, count).mapToObj(i -> fill(i + "-", unit, 64)).toList();
    }

    private static String user(String userId) {
        node.admin().createUser(userId);
        return userId;
    }

    private static Map<String, Object> serverApiSend(String sender, String target) {
        Map<String, Object> body = new HashMap<>();
        body.put("sender", sender);
        body.put("conv", new HashMap<>(Map.of("type", 0, "target", target, "line", 0)));
        body.put("payload", new HashMap<>(Map.of("type", 1, "searchableContent", "hi", "persistFlag", 3)));
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> conv(Map<String, Object> body) {
        return (Map<String, Object>) body.get("conv");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> body) {
        return (Map<String, Object>) body.get("payload");
    }

    private static JsonNode getOne(long uid) {
        JsonNode one = node.admin().call("/admin/message/get_one", Map.of("messageUid", uid));
        assertThat(one.path("code").asInt(-1)).as("%s", one).isZero();
        return one.path("result");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return Collections.unmodifiableList(out);
    }
}
