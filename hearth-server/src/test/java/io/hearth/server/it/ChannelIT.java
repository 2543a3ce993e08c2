package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.protocol.Methods;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.SendMessageRequest;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Channels through the server API (H2 and PostgreSQL): create with the reference's fields, subscribe and
 * unsubscribe, the owner's message reaching the subscribers (and the named ones only with {@code toUsers}), a
 * subscriber's message reaching the owner alone, a non-subscriber refused with 21, destroy; bad input.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class ChannelIT {

    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    private GroupCalls api;
    private String owner;
    private List<String> readers;

    ChannelIT(NodeDatabase database) {
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

    @BeforeEach
    void users() {
        api = new GroupCalls(node);
        owner = Fixtures.id("owner");
        node.admin().createUser(owner);
        readers = List.of(Fixtures.id("r1"), Fixtures.id("r2"), Fixtures.id("r3"));
        readers.forEach(u -> node.admin().createUser(u));
    }

    @Test
    void aChannelFromCreationToItsSubscribersAndBack() {
        JsonNode created = api.result("/admin/channel/create", body("owner", owner, "name", "news",
                "desc", "daily", "portrait", "http://p", "extra", "{}", "auto", 1, "state", 0,
                "menus", List.of(body("menuId", "m1", "type", "click", "name", "Today", "key", "today"))));
        String cid = created.get("targetId").asText();
        assertThat(created.get("secret").asText()).isNotEmpty();
        JsonNode info = api.result("/admin/channel/get", body("channelId", cid));
        assertThat(info.get("name").asText()).isEqualTo("news");
        assertThat(info.get("owner").asText()).isEqualTo(owner);
        assertThat(info.get("automatic").asInt()).isEqualTo(1);
        assertThat(info.get("menus").get(0).get("key").asText()).isEqualTo("today");
        assertThat(api.result("/admin/channel/get_info", body("channelId", cid)).get("name").asText())
                .as("the documentation's path").isEqualTo("news");

        api.ok("/admin/channel/subscribe", body("channelId", cid, "userId", readers.get(0), "subscribe", 1));
        api.ok("/admin/channel/subscribe", body("channelId", cid, "userId", readers.get(1), "state", 1));
        assertThat(api.result("/admin/channel/is_subscribed", body("channelId", cid, "userId", readers.get(0)))
                .get("value").asBoolean()).isTrue();
        assertThat(api.result("/admin/channel/is_subscribed", body("channelId", cid, "userId", readers.get(2)))
                .get("value").asBoolean()).isFalse();

        Mqtt5Peer ownerPhone = closer.keep(Devices.phone(node, owner));
        Mqtt5Peer r0 = closer.keep(Devices.phone(node, readers.get(0)));
        Mqtt5Peer r2 = closer.keep(Devices.phone(node, readers.get(2)));
        long post = Devices.ok(ownerPhone.call(Methods.MESSAGE_SEND, text(cid, "today's news"))).getSend()
                .getMessageUid();
        Message got = MessageChangesIT.awaitPushed(r0, post, 0);
        assertThat(got.getConversation().getType()).isEqualTo(3);
        assertThat(got.getConversation().getTarget()).isEqualTo(cid);
        assertThat(timelineOf(readers.get(1))).anyMatch(m -> m.getMessageUid() == post);
        assertThat(Devices.timeline(r2)).noneMatch(m -> m.getMessageUid() == post);

        long question = Devices.ok(r0.call(Methods.MESSAGE_SEND, text(cid, "a question"))).getSend()
                .getMessageUid();
        assertThat(MessageChangesIT.awaitPushed(ownerPhone, question, 0).getSender()).isEqualTo(readers.get(0));
        assertThat(timelineOf(readers.get(1))).as("subscribers do not see each other's messages")
                .noneMatch(m -> m.getMessageUid() == question);
        assertThat(r2.call(Methods.MESSAGE_SEND, text(cid, "let me in")).getCode()).as("not a subscriber")
                .isEqualTo(21);

        long onlyOne = api.result("/admin/message/send", body("sender", owner, "conv", body("type", 3,
                "target", cid), "payload", body("type", 1, "searchableContent", "for r1"), "toUsers",
                List.of(readers.get(1)))).get("messageUid").asLong();
        assertThat(timelineOf(readers.get(1))).anyMatch(m -> m.getMessageUid() == onlyOne);
        assertThat(Devices.timeline(r0)).noneMatch(m -> m.getMessageUid() == onlyOne);
        assertThat(api.call("/admin/message/send", body("sender", owner, "conv", body("type", 3, "target", cid),
                "payload", body("type", 1), "toUsers", List.of(readers.get(2)))).get("code").asInt())
                .as("not a subscriber, no state 0x08").isEqualTo(248);

        api.ok("/admin/channel/subscribe", body("channelId", cid, "userId", readers.get(0), "subscribe", 0));
        long after = Devices.ok(ownerPhone.call(Methods.MESSAGE_SEND, text(cid, "after you left"))).getSend()
                .getMessageUid();
        assertThat(timelineOf(readers.get(1))).anyMatch(m -> m.getMessageUid() == after);
        assertThat(Devices.timeline(r0)).noneMatch(m -> m.getMessageUid() == after);

        api.ok("/admin/channel/destroy", body("channelId", cid));
        assertThat(api.call("/admin/channel/get", body("channelId", cid)).get("code").asInt()).isEqualTo(253);
        assertThat(ownerPhone.call(Methods.MESSAGE_SEND, text(cid, "gone")).getCode()).isEqualTo(253);
    }

    @Test
    void theChannelApiSendsAsTheChannelUnderItsStateAndItsSignature() throws Exception {
        JsonNode created = api.result("/admin/channel/create", body("owner", owner, "name", "api", "state", 0x04));
        String cid = created.get("targetId").asText();
        String secret = created.get("secret").asText();
        api.ok("/admin/channel/subscribe", body("channelId", cid, "userId", readers.get(0), "subscribe", 1));

        assertThat(channelApi(cid, secret, "/channel/subscribe", body("target", readers.get(1), "subscribe", 1))
                .get("code").asInt()).isZero();
        JsonNode list = channelApi(cid, secret, "/channel/subscriber_list", body()).get("result").get("list");
        assertThat(list.toString()).contains(readers.get(0), readers.get(1));
        assertThat(channelApi(cid, secret, "/channel/is_subscriber", body("userId", readers.get(2))).get("result")
                .asBoolean()).isFalse();

        JsonNode sent = channelApi(cid, secret, "/channel/message/send", body("line", 0,
                "payload", body("type", 1, "searchableContent", "from the api")));
        long uid = sent.get("result").get("messageUid").asLong();
        Message m = timelineOf(readers.get(1)).stream().filter(x -> x.getMessageUid() == uid).findFirst()
                .orElseThrow();
        assertThat(m.getSender()).isEqualTo(owner);
        assertThat(channelApi(cid, secret, "/channel/message/send", body("targets", List.of(readers.get(2)),
                "payload", body("type", 1))).get("code").asInt()).as("a non-subscriber, no 0x08").isEqualTo(248);

        JsonNode info = channelApi(cid, secret, "/channel/user_info", body("userId", readers.get(0))).get("result");
        assertThat(info.get("userId").asText()).isEqualTo(readers.get(0));
        assertThat(info.has("mobile")).as("no 0x01: trimmed").isFalse();
        assertThat(channelApi(cid, secret, "/channel/user_info", body("userId", readers.get(2))).get("code").asInt())
                .as("a non-subscriber, no 0x02").isEqualTo(248);

        assertThat(channelApi(cid, secret, "/channel/update_profile", body("type", 0, "value", "renamed"))
                .get("code").asInt()).isZero();
        assertThat(channelApi(cid, secret, "/channel/get_profile", body()).get("result").get("name").asText())
                .isEqualTo("renamed");

        assertThat(channelApi(cid, "wrong", "/channel/get_profile", body()).get("code").asInt()).as("bad sign")
                .isEqualTo(244);
        assertThat(channelApi("no-" + cid, secret, "/channel/get_profile", body()).get("code").asInt())
                .as("unknown channel").isEqualTo(236);
        assertThat(channelApi(cid, secret, "/channel/update_profile", body("type", 4, "value", "")).get("code")
                .asInt()).isZero();
        assertThat(channelApi(cid, "", "/channel/get_profile", body()).get("code").asInt())
                .as("a channel without secret").isEqualTo(237);
    }

    private JsonNode channelApi(String cid, String secret, String path, Object body) throws Exception {
        String nonce = java.util.UUID.randomUUID().toString();
        String ts = Long.toString(System.currentTimeMillis());
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + node.httpPort()
                        + path)).header("Content-Type", "application/json")
                .header("cid", cid).header("nonce", nonce).header("timestamp", ts)
                .header("sign", io.hearth.protocol.ApiSignature.sign(nonce, secret, ts))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body))).build();
        String out = java.net.http.HttpClient.newHttpClient().send(req,
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
    }

    @Test
    void badInputGetsPreciseCodes() {
        assertThat(code("/admin/channel/create", body("name", "x"))).as("no owner").isEqualTo(251);
        assertThat(code("/admin/channel/create", body("owner", "nobody-" + owner, "name", "x"))).isEqualTo(253);
        String cid = api.result("/admin/channel/create", body("owner", owner, "name", "dup", "targetId",
                Fixtures.id("ch"))).get("targetId").asText();
        assertThat(code("/admin/channel/create", body("owner", owner, "name", "dup", "targetId", cid)))
                .as("the id exists").isEqualTo(11);
        assertThat(code("/admin/channel/destroy", body("channelId", "no-" + cid))).isEqualTo(253);
        assertThat(code("/admin/channel/subscribe", body("channelId", cid, "userId", readers.get(0))))
                .as("no subscribe").isEqualTo(251);
        assertThat(code("/admin/channel/subscribe", body("channelId", cid, "userId", "nobody-" + owner,
                "subscribe", 1))).isEqualTo(253);
        assertThat(code("/admin/channel/is_subscribed", body("channelId", "no-" + cid, "userId", owner)))
                .isEqualTo(253);
        String global = api.result("/admin/channel/create", body("owner", owner, "name", "all", "state", 0x80))
                .get("targetId").asText();
        assertThat(code("/admin/message/send", body("sender", owner, "conv", body("type", 3, "target", global),
                "payload", body("type", 1)))).as("global channels not yet").isEqualTo(254);
    }

    private int code(String path, Object body) {
        return api.call(path, body).get("code").asInt();
    }

    private static SendMessageRequest text(String cid, String text) {
        return SendMessageRequest.newBuilder().setConversation(Conversation.newBuilder().setType(3).setTarget(cid))
                .setContent(MessageContent.newBuilder().setType(1).setSearchableContent(text).setPersistFlag(3))
                .build();
    }

    private static List<Message> timelineOf(String user) {
        try (Mqtt5Peer pc = Devices.pc(node, user)) {
            return Devices.timeline(pc);
        }
    }
}
