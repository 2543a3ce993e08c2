package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.hearth.protocol.Methods;
import io.hearth.protocol.Topics;
import io.hearth.protocol.pb.DeleteMessageRequest;
import io.hearth.protocol.pb.Message;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.MessagePush;
import io.hearth.protocol.pb.RecallMessageRequest;
import io.hearth.protocol.pb.Reply;
import io.hearth.protocol.pb.UpdateMessageRequest;
import io.hearth.server.testing.Closer;
import io.hearth.server.testing.ManualClock;
import io.hearth.server.testing.NodeDatabase;
import io.hearth.server.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recall, edit and delete on one node (H2 and PostgreSQL), with two users on two devices each (phone over TCP, PC
 * over WebSocket) and a group: the change reaches every device online by push and, for a device that was offline,
 * its next pull; the permission rules (time limit 24, others' messages 248, group owner and managers); the server
 * API paths with the reference's fields and answers; bad input. The node runs on a clock the test moves, so "after
 * the time limit" needs no waiting.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class MessageChangesIT {

    private static final long LIMIT_SECONDS = 120;
    private static final int IMAGE = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());
    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    private GroupCalls api;
    private String alice;
    private String bob;
    private String carol;
    private Mqtt5Peer alicePhone;
    private Mqtt5Peer alicePc;
    private Mqtt5Peer bobPhone;

    MessageChangesIT(NodeDatabase database) {
        // the node of this database was started before the first test of the invocation
    }

    @BeforeParameterizedClassInvocation
    static void start(NodeDatabase database) {
        Map<String, Object> settings = new HashMap<>(database.settings());
        settings.put("message.recall_time_limit", LIMIT_SECONDS);
        settings.put("message.allow_client_update_types", "1");
        settings.put("message.roaming", 1);
        settings.put("http.admin.no_check_time", true);
        node = TestNode.start(settings, CLOCK);
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
        alice = Fixtures.id("alice");
        bob = Fixtures.id("bob");
        carol = Fixtures.id("carol");
        for (String u : List.of(alice, bob, carol)) {
            node.admin().createUser(u);
        }
        alicePhone = closer.keep(Devices.phone(node, alice));
        alicePc = closer.keep(Devices.pc(node, alice));
        bobPhone = closer.keep(Devices.phone(node, bob));
    }

    @Test
    void aRecallReachesEveryDeviceOnlineByPushAndAnOfflineDeviceByItsNextPull() {
        long uid = send(alicePhone, Fixtures.text(bob, "oops"));
        awaitPushed(bobPhone, uid, 0);

        Reply r = Devices.ok(alicePhone.call(Methods.MESSAGE_RECALL, recall(uid)));
        assertThat(r.getMessageChanged().getMessageUid()).isEqualTo(uid);

        for (Mqtt5Peer device : List.of(bobPhone, alicePhone, alicePc)) {
            Message pushed = awaitPushed(device, uid, 1);
            assertRecalled(pushed, uid, alice);
        }
        // bob's PC was offline: a new device of bob's pulls its timeline and finds the message recalled at every
        // entry that carries it (the original's and the recall's)
        try (Mqtt5Peer bobPc = Devices.pc(node, bob)) {
            List<Message> seen = Devices.timeline(bobPc).stream().filter(m -> m.getMessageUid() == uid).toList();
            assertThat(seen).hasSize(2);
            seen.forEach(m -> assertRecalled(m, uid, alice));
            assertThat(seen.get(0).getSeq()).isLessThan(seen.get(1).getSeq());
        }
        JsonNode one = api.result("/admin/message/get_one", body("messageUid", uid));
        assertThat(one.get("payload").get("type").asInt()).isEqualTo(80);
        assertThat(Devices.ok(alicePhone.call(Methods.MESSAGE_RECALL, recall(uid))).getCode())
                .as("recalling a recalled message answers it again").isZero();
    }

    @Test
    void aClientRecallAfterTheLimitIsRefusedWith24AndTheServerApiHasNoLimit() throws Exception {
        long uid = send(alicePhone, Fixtures.text(bob, "too late"));
        CLOCK.now += (LIMIT_SECONDS + 1) * 1000;

        assertThat(alicePhone.call(Methods.MESSAGE_RECALL, recall(uid)).getCode()).isEqualTo(24);
        assertThat(api.result("/admin/message/get_one", body("messageUid", uid)).get("payload").get("type").asInt())
                .as("nothing changed").isEqualTo(1);

        JsonNode result = api.result("/admin/message/recall", body("operator", "admin", "messageUid", uid));
        JsonNode original = JSON.readTree(result.asText());
        assertThat(original.get("s").asText()).isEqualTo(alice);
        assertThat(original.get("t").asInt()).isEqualTo(1);
        assertThat(original.get("sc").asText()).isEqualTo("too late");
        Message pushed = awaitPushed(bobPhone, uid, 1);
        assertRecalled(pushed, uid, "admin");
        assertThat(pushed.getContent().getExtra()).isEqualTo(result.asText());
    }

    @Test
    void onlyItsSenderRecallsASingleChatMessage() {
        long uid = send(alicePhone, Fixtures.text(bob, "mine"));
        assertThat(bobPhone.call(Methods.MESSAGE_RECALL, recall(uid)).getCode()).isEqualTo(248);
        assertThat(alicePhone.call(Methods.MESSAGE_RECALL, recall(uid + 7_777_777)).getCode()).isEqualTo(253);
        assertThat(alicePhone.call(Methods.MESSAGE_RECALL, recall(0)).getCode()).isEqualTo(251);
        assertThat(api.result("/admin/message/get_one", body("messageUid", uid)).get("payload").get("type").asInt())
                .isEqualTo(1);
    }

    @Test
    void groupOwnersAndManagersRecallMembersMessagesUnderTheReferenceRules() {
        String gid = api.create(alice, "", "recallers", bob, carol);
        api.ok("/admin/group/manager/set", body("operator", alice, "group_id", gid, "members", List.of(bob),
                "is_manager", true));
        Mqtt5Peer carolPhone = closer.keep(Devices.phone(node, carol));
        long carols = send(carolPhone, GroupCalls.text(gid, "carol's"));
        long alices = send(alicePhone, GroupCalls.text(gid, "alice's"));
        long bobs = send(bobPhone, GroupCalls.text(gid, "bob's"));

        assertThat(carolPhone.call(Methods.MESSAGE_RECALL, recall(alices)).getCode()).as("a member").isEqualTo(248);
        assertThat(bobPhone.call(Methods.MESSAGE_RECALL, recall(alices)).getCode()).as("the owner's")
                .isEqualTo(248);
        Devices.ok(bobPhone.call(Methods.MESSAGE_RECALL, recall(carols)));
        for (Mqtt5Peer device : List.of(carolPhone, alicePhone, alicePc)) {
            assertRecalled(awaitPushed(device, carols, 1), carols, bob);
        }

        CLOCK.now += (LIMIT_SECONDS + 1) * 1000;
        assertThat(bobPhone.call(Methods.MESSAGE_RECALL, recall(bobs)).getCode())
                .as("group.allow_manager_recall_self_msg is false").isEqualTo(24);
        Devices.ok(alicePhone.call(Methods.MESSAGE_RECALL, recall(alices)));
        assertRecalled(awaitPushed(carolPhone, alices, 1), alices, alice);
        assertThat(GroupCalls.groupMessages(Devices.timeline(carolPhone), gid))
                .contains("80 ", "1 bob's").doesNotContain("1 alice's", "1 carol's");
    }

    @Test
    void anEditReachesTheReceiversWhenDistributedAndOnlyTheStoreWhenNot() {
        long uid = send(alicePhone, Fixtures.text(bob, "helo"));
        awaitPushed(bobPhone, uid, 0);
        long head = Devices.timeline(bobPhone).size();

        api.ok("/admin/message/update", body("operator", alice, "messageUid", uid, "distribute", 0,
                "payload", body("type", 1, "searchableContent", "hello")));
        assertThat(Devices.timeline(bobPhone)).as("no entry").hasSize((int) head)
                .filteredOn(m -> m.getMessageUid() == uid).allSatisfy(m -> {
                    assertThat(m.getContent().getSearchableContent()).isEqualTo("hello");
                    assertThat(m.getState()).isEqualTo(2);
                });

        api.ok("/admin/message/update", body("operator", alice, "messageUid", uid, "distribute", 1,
                "updateTimestamp", 1_700_000_000_000L, "payload", body("type", 1, "searchableContent", "hello!")));
        Message pushed = awaitPushed(bobPhone, uid, 2);
        assertThat(pushed.getContent().getSearchableContent()).isEqualTo("hello!");
        assertThat(pushed.getUpdateTime()).isEqualTo(1_700_000_000_000L);

        // a client edits its own text (message.allow_client_update_types 1), every device of both users sees it
        Devices.ok(alicePhone.call(Methods.MESSAGE_UPDATE, update(uid, text("hello, bob"))));
        for (Mqtt5Peer device : List.of(bobPhone, alicePc, alicePhone)) {
            assertThat(awaitPushedText(device, uid, "hello, bob").getState()).isEqualTo(2);
        }
        assertThat(bobPhone.call(Methods.MESSAGE_UPDATE, update(uid, text("bob's words"))).getCode())
                .as("not the sender").isEqualTo(248);
        assertThat(alicePhone.call(Methods.MESSAGE_UPDATE, update(uid, MessageContent.newBuilder().setType(IMAGE)
                .build())).getCode()).as("a type not in message.allow_client_update_types").isEqualTo(248);
        assertThat(alicePhone.call(Methods.MESSAGE_UPDATE, update(uid, MessageContent.newBuilder().setType(1)
                .setContent("x".repeat(70_000)).build())).getCode()).as("over message.max_content_size")
                .isEqualTo(10);
        assertThat(alicePhone.call(Methods.MESSAGE_UPDATE, update(uid, MessageContent.newBuilder().setType(1)
                .setPersistFlag(7).build())).getCode()).as("content.persist_flag").isEqualTo(251);
        Devices.ok(alicePhone.call(Methods.MESSAGE_RECALL, recall(uid)));
        assertThat(alicePhone.call(Methods.MESSAGE_UPDATE, update(uid, text("after recall"))).getCode())
                .isEqualTo(253);
    }

    @Test
    void aDeletionEverywhereLeavesTombstonesAndADeletedCopyIsGoneForItsOwnerOnly() {
        long everywhere = send(alicePhone, Fixtures.text(bob, "delete me"));
        long mine = send(alicePhone, Fixtures.text(bob, "bob deletes his copy"));
        awaitPushed(bobPhone, mine, 0);

        api.ok("/admin/message/delete", body("messageUid", everywhere));
        Message tomb = awaitPushed(bobPhone, everywhere, 3);
        assertThat(tomb.getContent().getType()).isEqualTo(81);
        assertThat(tomb.getContent().getData().toString(StandardCharsets.US_ASCII)).isEqualTo(Long.toString(everywhere));
        assertThat(awaitPushed(alicePc, everywhere, 3).getContent().getSearchableContent()).isEmpty();
        assertThat(api.call("/admin/message/get_one", body("messageUid", everywhere)).get("code").asInt())
                .isEqualTo(253);
        assertThat(alicePhone.call(Methods.MESSAGE_RECALL, recall(everywhere)).getCode()).isEqualTo(253);
        api.ok("/admin/message/delete", body("messageUid", everywhere));

        try (Mqtt5Peer bobPc = Devices.pc(node, bob)) {
            Reply r = Devices.ok(bobPc.call(Methods.MESSAGE_DELETE, delete(mine)));
            long tombstone = r.getMessageChanged().getMessageUid();
            for (Mqtt5Peer device : List.of(bobPhone, bobPc)) {
                Message t = awaitPushed(device, tombstone, 0);
                assertThat(t.getContent().getType()).isEqualTo(81);
                assertThat(t.getContent().getData().toString(StandardCharsets.US_ASCII)).isEqualTo(Long.toString(mine));
                assertThat(t.getConversation().getTarget()).as("as bob sees the chat").isEqualTo(alice);
            }
            assertThat(bobPc.call(Methods.MESSAGE_DELETE, delete(mine)).getCode()).isEqualTo(253);
        }
        try (Mqtt5Peer bobTablet = Devices.pc(node, bob)) {
            List<Message> seen = Devices.timeline(bobTablet);
            assertThat(seen).noneMatch(m -> m.getMessageUid() == mine);
            assertThat(seen.stream().map(Message::getSeq).toList()).as("gap-free").isEqualTo(
                    java.util.stream.LongStream.rangeClosed(1, seen.size()).boxed().toList());
        }
        assertThat(Devices.timeline(alicePc)).as("alice keeps hers")
                .anyMatch(m -> m.getMessageUid() == mine && m.getContent().getSearchableContent()
                        .equals("bob deletes his copy"));
        assertThat(bobPhone.call(Methods.MESSAGE_DELETE, delete(0)).getCode()).isEqualTo(251);
        try (Mqtt5Peer carolPhone = Devices.phone(node, carol)) {
            assertThat(carolPhone.call(Methods.MESSAGE_DELETE, delete(mine)).getCode()).as("not carol's")
                    .isEqualTo(253);
        }
    }

    @Test
    void clearingAConversationForOneUserTakesItsRangeOnlyAndDeletingItTakesAll() {
        String gid = api.create(alice, "", "cleared", bob);
        long first = send(alicePhone, Fixtures.text(bob, "first"));
        CLOCK.now += 1000;
        long from = CLOCK.now;
        long second = send(bobPhone, Fixtures.text(alice, "second"));
        long third = send(alicePhone, Fixtures.text(bob, "third"));
        long inGroup = send(alicePhone, GroupCalls.text(gid, "group words"));
        CLOCK.now += 1000;
        long after = send(alicePhone, Fixtures.text(bob, "after"));

        // the JavaScript SDK's shape: fromTime / toTime
        api.ok("/admin/message/clear_by_user", body("userId", bob, "conversation",
                body("type", 0, "target", alice, "line", 0), "fromTime", from, "toTime", from + 999));
        Message tomb = awaitPushedMatching(bobPhone, m -> m.getContent().getType() == 81
                && m.getContent().getExtra().contains("\"startTime\":" + from));
        assertThat(tomb.getConversation().getTarget()).isEqualTo(alice);
        try (Mqtt5Peer bobPc = Devices.pc(node, bob)) {
            List<Long> uids = Devices.timeline(bobPc).stream().map(Message::getMessageUid).toList();
            assertThat(uids).contains(first, after, inGroup).doesNotContain(second, third);
        }
        assertThat(Devices.timeline(alicePc).stream().map(Message::getMessageUid).toList())
                .as("alice keeps hers").contains(first, second, third, after);

        // the Java SDK's shape: startTime / endTime; then the whole group conversation
        api.ok("/admin/message/clear_by_user", body("userId", bob, "conversation",
                body("type", 0, "target", alice), "startTime", 0, "endTime", 0));
        api.ok("/admin/conversation/delete", body("userId", bob, "conversation", body("type", 1, "target", gid)));
        try (Mqtt5Peer bobPc = Devices.pc(node, bob)) {
            List<Long> uids = Devices.timeline(bobPc).stream().map(Message::getMessageUid).toList();
            assertThat(uids).doesNotContain(first, second, third, after, inGroup);
        }
        assertThat(Devices.timeline(alicePc).stream().map(Message::getMessageUid).toList()).contains(inGroup);

        assertThat(api.call("/admin/message/clear_by_user", body("userId", "nobody-" + bob, "conversation",
                body("type", 0, "target", alice))).get("code").asInt()).isEqualTo(253);
        assertThat(api.call("/admin/message/clear_by_user", body("userId", bob)).get("code").asInt())
                .isEqualTo(251);
        assertThat(api.call("/admin/message/clear_by_user", body("userId", bob, "conversation",
                body("type", 0, "target", alice), "startTime", 5, "endTime", 4)).get("code").asInt())
                .isEqualTo(251);
        assertThat(api.call("/admin/conversation/delete", body("userId", bob, "conversation",
                body("type", 9, "target", alice))).get("code").asInt()).isEqualTo(254);
    }

    @Test
    void aSuperGroupMessageIsRecalledInTheSharedTimeline() {
        String gid = api.create(alice, "", "big", bob, carol);
        api.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 9, "value", "1"));
        long uid = send(bobPhone, GroupCalls.text(gid, "shared words"));
        Devices.ok(bobPhone.call(Methods.MESSAGE_RECALL, recall(uid)));
        try (Mqtt5Peer carolPhone = Devices.phone(node, carol)) {
            List<Message> read = SuperGroupIT.sharedAll(carolPhone, gid).stream()
                    .filter(m -> m.getMessageUid() == uid).toList();
            assertThat(read).hasSize(2).allSatisfy(m -> assertRecalled(m, uid, bob));
        }
        assertThat(bobPhone.call(Methods.MESSAGE_DELETE, delete(uid)).getCode()).as("per-user delete").isEqualTo(254);
    }

    @Test
    void badInputGetsPreciseCodes() throws Exception {
        long uid = send(alicePhone, Fixtures.text(bob, "stay"));
        assertThat(api.call("/admin/message/recall", body("messageUid", uid)).get("code").asInt()).isEqualTo(251);
        assertThat(api.call("/admin/message/recall", body("operator", alice, "messageUid", "abc")).get("code")
                .asInt()).isEqualTo(251);
        assertThat(api.call("/admin/message/recall", body("operator", alice, "messageUid", 12345)).get("code")
                .asInt()).isEqualTo(253);
        assertThat(api.call("/admin/message/update", body("operator", alice, "messageUid", uid)).get("code")
                .asInt()).as("no payload").isEqualTo(251);
        assertThat(api.call("/admin/message/update", body("operator", alice, "messageUid", uid, "distribute", 2,
                "payload", body("type", 1))).get("code").asInt()).isEqualTo(251);
        assertThat(api.call("/admin/message/delete", body()).get("code").asInt()).isEqualTo(251);
        assertThat(api.call("/admin/message/delete", body("messageUid", 0)).get("code").asInt()).isEqualTo(251);
        var garbage = alicePhone.callRaw(Topics.request(Methods.MESSAGE_RECALL), new byte[] {(byte) 0xff, 1, 2},
                null);
        assertThat(Reply.parseFrom(garbage.reply().getPayloadAsBytes()).getCode()).as("not a RecallMessageRequest")
                .isEqualTo(2);
        assertThat(api.result("/admin/message/get_one", body("messageUid", uid)).get("payload")
                .get("searchableContent").asText()).as("nothing lost").isEqualTo("stay");
    }

    // ---- helpers

    private static long send(Mqtt5Peer from, io.hearth.protocol.pb.SendMessageRequest req) {
        return Devices.ok(from.call(Methods.MESSAGE_SEND, req)).getSend().getMessageUid();
    }

    private static RecallMessageRequest recall(long uid) {
        return RecallMessageRequest.newBuilder().setMessageUid(uid).build();
    }

    private static UpdateMessageRequest update(long uid, MessageContent content) {
        return UpdateMessageRequest.newBuilder().setMessageUid(uid).setContent(content).build();
    }

    private static DeleteMessageRequest delete(long uid) {
        return DeleteMessageRequest.newBuilder().setMessageUid(uid).build();
    }

    private static MessageContent text(String s) {
        return MessageContent.newBuilder().setType(1).setSearchableContent(s).setPersistFlag(3).build();
    }

    static void assertRecalled(Message m, long uid, String operator) {
        assertThat(m.getState()).isEqualTo(1);
        assertThat(m.getContent().getType()).isEqualTo(80);
        assertThat(m.getContent().getContent()).isEqualTo(operator);
        assertThat(m.getContent().getData().toString(StandardCharsets.US_ASCII)).isEqualTo(Long.toString(uid));
        assertThat(m.getContent().getPushData()).isEqualTo("{\"messageUid\":" + uid + "}");
        assertThat(m.getUpdateTime()).isPositive();
    }

    /** Waits for a push to this device carrying message {@code uid} in {@code state}. */
    static Message awaitPushed(Mqtt5Peer device, long uid, int state) {
        return awaitPushedMatching(device, m -> m.getMessageUid() == uid && m.getState() == state);
    }

    private static Message awaitPushedText(Mqtt5Peer device, long uid, String text) {
        return awaitPushedMatching(device, m -> m.getMessageUid() == uid
                && m.getContent().getSearchableContent().equals(text));
    }

    private static Message awaitPushedMatching(Mqtt5Peer device, java.util.function.Predicate<Message> match) {
        Message[] found = new Message[1];
        device.awaitPublish((Mqtt5Publish p) -> {
            if (!p.getTopic().toString().endsWith("/push/message") || p.getTopic().toString().contains("/json/")) {
                return false;
            }
            try {
                for (Message m : MessagePush.parseFrom(p.getPayloadAsBytes()).getMessagesList()) {
                    if (match.test(m)) {
                        found[0] = m;
                        return true;
                    }
                }
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
            return false;
        });
        return found[0];
    }
}
