package io.hearth.server.it;

import static io.hearth.server.it.GroupCalls.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.protocol.Methods;
import io.hearth.protocol.NoticeKinds;
import io.hearth.protocol.pb.Conversation;
import io.hearth.protocol.pb.ConversationEntry;
import io.hearth.protocol.pb.ConversationListRequest;
import io.hearth.protocol.pb.ConversationListResult;
import io.hearth.protocol.pb.DeliveredRequest;
import io.hearth.protocol.pb.MessageContent;
import io.hearth.protocol.pb.Notice;
import io.hearth.protocol.pb.PutSettingRequest;
import io.hearth.protocol.pb.ReadRequest;
import io.hearth.protocol.pb.Receipt;
import io.hearth.protocol.pb.ReceiptsRequest;
import io.hearth.protocol.pb.Reply;
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
 * Delivery and read receipts and the server's conversation list (H2 and PostgreSQL), with two users on two devices
 * each: A sends, B's phone receives and reports it (A is told, and sees B's delivered time), B's PC reads (A is
 * told and sees B's read time; B's phone is told, and its conversation list shows 0 unread); a group's members'
 * receipts; unread counts of flag 3 only, mentions apart, recalls no longer counted; a setting that disables
 * receipts; the server API's read and delivery times; bad input.
 */
@ParameterizedClass
@EnumSource(NodeDatabase.class)
class ReceiptsIT {

    private static TestNode node;

    @RegisterExtension
    final Closer closer = new Closer();

    private GroupCalls api;
    private String alice;
    private String bob;
    private Mqtt5Peer alicePhone;
    private Mqtt5Peer alicePc;
    private Mqtt5Peer bobPhone;
    private Mqtt5Peer bobPc;

    ReceiptsIT(NodeDatabase database) {
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
        alice = Fixtures.id("alice");
        bob = Fixtures.id("bob");
        for (String u : List.of(alice, bob)) {
            node.admin().createUser(u);
        }
        alicePhone = closer.keep(Devices.phone(node, alice));
        alicePc = closer.keep(Devices.pc(node, alice));
        bobPhone = closer.keep(Devices.phone(node, bob));
        bobPc = closer.keep(Devices.pc(node, bob));
    }

    @Test
    void aDeliveryAndAReadReachTheSenderAndTheReadersOtherDevice() {
        long first = send(alicePhone, Fixtures.text(bob, "one"));
        long second = send(alicePhone, Fixtures.text(bob, "two"));
        MessageChangesIT.awaitPushed(bobPhone, second, 0);
        assertThat(unread(bobPhone, alice)).isEqualTo(2);

        long bobHead = head(bobPhone);
        long delivered = Devices.ok(bobPhone.call(Methods.MESSAGE_DELIVERED, DeliveredRequest.newBuilder()
                .setSeq(bobHead).build())).getReceiptAck().getTime();
        assertThat(delivered).isPositive();
        Notice n = Devices.awaitNotice(alicePhone, NoticeKinds.RECEIPT, delivered);
        assertThat(n.getTarget()).isEqualTo("0-0-" + bob);
        Receipt r = receipts(alicePc, Conversation.newBuilder().setType(0).setTarget(bob).build()).get(0);
        assertThat(r.getUserId()).isEqualTo(bob);
        assertThat(r.getDeliveredTime()).isEqualTo(delivered);
        assertThat(r.getReadTime()).isZero();

        long read = Devices.ok(bobPc.call(Methods.MESSAGE_READ, ReadRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(alice)).build()))
                .getReceiptAck().getTime();
        Notice own = Devices.awaitNotice(bobPhone, NoticeKinds.CONVERSATION_READ, read);
        assertThat(own.getTarget()).isEqualTo("0-0-" + alice);
        assertThat(unread(bobPhone, alice)).as("read on the PC, 0 on the phone").isZero();
        Devices.awaitNotice(alicePhone, NoticeKinds.RECEIPT, read);
        assertThat(receipts(alicePhone, Conversation.newBuilder().setType(0).setTarget(bob).build()).get(0)
                .getReadTime()).isEqualTo(read);

        assertThat(api.result("/admin/message/delivery", body("userId", bob)).get("timestamp").asLong())
                .isEqualTo(delivered);
        assertThat(api.result("/admin/message/conv_read", body("userId", bob, "conversationType", 0,
                "target", alice, "line", 0)).get("timestamp").asLong()).isEqualTo(read);
        assertThat(api.result("/admin/message/conv_read", body("userId", bob, "type", 0, "target", alice))
                .get("timestamp").asLong()).as("the documentation's field name").isEqualTo(read);

        // a mark never moves back
        assertThat(Devices.ok(bobPhone.call(Methods.MESSAGE_DELIVERED, DeliveredRequest.newBuilder().setSeq(1)
                .build())).getReceiptAck().getTime()).isEqualTo(delivered);
        assertThat(first).isPositive();
    }

    @Test
    void unreadCountsCountFlagThreeOnlyMentionsApartAndRecallsNoLonger() {
        String carol = Fixtures.id("carol");
        node.admin().createUser(carol);
        String gid = api.create(alice, "", "counters", bob, carol);
        send(alicePhone, GroupCalls.text(gid, "hello"));
        send(alicePhone, SendMessageRequest.newBuilder().setConversation(Conversation.newBuilder().setType(1)
                .setTarget(gid)).setContent(MessageContent.newBuilder().setType(1).setSearchableContent("@bob")
                .setPersistFlag(3).setMentionedType(1).addMentionedTarget(bob)).build());
        send(alicePhone, SendMessageRequest.newBuilder().setConversation(Conversation.newBuilder().setType(1)
                .setTarget(gid)).setContent(MessageContent.newBuilder().setType(1).setSearchableContent("@all")
                .setPersistFlag(3).setMentionedType(2)).build());
        send(alicePhone, SendMessageRequest.newBuilder().setConversation(Conversation.newBuilder().setType(1)
                .setTarget(gid)).setContent(MessageContent.newBuilder().setType(1).setSearchableContent("quiet")
                .setPersistFlag(1)).build());
        long recalled = send(alicePhone, GroupCalls.text(gid, "taken back"));
        send(bobPhone, GroupCalls.text(gid, "bob's own"));

        ConversationEntry g = entry(list(bobPhone, 0, 0), 1, gid);
        assertThat(g.getUnread()).isEqualTo(4);
        assertThat(g.getUnreadMention()).isEqualTo(1);
        assertThat(g.getUnreadMentionAll()).isEqualTo(1);
        assertThat(g.getLastMessage().getContent().getSearchableContent()).isEqualTo("bob's own");
        assertThat(entry(list(carolPhone(carol), 0, 0), 1, gid).getUnreadMention()).as("not carol's mention")
                .isZero();

        Devices.ok(alicePhone.call(Methods.MESSAGE_RECALL, io.hearth.protocol.pb.RecallMessageRequest.newBuilder()
                .setMessageUid(recalled).build()));
        assertThat(entry(list(bobPhone, 0, 0), 1, gid).getUnread()).as("a recalled message no longer counts")
                .isEqualTo(3);
        Devices.ok(bobPc.call(Methods.MESSAGE_READ, ReadRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(1).setTarget(gid)).build()));
        ConversationEntry read = entry(list(bobPhone, 0, 0), 1, gid);
        assertThat(read.getUnread()).isZero();
        assertThat(read.getUnreadMention()).isZero();

        List<Receipt> receipts = receipts(alicePhone, Conversation.newBuilder().setType(1).setTarget(gid).build());
        assertThat(receipts).extracting(Receipt::getUserId).containsExactlyInAnyOrder(bob, carol);
        assertThat(receipts).filteredOn(r -> r.getUserId().equals(bob)).first()
                .satisfies(r -> assertThat(r.getReadTime()).isPositive());
        assertThat(receipts).filteredOn(r -> r.getUserId().equals(carol)).first()
                .satisfies(r -> assertThat(r.getReadTime()).isZero());
    }

    @Test
    void aSuperGroupIsInTheListWithItsUnreadCountsFromTheSharedTimeline() {
        String gid = api.create(alice, "", "big", bob);
        api.ok("/admin/group/modify", body("operator", alice, "group_id", gid, "type", 9, "value", "1"));
        send(alicePhone, GroupCalls.text(gid, "shared one"));
        send(alicePhone, SendMessageRequest.newBuilder().setConversation(Conversation.newBuilder().setType(1)
                .setTarget(gid)).setContent(MessageContent.newBuilder().setType(1).setSearchableContent("@bob")
                .setPersistFlag(3).setMentionedType(1).addMentionedTarget(bob)).build());
        send(alicePhone, GroupCalls.text(gid, "shared three"));

        ConversationEntry g = entry(list(bobPc, 0, 0), 1, gid);
        assertThat(g.getUnread()).isEqualTo(3);
        assertThat(g.getUnreadMention()).isEqualTo(1);
        assertThat(g.getLastMessage().getContent().getSearchableContent()).isEqualTo("shared three");
        ConversationListResult all = list(bobPc, 0, 0);
        assertThat(entry(list(bobPc, all.getHead(), all.getReadVersion()), 1, gid).getUnread())
                .as("a super group is in every answer").isEqualTo(3);
        Devices.ok(bobPhone.call(Methods.MESSAGE_READ, ReadRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(1).setTarget(gid)).build()));
        assertThat(entry(list(bobPc, 0, 0), 1, gid).getUnread()).isZero();
        assertThat(entry(list(alicePhone, 0, 0), 1, gid).getUnread()).as("its own messages").isZero();
    }

    @Test
    void aListSinceAVersionHasOnlyWhatChangedAndTheSettingsOfEach() {
        String carol = Fixtures.id("carol");
        node.admin().createUser(carol);
        send(alicePhone, Fixtures.text(bob, "from alice"));
        Mqtt5Peer carolPhone = carolPhone(carol);
        send(carolPhone, Fixtures.text(bob, "from carol"));
        ConversationListResult all = list(bobPhone, 0, 0);
        assertThat(all.getConversationsList()).extracting(e -> e.getConversation().getTarget())
                .as("newest first").containsExactly(carol, alice);

        Devices.ok(bobPhone.call(Methods.SETTING_PUT, PutSettingRequest.newBuilder().setScope(3)
                .setKey("0-0-" + alice).setValue("1").build()));
        Devices.ok(bobPhone.call(Methods.SETTING_PUT, PutSettingRequest.newBuilder().setScope(19)
                .setKey("0-0-" + alice).setValue("half a sentence").build()));
        send(alicePhone, Fixtures.text(bob, "again"));
        ConversationListResult since = list(bobPhone, all.getHead(), all.getReadVersion());
        assertThat(since.getConversationsList()).hasSize(1);
        ConversationEntry a = since.getConversations(0);
        assertThat(a.getConversation().getTarget()).isEqualTo(alice);
        assertThat(a.getUnread()).isEqualTo(2);
        assertThat(a.getTop()).isEqualTo("1");
        assertThat(a.getDraft()).isEqualTo("half a sentence");

        Devices.ok(bobPc.call(Methods.MESSAGE_READ, ReadRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(carol)).build()));
        ConversationListResult afterRead = list(bobPhone, since.getHead(), since.getReadVersion());
        assertThat(afterRead.getConversationsList()).extracting(e -> e.getConversation().getTarget())
                .containsExactly(carol);
        assertThat(afterRead.getConversations(0).getUnread()).isZero();

        api.ok("/admin/conversation/delete", body("userId", bob, "conversation", body("type", 0, "target", carol)));
        ConversationListResult afterDelete = list(bobPhone, afterRead.getHead(), afterRead.getReadVersion());
        assertThat(afterDelete.getConversationsList()).hasSize(1);
        assertThat(afterDelete.getConversations(0).getDeleted()).isTrue();
        assertThat(list(bobPhone, 0, 0).getConversationsList()).extracting(e -> e.getConversation().getTarget())
                .containsExactly(alice);
    }

    @Test
    void aUserWhoDisabledReceiptsTellsNoOneAndBadInputGetsPreciseCodes() {
        Devices.ok(bobPhone.call(Methods.SETTING_PUT, PutSettingRequest.newBuilder().setScope(13).setKey("")
                .setValue("1").build()));
        send(alicePhone, Fixtures.text(bob, "private reader"));
        long read = Devices.ok(bobPc.call(Methods.MESSAGE_READ, ReadRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget(alice)).build()))
                .getReceiptAck().getTime();
        Devices.awaitNotice(bobPhone, NoticeKinds.CONVERSATION_READ, read);
        assertThat(receipts(alicePhone, Conversation.newBuilder().setType(0).setTarget(bob).build())).isEmpty();
        assertThat(Devices.notices(alicePhone)).noneMatch(x -> x.getKind().equals(NoticeKinds.RECEIPT));

        assertThat(bobPhone.call(Methods.MESSAGE_DELIVERED, DeliveredRequest.newBuilder().setSeq(0).build())
                .getCode()).isEqualTo(251);
        assertThat(bobPhone.call(Methods.MESSAGE_READ, ReadRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(2).setTarget("room")).build()).getCode())
                .isEqualTo(251);
        assertThat(bobPhone.call(Methods.MESSAGE_READ, ReadRequest.getDefaultInstance()).getCode()).isEqualTo(251);
        assertThat(bobPhone.call(Methods.MESSAGE_READ, ReadRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(0).setTarget("x".repeat(65))).build()).getCode())
                .as("conversation.target over 64").isEqualTo(251);
        assertThat(bobPhone.call(Methods.MESSAGE_RECEIPTS, ReceiptsRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(1).setTarget("no-such-group")).build())
                .getCode()).isEqualTo(253);
        String dave = Fixtures.id("dave");
        node.admin().createUser(dave);
        String gid = api.create(alice, "", "closed", dave);
        assertThat(bobPhone.call(Methods.MESSAGE_RECEIPTS, ReceiptsRequest.newBuilder()
                .setConversation(Conversation.newBuilder().setType(1).setTarget(gid)).build()).getCode())
                .as("not a member").isEqualTo(9);
        assertThat(api.call("/admin/message/delivery", body()).get("code").asInt()).isEqualTo(251);
        assertThat(api.call("/admin/message/conv_read", body("userId", bob)).get("code").asInt()).isEqualTo(251);
        assertThat(api.result("/admin/message/delivery", body("userId", alice)).get("timestamp").asLong())
                .as("never reported").isZero();
    }

    // ---- helpers

    private Mqtt5Peer carolPhone(String carol) {
        return closer.keep(Devices.phone(node, carol));
    }

    private static long send(Mqtt5Peer from, SendMessageRequest req) {
        return Devices.ok(from.call(Methods.MESSAGE_SEND, req)).getSend().getMessageUid();
    }

    private static long head(Mqtt5Peer p) {
        return Devices.ok(p.call(Methods.SESSION_INFO, io.hearth.protocol.pb.SessionInfoRequest.getDefaultInstance()))
                .getSession().getHead();
    }

    private static ConversationListResult list(Mqtt5Peer p, long sinceSeq, long sinceRead) {
        return Devices.ok(p.call(Methods.CONVERSATION_LIST, ConversationListRequest.newBuilder()
                .setSinceSeq(sinceSeq).setSinceRead(sinceRead).build())).getConversations();
    }

    private static ConversationEntry entry(ConversationListResult l, int type, String target) {
        return l.getConversationsList().stream().filter(e -> e.getConversation().getType() == type
                && e.getConversation().getTarget().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("no conversation " + type + "/" + target + " in " + l));
    }

    private static int unread(Mqtt5Peer p, String peer) {
        return entry(list(p, 0, 0), 0, peer).getUnread();
    }

    private static List<Receipt> receipts(Mqtt5Peer p, Conversation c) {
        Reply r = Devices.ok(p.call(Methods.MESSAGE_RECEIPTS, ReceiptsRequest.newBuilder().setConversation(c)
                .build()));
        return r.getReceipts().getReceiptsList();
    }
}
